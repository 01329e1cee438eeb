import { describe, expect, it } from 'vitest';
import { pooledRandomBytes } from './random-pool.js';

describe('pooledRandomBytes', () => {
  it('hands each byte out once: values never repeat, across refills of the pool', () => {
    const values = Array.from({ length: 2000 }, () => pooledRandomBytes(12).toString('hex'));
    expect(new Set(values).size).toBe(values.length);
  });

  it('never changes bytes already handed out when the pool refills', () => {
    const first = pooledRandomBytes(16);
    const copy = Buffer.from(first);
    for (let index = 0; index < 1000; index += 1) pooledRandomBytes(16);
    expect(first.equals(copy)).toBe(true);
  });

  it('gives the size asked for, larger than the pool too', () => {
    expect(pooledRandomBytes(12)).toHaveLength(12);
    expect(pooledRandomBytes(10_000)).toHaveLength(10_000);
  });
});
