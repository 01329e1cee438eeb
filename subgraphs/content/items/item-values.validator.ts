// Checks item values against the fields of their type. Pure: what needs the database
// (references, uniqueness) is reported as work for the caller. Every offending field is
// reported at once.
import { isId } from '../../../lib/ids.js';
import type { ContentField } from '../fields/content-field.entity.js';
import { FieldKind } from '../fields/field-kind.js';

export interface FieldError {
  readonly field: string;
  readonly reason: string;
}

export interface ReferenceCheck {
  readonly field: string;
  readonly contentTypeId: string;
  readonly itemId: string;
}

export interface MemberCheck {
  readonly field: string;
  readonly userId: string;
}

export interface ValidatedValues {
  readonly errors: FieldError[];
  /** Values as they will be stored (datetimes in UTC); null means "remove this key". */
  readonly values: Record<string, unknown>;
  readonly references: ReferenceCheck[];
  /** MEMBER values, to check against the workspace's membership (owned by identity). */
  readonly members: MemberCheck[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function checkValue(field: ContentField, value: unknown): { reason?: string; value?: unknown } {
  const choices = field.options.choices ?? [];
  switch (field.kind) {
    case FieldKind.TEXT:
    case FieldKind.LONG_TEXT: {
      const limit = field.kind === FieldKind.TEXT ? 10_000 : 1_000_000;
      if (typeof value !== 'string') return { reason: 'must be a string' };
      return value.length > limit ? { reason: `must be at most ${limit} characters` } : { value };
    }
    case FieldKind.NUMBER:
      return typeof value === 'number' && Number.isFinite(value) ? { value } : { reason: 'must be a number' };
    case FieldKind.BOOLEAN:
      return typeof value === 'boolean' ? { value } : { reason: 'must be true or false' };
    case FieldKind.DATE: {
      if (typeof value !== 'string' || !DATE.test(value)) return { reason: 'must be a date, YYYY-MM-DD' };
      const parsed = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value) ? { value } : { reason: 'must be a real date' };
    }
    case FieldKind.DATETIME: {
      if (typeof value !== 'string' || !DATETIME.test(value) || Number.isNaN(Date.parse(value))) {
        return { reason: 'must be an ISO-8601 date-time with a time zone' };
      }
      return { value: new Date(value).toISOString() };
    }
    case FieldKind.EMAIL:
      return typeof value === 'string' && value.length <= 254 && EMAIL.test(value) ? { value } : { reason: 'must be an email address' };
    case FieldKind.URL: {
      if (typeof value !== 'string' || !URL.canParse(value)) return { reason: 'must be an http(s) URL' };
      const protocol = new URL(value).protocol;
      return protocol === 'http:' || protocol === 'https:' ? { value } : { reason: 'must be an http(s) URL' };
    }
    case FieldKind.SINGLE_SELECT:
      return typeof value === 'string' && choices.includes(value) ? { value } : { reason: `must be one of ${choices.join(', ')}` };
    case FieldKind.MULTI_SELECT: {
      if (!Array.isArray(value) || value.some((choice) => typeof choice !== 'string' || !choices.includes(choice))) {
        return { reason: `must be a list of ${choices.join(', ')}` };
      }
      return new Set(value).size === value.length ? { value } : { reason: 'must not repeat a choice' };
    }
    case FieldKind.REFERENCE:
    case FieldKind.MEMBER:
      return typeof value === 'string' && isId(value) ? { value } : { reason: 'must be an id' };
  }
}

/**
 * `mode: 'create'` requires every required field; `'update'` checks only the keys given
 * (a partial update), refusing null for a required field.
 */
export function validateValues(fields: readonly ContentField[], input: unknown, mode: 'create' | 'update'): ValidatedValues {
  const errors: FieldError[] = [];
  const values: Record<string, unknown> = {};
  const references: ReferenceCheck[] = [];
  const members: MemberCheck[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { errors: [{ field: 'values', reason: 'must be a JSON object keyed by field key' }], values, references, members };
  }
  const given = input as Record<string, unknown>;
  const byKey = new Map(fields.map((field) => [field.key, field]));
  for (const key of Object.keys(given)) if (!byKey.has(key)) errors.push({ field: key, reason: 'is not a field of this type' });
  for (const field of fields) {
    const present = Object.hasOwn(given, field.key);
    const value = given[field.key];
    if (!present) {
      if (mode === 'create' && field.required) errors.push({ field: field.key, reason: 'is required' });
      continue;
    }
    if (value === null) {
      if (field.required) errors.push({ field: field.key, reason: 'is required' });
      else values[field.key] = null;
      continue;
    }
    const checked = checkValue(field, value);
    if (checked.reason) {
      errors.push({ field: field.key, reason: checked.reason });
      continue;
    }
    values[field.key] = checked.value;
    if (field.kind === FieldKind.REFERENCE && field.options.contentTypeId) {
      references.push({ field: field.key, contentTypeId: field.options.contentTypeId, itemId: checked.value as string });
    }
    if (field.kind === FieldKind.MEMBER) members.push({ field: field.key, userId: checked.value as string });
  }
  return { errors, values, references, members };
}

/** Canonical text of a value, for the uniqueness table. */
export function uniqueText(value: unknown): string {
  return JSON.stringify(value);
}
