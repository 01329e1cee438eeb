// The input of a field's settings: one optional field per kind with settings, of which
// exactly the one matching the field's kind must be set (field-options.validator.ts). Not
// `@oneOf`: our federation composition refuses it, and with @composeDirective the
// gateway's API schema drops it, so the rule is checked by the validator instead.
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Settings of a SINGLE_SELECT or MULTI_SELECT field.' })
export class SelectOptionsInput {
  @Field(() => [String], { description: 'The values an item may hold: at least one, distinct, none empty.' })
  choices!: string[];
}

@InputType({ description: 'Settings of a REFERENCE field.' })
export class ReferenceOptionsInput {
  @Field(() => ID, { description: 'A content type of this workspace; items reference items of that type.' })
  contentTypeId!: string;
}

@InputType({
  description:
    "Kind-specific settings of a field: set exactly one field, the one named after the field's kind (`singleSelect` for SINGLE_SELECT, `multiSelect` for MULTI_SELECT, `reference` for REFERENCE). Other kinds take no options. Anything else is BAD_USER_INPUT with `fieldErrors`.",
})
export class FieldOptionsInput {
  @Field(() => SelectOptionsInput, { nullable: true, description: 'For a SINGLE_SELECT field.' })
  singleSelect?: SelectOptionsInput | null;

  @Field(() => SelectOptionsInput, { nullable: true, description: 'For a MULTI_SELECT field.' })
  multiSelect?: SelectOptionsInput | null;

  @Field(() => ReferenceOptionsInput, { nullable: true, description: 'For a REFERENCE field.' })
  reference?: ReferenceOptionsInput | null;
}
