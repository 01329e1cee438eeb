// Inputs of the content field mutations.
import { Field, InputType } from 'type-graphql';
import { FieldKind } from './field-kind.js';
import { FieldOptionsInput } from './field-options.input.js';

@InputType({ description: 'A new field of a content type.' })
export class CreateContentFieldInput {
  @Field(() => String, { description: 'Display name, 1 to 100 characters.' })
  name!: string;

  @Field(() => String, { description: 'Stable identifier, unique in the type (`^[a-z][a-z0-9_]*$`).' })
  key!: string;

  @Field(() => FieldKind, { description: 'What the field holds; never changes.' })
  kind!: FieldKind;

  @Field(() => Boolean, { nullable: true, description: 'Every item must have a value (default false).' })
  required?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'No two items may share a value (default false).' })
  unique?: boolean;

  @Field(() => FieldOptionsInput, {
    nullable: true,
    description: 'Settings of the kind: required for SINGLE_SELECT, MULTI_SELECT and REFERENCE (`{ singleSelect: { choices: [...] } }`, …), refused for the others.',
  })
  options?: FieldOptionsInput | null;
}

@InputType({ description: 'Changes to a field; omitted fields stay as they are. Key and kind never change.' })
export class UpdateContentFieldInput {
  @Field(() => String, { nullable: true, description: 'New display name.' })
  name?: string;

  @Field(() => Boolean, { nullable: true, description: 'Whether a value is required from now on (existing items are not checked).' })
  required?: boolean;

  @Field(() => FieldOptionsInput, { nullable: true, description: "New settings, replacing the old: set the field named after the field's kind." })
  options?: FieldOptionsInput | null;
}
