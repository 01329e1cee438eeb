// Record ids: UUIDv7, so ids sort by creation time. That keeps B-tree inserts local
// and lets keyset pagination use the primary key as its order. Within one millisecond a
// 12-bit counter keeps ids of this process increasing (RFC 9562, method 1).
import { randomInt } from 'node:crypto';
import { pooledRandomBytes } from './random-pool.js';

let lastMillisecond = 0;
let sequence = 0;

export function newId(now: number = Date.now()): string {
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
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isId(value: string): boolean {
  return UUID.test(value);
}
