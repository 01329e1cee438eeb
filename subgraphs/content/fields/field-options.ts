// The typed settings of a field (`ContentField.options`), one object per kind that has
// settings. Stored as before in the `options` jsonb column (`{ "choices": [...] }`,
// `{ "contentTypeId": "..." }`); this module maps the stored form to the API's and back.
//
// One object with a nullable field per kind, rather than a union: a client selects it
// without inline fragments or Apollo Client `possibleTypes`, the shape is the one
// `FieldOptionsInput` takes (read, change, send back), and the field's `kind` already says
// which one is set.
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { FieldKind } from './field-kind.js';

/** What the `options` column holds. */
export interface StoredFieldOptions {
  /** SINGLE_SELECT, MULTI_SELECT: the allowed values. */
  choices?: string[];
  /** REFERENCE: the content type referenced items belong to. */
  contentTypeId?: string;
}

// Wrappers need no scope of their own: ContentField (types:read) holds them.
@Directive(scopes([]))
@ObjectType({ description: 'Settings of a SINGLE_SELECT or MULTI_SELECT field.' })
export class SelectOptions {
  @Field(() => [String], { description: 'The values an item may hold, in order; distinct and non-empty.' })
  choices!: string[];
}

@Directive(scopes([]))
@ObjectType({ description: 'Settings of a REFERENCE field.' })
export class ReferenceOptions {
  @Field(() => ID, { description: 'The content type (of this workspace) whose items the field references.' })
  contentTypeId!: string;
}

@Directive(scopes([]))
@ObjectType({ description: "Kind-specific settings of a field: exactly the field named after the field's `kind` is set (`singleSelect` for SINGLE_SELECT, …)." })
export class FieldOptions {
  @Field(() => SelectOptions, { nullable: true, description: 'Set on a SINGLE_SELECT field.' })
  singleSelect?: SelectOptions;

  @Field(() => SelectOptions, { nullable: true, description: 'Set on a MULTI_SELECT field.' })
  multiSelect?: SelectOptions;

  @Field(() => ReferenceOptions, { nullable: true, description: 'Set on a REFERENCE field.' })
  reference?: ReferenceOptions;
}

export type FieldOptionsName = keyof FieldOptions;

/** The `FieldOptions` / `FieldOptionsInput` field each kind with settings uses; kinds not listed take none. */
export const OPTIONS_OF_KIND: Readonly<Partial<Record<FieldKind, FieldOptionsName>>> = {
  [FieldKind.SINGLE_SELECT]: 'singleSelect',
  [FieldKind.MULTI_SELECT]: 'multiSelect',
  [FieldKind.REFERENCE]: 'reference',
};

/** The API form of stored options; null for a kind without settings. */
export function typedFieldOptions(kind: FieldKind, stored: StoredFieldOptions | null | undefined): FieldOptions | null {
  const name = OPTIONS_OF_KIND[kind];
  if (!name) return null;
  if (name === 'reference') return stored?.contentTypeId ? { reference: { contentTypeId: stored.contentTypeId } } : null;
  return { [name]: { choices: Array.isArray(stored?.choices) ? stored.choices : [] } };
}
