import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PasswordHashing } from './password-hashing.js';

/** A hash that finishes when the test says so. */
function pendingHash(): { promise: Promise<string>; finish: () => void; started: boolean } {
  const hash = { started: false, finish: () => undefined as void, promise: undefined as unknown as Promise<string> };
  hash.promise = new Promise<string>((resolve) => {
    hash.finish = () => resolve('hashed');
  });
  return hash;
}

function refusal(work: () => unknown): GraphQLError {
  try {
    work();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected a refusal');
}

describe('PasswordHashing', () => {
  it('runs at most `concurrency` hashes at once, the others in arrival order as slots free up', async () => {
    const hashing = new PasswordHashing({ concurrency: 2, queue: 10, perAddress: 10 });
    const hashes = [pendingHash(), pendingHash(), pendingHash(), pendingHash()];
    const order: number[] = [];
    const results = hashes.map((hash, index) => {
      const ticket = hashing.admit('203.0.113.1');
      return ticket
        .hash(() => {
          hash.started = true;
          order.push(index);
          return hash.promise;
        })
        .finally(() => ticket.release());
    });
    await Promise.resolve();
    expect(hashes.map((hash) => hash.started)).toEqual([true, true, false, false]);
    expect(hashing.load).toEqual({ running: 2, held: 4 });
    hashes[1].finish();
    await expect.poll(() => hashes[2].started).toBe(true);
    expect(hashes[3].started).toBe(false);
    hashes[0].finish();
    hashes[2].finish();
    await expect.poll(() => hashes[3].started).toBe(true);
    hashes[3].finish();
    expect(await Promise.all(results)).toEqual(['hashed', 'hashed', 'hashed', 'hashed']);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(hashing.load).toEqual({ running: 0, held: 0 });
  });

  it('refuses at once, RATE_LIMITED with retryAfter 1, when every slot and queue place is held', () => {
    const hashing = new PasswordHashing({ concurrency: 1, queue: 2, perAddress: 10 });
    const held = [hashing.admit('a'), hashing.admit('b'), hashing.admit('c')];
    const refused = refusal(() => hashing.admit('d'));
    expect(refused.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 1 });
    held[0].release();
    expect(() => hashing.admit('d')).not.toThrow();
  });

  it('gives one address at most `perAddress` places, so its flood leaves room for everyone else', () => {
    const hashing = new PasswordHashing({ concurrency: 2, queue: 8, perAddress: 1 });
    const first = hashing.admit('198.51.100.9');
    expect(refusal(() => hashing.admit('198.51.100.9')).extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 1 });
    expect(() => hashing.admit('203.0.113.1')).not.toThrow();
    // Released twice by mistake: counted once.
    first.release();
    first.release();
    expect(hashing.load.held).toBe(1);
    expect(() => hashing.admit('198.51.100.9')).not.toThrow();
  });

  it('keeps a lane for addresses a sign-in succeeded from: a flood from many others neither fills it nor gets served before it', async () => {
    const hashing = new PasswordHashing({ concurrency: 1, queue: 1, perAddress: 1 });
    hashing.signedIn('192.0.2.10');
    const running = pendingHash();
    const first = hashing.admit('198.51.100.1');
    const firstDone = first.hash(() => running.promise).finally(() => first.release());
    const queued = hashing.admit('198.51.100.2');
    const order: string[] = [];
    const queuedDone = queued.hash(async () => void order.push('flood')).finally(() => queued.release());
    // Every place of the other lane is taken: one more flooding address is refused ...
    expect(refusal(() => hashing.admit('198.51.100.3')).extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 1 });
    // ... the returning user is not, and is served before the flood that queued first.
    const returning = hashing.admit('192.0.2.10');
    const returningDone = returning.hash(async () => void order.push('returning')).finally(() => returning.release());
    running.finish();
    await Promise.all([firstDone, queuedDone, returningDone]);
    expect(order).toEqual(['returning', 'flood']);
  });
});
