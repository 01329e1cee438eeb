// The cursor codec: what it writes it reads back; anything else is one BAD_USER_INPUT
// naming `after`, never another exception and never a position a query could choke on.
import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CursorPart, MAX_CURSOR_LENGTH, cursorCodec, idCursor, timeCursor } from './cursor.js';
import { newId } from './ids.js';

// The same generated cases on every run, so CI is reproducible; PROPERTY_SEED=<n> tries others.
fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED ?? 20261201) });

/** Whether a JSON value holds a `__proto__` key anywhere: zod's JSON schema drops such keys (a prototype-pollution guard). */
function hasProtoKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasProtoKey);
  if (value === null || typeof value !== 'object') return false;
  return Object.keys(value).some((key) => key === '__proto__' || hasProtoKey((value as Record<string, unknown>)[key]));
}

const encodeRaw = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function refusal(decode: () => unknown): GraphQLError {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error('expected the cursor to be refused');
}

function expectRefused(decode: () => unknown): void {
  const error = refusal(decode);
  expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  expect(error.message).toMatch(/^after is not a cursor of this list/);
}

describe('cursorCodec', () => {
  const roles = idCursor('roles');
  const requestLogs = timeCursor('requestLogs');
  const byTitle = cursorCodec('items:field.title:asc', [CursorPart.sortValue, CursorPart.id]);
  const id = newId();
  const time = new Date().toISOString();

  it('reads back every position it writes', () => {
    expect(roles.decode(roles.encode([id]))).toEqual([id]);
    expect(requestLogs.decode(requestLogs.encode([time, id]))).toEqual([time, id]);
    for (const value of [null, 'Hello "world"', 0, -1.5, true, ['a', 'b'], 'x'.repeat(10_000)]) {
      expect(byTitle.decode(byTitle.encode([value, id]))).toEqual([value, id]);
    }
    expect(roles.decode(undefined)).toBeUndefined();
    expect(roles.decode(null)).toBeUndefined();
  });

  it('reads back random ids, instants and sort values', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.jsonValue().filter((value) => !hasProtoKey(value)),
        (uuid, date, value) => {
          expect(requestLogs.decode(requestLogs.encode([date.toISOString(), uuid]))).toEqual([date.toISOString(), uuid]);
          // JSON cannot hold -0; what the codec reads back is what JSON made of it.
          const sortValue = JSON.parse(JSON.stringify(value));
          expect(byTitle.decode(byTitle.encode([sortValue, uuid]))).toEqual([sortValue, uuid]);
        },
      ),
    );
  });

  it.each([
    ['an empty string', ''],
    ['text that is not base64', '!!!not a cursor!!!'],
    ['base64 with padding', `${roles.encode([id])}=`],
    ['base64 of text that is not JSON', encodeRaw('hello world')],
    ['base64 of invalid UTF-8', Buffer.from([0xff, 0xfe, 0x5b]).toString('base64url')],
    ['a JSON object', encodeRaw({ id })],
    ['a JSON string', encodeRaw(id)],
    ['an empty array', encodeRaw([])],
    ['the id without the list name (a cursor of the previous format)', encodeRaw([id])],
    ['the list name without a position', encodeRaw(['roles'])],
    ['one part too many', encodeRaw(['roles', id, id])],
    ['a non-UUID id', encodeRaw(['roles', 'not-a-uuid'])],
    ['SQL in the id', encodeRaw(['roles', "' or 1=1; drop table roles; --"])],
    ['a 10 kB id', encodeRaw(['roles', 'a'.repeat(10_000)])],
    ['a number for the id', encodeRaw(['roles', 42])],
    ['null for the id', encodeRaw(['roles', null])],
    ['a nested array', encodeRaw(['roles', [id]])],
    ['the cursor of another list with the same shape', idCursor('members').encode([id])],
    ['a cursor longer than a request body', 'A'.repeat(MAX_CURSOR_LENGTH + 4)],
  ])('refuses %s', (_name, cursor) => {
    expectRefused(() => roles.decode(cursor));
  });

  it.each([
    ['a time that does not parse', ['requestLogs', 'yesterday', id]],
    ['a time PostgreSQL would reject', ['requestLogs', '2024-02-30T00:00:00.000Z', id]],
    ['a time not written by toISOString', ['requestLogs', '2024-02-01T00:00:00Z', id]],
    ['a number for the time', ['requestLogs', Date.now(), id]],
    ['the parts in the wrong order', ['requestLogs', id, time]],
    ['a cursor of items by creation time', ['items:createdAt:asc', time, id]],
  ])('refuses a time cursor with %s', (_name, position) => {
    expectRefused(() => requestLogs.decode(encodeRaw(position)));
  });

  it('refuses a cursor of another order of the same list', () => {
    const byTitleDesc = cursorCodec('items:field.title:desc', [CursorPart.sortValue, CursorPart.id]);
    expectRefused(() => byTitleDesc.decode(byTitle.encode(['a', id])));
    expectRefused(() => byTitle.decode(encodeRaw(['items:field.title:asc', 'a', 'not-a-uuid'])));
  });

  it('reads a sort value holding a __proto__ key back without it (zod drops such keys), never polluting a prototype', () => {
    const position = byTitle.decode(byTitle.encode([JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'), id]));
    expect(position?.[0]).toEqual({ a: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers any string with a position or BAD_USER_INPUT, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.jsonValue().map(encodeRaw)), (cursor) => {
        try {
          const position = requestLogs.decode(cursor);
          expect(position).toHaveLength(2);
        } catch (error) {
          expect((error as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'after' });
        }
      }),
    );
  });
});
