// Keyset cursors, the one place an `after` or `before` argument is read: every connection
// declares the shape of its position (which parts, in which order), and a cursor is
// accepted only when each part is what the API itself writes there. Anything else is one
// BAD_USER_INPUT naming the argument, before any SQL runs (issue 11: forged cursors used
// to reach PostgreSQL).
import type { GraphQLError } from 'graphql';
import { z } from 'zod';
import { badUserInput } from './errors.js';
import { DEFAULT_BODY_LIMIT } from './http-server.js';
import { isId } from './ids.js';

/**
 * No real cursor is longer than the request that brings it back. Checked first, so that
 * nothing larger is decoded; the parts below bound themselves by their formats.
 */
export const MAX_CURSOR_LENGTH = DEFAULT_BODY_LIMIT;

/** What each part of a keyset position may hold. */
export const CursorPart = {
  /** A record id: a UUID, as lib/ids.ts makes them. */
  id: z.string().refine(isId),
  /** A content hash (SHA-256, lowercase hex): the id of a trusted document. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** An instant exactly as `Date.toISOString()` writes it (millisecond precision, UTC). */
  timestamp: z.iso.datetime({ precision: 3 }),
  /** A whole number that orders a list (a field's position). */
  integer: z.int(),
  /** A timestamp a record may lack (a key never used, a key that never expires): null then. */
  optionalTimestamp: z.iso.datetime({ precision: 3 }).nullable(),
  /**
   * A value that orders a list (an item's field value), or null for "no value" (such
   * items come last). Any JSON value, because items order by any field kind; it reaches
   * SQL only as a bound `jsonb` parameter, and its length is bounded by MAX_CURSOR_LENGTH.
   */
  sortValue: z.json(),
} as const;

type Parts = readonly [z.ZodType, ...z.ZodType[]];

/** The decoded position of a cursor with these parts. */
export type PositionOf<P extends Parts> = { -readonly [K in keyof P]: z.output<P[K]> };

export interface CursorCodec<Position extends readonly unknown[]> {
  /** The opaque cursor (`edges.cursor`, `pageInfo.endCursor`) of a row at this position. */
  readonly encode: (position: Position) => string;
  /**
   * The position an `after` (or `before`) argument names: undefined without one,
   * BAD_USER_INPUT naming `argumentName` for anything this codec did not write.
   */
  readonly decode: (cursor: string | null | undefined, argumentName?: CursorArgument) => Position | undefined;
}

/** The arguments that carry a cursor. */
export type CursorArgument = 'after' | 'before';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The one refusal of a cursor, whatever is wrong with it: a client can only fix it by passing a cursor of the same list. */
export function invalidCursor(argumentName: CursorArgument = 'after'): GraphQLError {
  const source = argumentName === 'after' ? '`pageInfo.endCursor`' : '`pageInfo.startCursor`';
  return badUserInput(`${argumentName} is not a cursor of this list: pass ${source} (or an edge's \`cursor\`) of a previous page of the same field, with the same order`, {
    argumentName,
  });
}

/**
 * A codec for the cursors of one list. `list` names the list and its order
 * (`roles`, `items:updatedAt:desc`) and travels inside every cursor: a cursor is bound to
 * the list that made it, so one of `roles` given to `members` (same `[id]` shape), or one
 * of items by creation time given to items by last change (same `[time, id]` shape), is
 * refused instead of being silently read as a position in another order.
 *
 * Cursors are not signed: a client can still write a well-formed position by hand, and
 * that is harmless (it only says where a page starts). What the checks exclude is any
 * value a query could choke on.
 */
export function cursorCodec<const P extends Parts>(list: string, parts: P): CursorCodec<PositionOf<P>> {
  const schema = z.tuple([z.literal(list), ...parts] as unknown as [z.ZodLiteral<string>, ...z.ZodType[]]);
  return {
    encode: (position) => Buffer.from(JSON.stringify([list, ...position])).toString('base64url'),
    decode: (cursor, argumentName = 'after') => {
      if (cursor === undefined || cursor === null) return undefined;
      if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw invalidCursor(argumentName);
      const bytes = Buffer.from(cursor, 'base64url');
      // Base64 text that is not exactly what encode writes (stray trailing bits) is not ours.
      if (bytes.toString('base64url') !== cursor) throw invalidCursor(argumentName);
      let value: unknown;
      try {
        value = JSON.parse(bytes.toString('utf8'));
      } catch {
        throw invalidCursor(argumentName);
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw invalidCursor(argumentName);
      return parsed.data.slice(1) as PositionOf<P>;
    },
  };
}

/** Lists in id order (ids are UUIDv7, so creation order): the position is the id. */
export function idCursor(list: string): CursorCodec<[string]> {
  return cursorCodec(list, [CursorPart.id]);
}

/** Lists ordered by a time, then id: the position is the row's time and id. */
export function timeCursor(list: string): CursorCodec<[string, string]> {
  return cursorCodec(list, [CursorPart.timestamp, CursorPart.id]);
}
