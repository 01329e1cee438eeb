// Field queries and mutations.
import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import type { ContentContext } from '../context.js';
import { ContentField } from './content-field.entity.js';
import { CreateFieldInput, UpdateFieldInput } from './content-field.input.js';
import { FieldOptions, typedFieldOptions } from './field-options.js';

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
  field(@Arg('id', () => ID, { description: 'Id of the field.' }) id: string, @Ctx() context: ContentContext): Promise<ContentField> {
    return context.fields.get(id);
  }

  @Directive(scopes(['types:write']))
  @Mutation(() => ContentField, { description: 'Adds a field to a content type.' })
  createField(
    @Arg('typeId', () => ID, { description: 'Id of the content type to add the field to.' }) typeId: string,
    @Arg('input', () => CreateFieldInput, { description: 'Key, name, kind and options of the new field.' }) input: CreateFieldInput,
    @Ctx() context: ContentContext,
  ): Promise<ContentField> {
    return context.fields.create(typeId, input);
  }

  @Directive(scopes(['types:write']))
  @Mutation(() => ContentField, { description: 'Renames a field, or changes whether it is required or its options.' })
  updateField(
    @Arg('id', () => ID, { description: 'Id of the field to change.' }) id: string,
    @Arg('input', () => UpdateFieldInput, { description: 'What to change.' }) input: UpdateFieldInput,
    @Ctx() context: ContentContext,
  ): Promise<ContentField> {
    return context.fields.update(id, input);
  }

  @Directive(scopes(['types:delete']))
  @Mutation(() => Boolean, { description: 'Deletes a field and its value from every item of the type.' })
  deleteField(@Arg('id', () => ID, { description: 'Id of the field to delete.' }) id: string, @Ctx() context: ContentContext): Promise<boolean> {
    return context.fields.delete(id);
  }
}
