// Content field queries and mutations: one name, ContentField, for the type, the query
// (`contentField`), the mutations and their inputs.
import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DeletePayloadType, ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import type { ContentContext } from '../context.js';
import { ContentField } from './content-field.entity.js';
import { CreateContentFieldInput, UpdateContentFieldInput } from './content-field.input.js';
import { FieldOptions, typedFieldOptions } from './field-options.js';

export const CreateContentFieldPayload = ObjectPayloadType('createContentField', 'contentField', () => ContentField, {
  description: 'A new field of a content type.',
  fieldDescription: 'The field created.',
  deniableWithout: 'types:read',
});
export const UpdateContentFieldPayload = ObjectPayloadType('updateContentField', 'contentField', () => ContentField, {
  description: 'A changed field of a content type.',
  fieldDescription: 'The field, as changed.',
  deniableWithout: 'types:read',
});
export const DeleteContentFieldPayload = DeletePayloadType('deleteContentField', 'A deleted field of a content type.', 'Id of the field deleted (its value is gone from every item of the type).');

@Resolver(() => ContentField)
export class ContentFieldResolver {
  @FieldResolver(() => FieldOptions, {
    name: 'options',
    nullable: true,
    description: 'Kind-specific settings: `singleSelect` / `multiSelect` choices, the `reference` target type; null for a kind without settings.',
  })
  typedOptions(@Root() field: ContentField): FieldOptions | null {
    return typedFieldOptions(field.kind, field.options);
  }

  @Directive(scopes(['types:read']))
  @Query(() => ContentField, { nullable: true, description: 'A field of a content type of the current workspace.' })
  contentField(@Arg('id', () => ID, { description: 'Id of the field.' }) id: string, @Ctx() context: ContentContext): Promise<ContentField> {
    return context.fields.get(id);
  }

  @Directive(scopes(['types:write']))
  @Mutation(() => CreateContentFieldPayload, { description: 'Adds a field to a content type.' })
  async createContentField(
    @Arg('contentTypeId', () => ID, { description: 'Id of the content type to add the field to.' }) contentTypeId: string,
    @Arg('input', () => CreateContentFieldInput, { description: 'Key, name, kind and options of the new field.' }) input: CreateContentFieldInput,
    @Ctx() context: ContentContext,
  ): Promise<InstanceType<typeof CreateContentFieldPayload>> {
    return { contentField: await context.fields.create(contentTypeId, input) };
  }

  @Directive(scopes(['types:write']))
  @Mutation(() => UpdateContentFieldPayload, { description: 'Renames a field, or changes whether it is required or its options.' })
  async updateContentField(
    @Arg('id', () => ID, { description: 'Id of the field to change.' }) id: string,
    @Arg('input', () => UpdateContentFieldInput, { description: 'What to change.' }) input: UpdateContentFieldInput,
    @Ctx() context: ContentContext,
  ): Promise<InstanceType<typeof UpdateContentFieldPayload>> {
    return { contentField: await context.fields.update(id, input) };
  }

  @Directive(scopes(['types:delete']))
  @Mutation(() => DeleteContentFieldPayload, { description: 'Deletes a field and its value from every item of the type.' })
  async deleteContentField(@Arg('id', () => ID, { description: 'Id of the field to delete.' }) id: string, @Ctx() context: ContentContext): Promise<InstanceType<typeof DeleteContentFieldPayload>> {
    return { deletedId: await context.fields.delete(id) };
  }
}
