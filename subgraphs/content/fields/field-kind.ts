// The kinds of value a content field holds.
import { registerEnumType } from 'type-graphql';

export enum FieldKind {
  TEXT = 'TEXT',
  LONG_TEXT = 'LONG_TEXT',
  NUMBER = 'NUMBER',
  BOOLEAN = 'BOOLEAN',
  DATE = 'DATE',
  DATETIME = 'DATETIME',
  EMAIL = 'EMAIL',
  URL = 'URL',
  SINGLE_SELECT = 'SINGLE_SELECT',
  MULTI_SELECT = 'MULTI_SELECT',
  REFERENCE = 'REFERENCE',
  MEMBER = 'MEMBER',
}

/** Kinds whose values `search` looks into. */
export const TEXT_KINDS: ReadonlySet<FieldKind> = new Set([FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.EMAIL, FieldKind.URL]);
/** Low-cardinality kinds whose per-value item counts are kept (items/item-value-count.entity.ts). */
export const COUNTED_KINDS: ReadonlySet<FieldKind> = new Set([FieldKind.SINGLE_SELECT, FieldKind.BOOLEAN]);
/** Kinds a range filter applies to. */
export const RANGE_KINDS: ReadonlySet<FieldKind> = new Set([FieldKind.NUMBER, FieldKind.DATE, FieldKind.DATETIME]);

registerEnumType(FieldKind, {
  name: 'FieldKind',
  description: 'What a field holds.',
  valuesConfig: {
    TEXT: { description: 'A short string (at most 10,000 characters).' },
    LONG_TEXT: { description: 'A long string (at most 1,000,000 characters).' },
    NUMBER: { description: 'A finite number.' },
    BOOLEAN: { description: 'true or false.' },
    DATE: { description: 'A calendar date, `YYYY-MM-DD`.' },
    DATETIME: { description: 'An instant, ISO-8601 with a time zone; stored in UTC.' },
    EMAIL: { description: 'An email address.' },
    URL: { description: 'An http(s) URL.' },
    SINGLE_SELECT: { description: 'One of `options.singleSelect.choices`.' },
    MULTI_SELECT: { description: 'Distinct values from `options.multiSelect.choices`.' },
    REFERENCE: { description: 'The id of an item of the type `options.reference.contentTypeId`, in the same workspace.' },
    MEMBER: { description: 'The user id of a member of the workspace.' },
  },
});
