// Content type queries and mutations; ContentType.fields through a DataLoader; Workspace.contentTypes,
// the root `contentTypes` hung from the workspace it lists (only the request's: one page at most).
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { DeletePayloadType, ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { CURRENT_WORKSPACE_ONLY, requireCurrentWorkspace } from '../../../lib/current-workspace.js';
import type { ContentContext } from '../context.js';
import { ContentField } from '../fields/content-field.entity.js';
import { Workspace } from '../workspaces/workspace.reference.js';
import { ContentType } from './content-type.entity.js';
import { ContentTypeFilter, CreateContentTypeInput, UpdateContentTypeInput } from './content-type.input.js';

export const ContentTypeConnection = ConnectionType(ContentType, 'ContentType');
export const ContentFieldConnection = ConnectionType(ContentField, 'ContentField');
export const CreateContentTypePayload = ObjectPayloadType('createContentType', 'contentType', () => ContentType, {
  description: 'A new content type.',
  fieldDescription: 'The content type created.',
  deniableWithout: 'types:read',
});
export const UpdateContentTypePayload = ObjectPayloadType('updateContentType', 'contentType', () => ContentType, {
  description: 'A changed content type.',
  fieldDescription: 'The content type, as changed.',
  deniableWithout: 'types:read',
});
export const DeleteContentTypePayload = DeletePayloadType('deleteContentType', 'A deleted content type.', 'Id of the content type deleted (with its fields, and with `force` its items).');

@Resolver(() => ContentType)
export class ContentTypeResolver {
  @Directive(scopes(['types:read']))
  @Query(() => ContentTypeConnection, { nullable: true, description: 'Content types of the current workspace, oldest first.' })
  contentTypes(
    @Arg('filter', () => ContentTypeFilter, { nullable: true, description: 'Narrow by name or key.' }) filter: ContentTypeFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: ContentContext,
  ): Promise<Connection<ContentType>> {
    return context.contentTypes.list(filter, page);
  }

  @Directive(scopes(['types:read']))
  @Query(() => ContentType, { nullable: true, description: 'A content type of the current workspace.' })
  contentType(@Arg('id', () => ID, { description: 'Id of the content type.' }) id: string, @Ctx() context: ContentContext): Promise<ContentType> {
    return context.contentTypes.get(id);
  }

  @FieldResolver(() => ContentFieldConnection, { description: 'The fields of the type, in order.' })
  fields(@Root() type: ContentType, @Args(() => PageArgs) page: PageArgs, @Ctx() context: ContentContext): Promise<Connection<ContentField>> {
    return context.loaders.fieldsOfType.load({ ...page, parentId: type.id });
  }

  @Directive(scopes(['types:write']))
  @Mutation(() => CreateContentTypePayload, { description: 'Creates a content type.' })
  async createContentType(
    @Arg('input', () => CreateContentTypeInput, { description: 'Key, name and description of the new type.' }) input: CreateContentTypeInput,
    @Ctx() context: ContentContext,
  ): Promise<InstanceType<typeof CreateContentTypePayload>> {
    return { contentType: await context.contentTypes.create(input) };
  }

  @Directive(scopes(['types:write']))
  @Mutation(() => UpdateContentTypePayload, { description: 'Renames a content type or changes its description.' })
  async updateContentType(
    @Arg('id', () => ID, { description: 'Id of the content type to change.' }) id: string,
    @Arg('input', () => UpdateContentTypeInput, { description: 'What to change.' }) input: UpdateContentTypeInput,
    @Ctx() context: ContentContext,
  ): Promise<InstanceType<typeof UpdateContentTypePayload>> {
    return { contentType: await context.contentTypes.update(id, input) };
  }

  @Directive(scopes(['types:delete']))
  @Mutation(() => DeleteContentTypePayload, { description: 'Deletes a content type. Refused while it has items unless `force`, which deletes them too, in one transaction.' })
  async deleteContentType(
    @Arg('id', () => ID, { description: 'Id of the content type to delete.' }) id: string,
    @Arg('force', () => Boolean, { defaultValue: false, description: "Also delete the type's items." }) force: boolean,
    @Ctx() context: ContentContext,
  ): Promise<InstanceType<typeof DeleteContentTypePayload>> {
    return { deletedId: await context.contentTypes.delete(id, force) };
  }
}

@Resolver(() => Workspace)
export class WorkspaceContentTypesResolver {
  @Directive(scopes(['types:read']))
  @FieldResolver(() => ContentTypeConnection, { nullable: true, description: `Content types of this workspace, oldest first, as \`contentTypes\` lists them. ${CURRENT_WORKSPACE_ONLY}` })
  contentTypes(
    @Root() workspace: Workspace,
    @Arg('filter', () => ContentTypeFilter, { nullable: true, description: 'Narrow by name or key.' }) filter: ContentTypeFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: ContentContext,
  ): Promise<Connection<ContentType>> {
    requireCurrentWorkspace(context.principal, workspace.id, 'content types');
    return context.contentTypes.list(filter, page);
  }
}
