// Record ids: UUIDv7, so ids sort by creation time. That keeps B-tree inserts local
// and lets keyset pagination use the primary key as its order. Within one millisecond a
// 12-bit counter keeps ids of this process increasing (RFC 9562, method 1).
//
// The id of a Node record carries its type (lib/node-types.ts) in its last byte, part of
// rand_b: still a valid UUIDv7 (version and variant untouched), still 54 random bits, and
// `node(id)` reads the type from the id alone. Records made before tags existed have a
// random last byte: node() finds no type for most of them, and for the others looks up a
// record of the type the byte names, which is not there (null) unless it is that type.
import { randomInt } from 'node:crypto';
import { nodeTypeOfTag, type NodeTag, type NodeTypeName } from './node-types.js';
import { pooledRandomBytes } from './random-pool.js';

let lastMillisecond = 0;
let sequence = 0;

/** A new id; with `tag`, the id of a record of that Node type (NODE_TYPE_TAGS). */
export function newId(tag?: NodeTag, now: number = Date.now()): string {
  let millisecond = now;
  if (millisecond <= lastMillisecond) {
    millisecond = lastMillisecond;
    sequence += 1;
    if (sequence > 0xfff) {
      millisecond += 1;
      sequence = 0;
    }
  } else {
    // Start low in the counter's range so that many ids fit in the same millisecond.
    sequence = randomInt(0, 0x400);
  }
  lastMillisecond = millisecond;
  const bytes = pooledRandomBytes(16);
  bytes.writeUIntBE(millisecond, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  if (tag !== undefined) bytes[15] = tag;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isId(value: string): boolean {
  return UUID.test(value);
}

/** The Node type an id's tag names; undefined for an id without a known tag. Call isId first. */
export function nodeTypeOfId(id: string): NodeTypeName | undefined {
  return nodeTypeOfTag(Number.parseInt(id.slice(-2), 16));
}

/** When a UUIDv7 was made (its 48-bit millisecond timestamp). Call isId first. */
export function timeOfId(id: string): Date {
  return new Date(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16));
}
