// The one check of a field's settings (field-options.validator.ts) and how stored settings
// read back (field-options.ts), without a database.
import { describe, expect, it } from 'vitest';
import { FieldKind } from './field-kind.js';
import { OPTIONS_OF_KIND, typedFieldOptions } from './field-options.js';
import { checkFieldOptions } from './field-options.validator.js';

const TYPE_ID = '00000000-0000-7000-8000-000000000001';
const KINDS_WITHOUT_SETTINGS = Object.values(FieldKind).filter((kind) => !OPTIONS_OF_KIND[kind]);

describe('checkFieldOptions', () => {
  it('stores the settings of each kind that has them, in the column form of before', () => {
    expect(checkFieldOptions(FieldKind.SINGLE_SELECT, { singleSelect: { choices: ['a', 'b'] } })).toEqual({ problems: [], stored: { choices: ['a', 'b'] } });
    expect(checkFieldOptions(FieldKind.MULTI_SELECT, { multiSelect: { choices: ['a'] }, singleSelect: null })).toEqual({ problems: [], stored: { choices: ['a'] } });
    expect(checkFieldOptions(FieldKind.REFERENCE, { reference: { contentTypeId: TYPE_ID } })).toEqual({ problems: [], stored: { contentTypeId: TYPE_ID }, contentTypeId: TYPE_ID });
  });

  it.each(KINDS_WITHOUT_SETTINGS)('takes none for %s, and refuses any', (kind) => {
    expect(checkFieldOptions(kind, undefined)).toEqual({ problems: [], stored: {} });
    expect(checkFieldOptions(kind, null)).toEqual({ problems: [], stored: {} });
    expect(checkFieldOptions(kind, {}).problems).toEqual([{ field: 'options', reason: `a ${kind} field takes no options` }]);
    expect(checkFieldOptions(kind, { reference: { contentTypeId: TYPE_ID } }).problems).toEqual([{ field: 'options', reason: `a ${kind} field takes no options` }]);
  });

  it('refuses settings of another kind, several kinds at once, and none where they are needed', () => {
    expect(checkFieldOptions(FieldKind.REFERENCE, undefined).problems).toEqual([{ field: 'options', reason: 'is required for a REFERENCE field: set options.reference' }]);
    expect(checkFieldOptions(FieldKind.MULTI_SELECT, { singleSelect: { choices: ['a'] } }).problems).toEqual([
      { field: 'options.singleSelect', reason: 'does not apply to a MULTI_SELECT field: set options.multiSelect only' },
      { field: 'options.multiSelect', reason: 'is required for a MULTI_SELECT field' },
    ]);
    expect(checkFieldOptions(FieldKind.SINGLE_SELECT, { singleSelect: { choices: ['a'] }, reference: { contentTypeId: TYPE_ID } }).problems).toEqual([
      { field: 'options.reference', reason: 'does not apply to a SINGLE_SELECT field: set options.singleSelect only' },
    ]);
  });

  it.each([[[]], [['a', 'a']], [['a', '']]])('refuses the choices %j', (choices) => {
    expect(checkFieldOptions(FieldKind.SINGLE_SELECT, { singleSelect: { choices } }).problems).toEqual([
      { field: 'options.singleSelect.choices', reason: 'must be a non-empty list of distinct, non-empty strings' },
    ]);
  });

  it('refuses a reference that is not an id, leaving nothing for the caller to look up', () => {
    expect(checkFieldOptions(FieldKind.REFERENCE, { reference: { contentTypeId: "'; drop table content_types; --" } })).toEqual({
      problems: [{ field: 'options.reference.contentTypeId', reason: 'must be a content type of this workspace' }],
      stored: {},
    });
  });
});

describe('typedFieldOptions', () => {
  it('reads stored settings as the API answers them, null for kinds without', () => {
    expect(typedFieldOptions(FieldKind.SINGLE_SELECT, { choices: ['a'] })).toEqual({ singleSelect: { choices: ['a'] } });
    expect(typedFieldOptions(FieldKind.MULTI_SELECT, { choices: ['a'] })).toEqual({ multiSelect: { choices: ['a'] } });
    expect(typedFieldOptions(FieldKind.REFERENCE, { contentTypeId: TYPE_ID })).toEqual({ reference: { contentTypeId: TYPE_ID } });
    for (const kind of KINDS_WITHOUT_SETTINGS) expect(typedFieldOptions(kind, {})).toBeNull();
  });

  it('answers a stored row that lacks its settings without failing', () => {
    expect(typedFieldOptions(FieldKind.SINGLE_SELECT, {})).toEqual({ singleSelect: { choices: [] } });
    expect(typedFieldOptions(FieldKind.REFERENCE, {})).toBeNull();
  });
});
