// Cryptographically random bytes for values made on every request (signature nonces,
// record ids), drawn from a pool filled 4 KiB at a time: one call into OpenSSL per few
// hundred values instead of one each (randomFillSync per value was ~2 % of the gateway's
// CPU). Each byte is handed out once. A refill takes a new buffer rather than overwriting
// the old one, so the bytes a caller was given never change under it.
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/** `size` random bytes no other caller gets (a view into the pool: write to it freely). */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES) return randomFillSync(Buffer.allocUnsafe(size));
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + size);
  offset += size;
  return bytes;
}
