// Keyset cursors, the one place an `after` argument is read: every connection declares
// the shape of its position (which parts, in which order), and a cursor is accepted only
// when each part is what the API itself writes there. Anything else is one BAD_USER_INPUT
// naming `after`, before any SQL runs (issue 11: forged cursors used to reach PostgreSQL).
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
  /** The position an `after` argument continues from: undefined without one, BAD_USER_INPUT for anything this codec did not write. */
  readonly decode: (after: string | null | undefined) => Position | undefined;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The one refusal of a cursor, whatever is wrong with it: a client can only fix it by passing a cursor of the same list. */
export function invalidCursor(): GraphQLError {
  return badUserInput("after is not a cursor of this list: pass `pageInfo.endCursor` (or an edge's `cursor`) of a previous page of the same field, with the same order", {
    argumentName: 'after',
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
    decode: (after) => {
      if (after === undefined || after === null) return undefined;
      if (after.length > MAX_CURSOR_LENGTH || !BASE64URL.test(after)) throw invalidCursor();
      const bytes = Buffer.from(after, 'base64url');
      // Base64 text that is not exactly what encode writes (stray trailing bits) is not ours.
      if (bytes.toString('base64url') !== after) throw invalidCursor();
      let value: unknown;
      try {
        value = JSON.parse(bytes.toString('utf8'));
      } catch {
        throw invalidCursor();
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw invalidCursor();
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
