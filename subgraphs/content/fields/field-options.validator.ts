// The one check of a field's settings against its kind, for createField and updateField.
// Pure: whether a referenced content type exists is reported as work for the caller (as
// items/item-values.validator.ts does). Every problem is reported at once, each with the
// input path it is about, so the caller raises one BAD_USER_INPUT listing them.
import type { FieldProblem } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import type { FieldKind } from './field-kind.js';
import { OPTIONS_OF_KIND, type FieldOptionsName, type StoredFieldOptions } from './field-options.js';
import type { FieldOptionsInput } from './field-options.input.js';

const OPTION_NAMES: readonly FieldOptionsName[] = ['singleSelect', 'multiSelect', 'reference'];

export interface CheckedFieldOptions {
  readonly problems: FieldProblem[];
  /** What to store when there is no problem. */
  readonly stored: StoredFieldOptions;
  /** A REFERENCE target the caller must find among the workspace's content types. */
  readonly contentTypeId?: string;
}

/**
 * `given` is the input's `options` (undefined or null: none given). A kind with settings
 * requires them; a kind without refuses any.
 */
export function checkFieldOptions(kind: FieldKind, given: FieldOptionsInput | null | undefined): CheckedFieldOptions {
  const expected = OPTIONS_OF_KIND[kind];
  const problems: FieldProblem[] = [];
  if (given === null || given === undefined) {
    if (expected) problems.push({ field: 'options', reason: `is required for a ${kind} field: set options.${expected}` });
    return { problems, stored: {} };
  }
  const set = OPTION_NAMES.filter((name) => given[name] !== null && given[name] !== undefined);
  if (!expected) {
    problems.push({ field: 'options', reason: `a ${kind} field takes no options` });
    return { problems, stored: {} };
  }
  if (set.length !== 1 || set[0] !== expected) {
    const wrong = set.filter((name) => name !== expected);
    for (const name of wrong) problems.push({ field: `options.${name}`, reason: `does not apply to a ${kind} field: set options.${expected} only` });
    if (!set.includes(expected)) problems.push({ field: `options.${expected}`, reason: `is required for a ${kind} field` });
    return { problems, stored: {} };
  }
  if (expected === 'reference') {
    const contentTypeId = given.reference!.contentTypeId;
    if (!isId(contentTypeId)) {
      problems.push({ field: 'options.reference.contentTypeId', reason: 'must be a content type of this workspace' });
      return { problems, stored: {} };
    }
    return { problems, stored: { contentTypeId }, contentTypeId };
  }
  const choices = given[expected]!.choices;
  if (choices.length === 0 || choices.some((choice) => choice.length === 0) || new Set(choices).size !== choices.length) {
    problems.push({ field: `options.${expected}.choices`, reason: 'must be a non-empty list of distinct, non-empty strings' });
    return { problems, stored: {} };
  }
  return { problems, stored: { choices: [...choices] } };
}
