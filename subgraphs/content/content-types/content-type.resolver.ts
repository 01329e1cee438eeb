// Content type queries, and Workspace.contentTypes through a DataLoader.
import { Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import type { ContentContext } from '../context.js';
import { Workspace } from '../workspaces/workspace.reference.js';
import { ContentType } from './content-type.entity.js';

export const ContentTypeConnection = ConnectionType(ContentType, 'ContentType');

@Resolver(() => ContentType)
export class ContentTypeResolver {
  @Directive(scopes(['types:read']))
  @Query(() => ContentTypeConnection, { description: 'Content types of the current workspace, oldest first.' })
  contentTypes(@Args(() => PageArgs) page: PageArgs, @Ctx() context: ContentContext): Promise<Connection<ContentType>> {
    return context.contentTypes.list(page);
  }
}

@Resolver(() => Workspace)
export class WorkspaceContentTypesResolver {
  @Directive(scopes(['types:read']))
  @FieldResolver(() => ContentTypeConnection, { description: 'Content types of this workspace, oldest first.' })
  contentTypes(@Root() workspace: Workspace, @Args(() => PageArgs) page: PageArgs, @Ctx() context: ContentContext): Promise<Connection<ContentType>> {
    return context.loaders.workspaceContentTypes.load({ parentId: workspace.id, first: page.first, after: page.after });
  }
}
