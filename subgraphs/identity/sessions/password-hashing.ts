// Password hashing with bounded concurrency, per identity process. scrypt is meant to be
// expensive: unbounded, a flood of sign-ins (known emails or not, each costs a hash) queues
// every real sign-in behind it. Here at most `concurrency` hashes run at once, at most
// `queue` sign-ins wait for one, and one client address holds at most `perAddress` of
// those places; past any of them the answer is an immediate RATE_LIMITED (retry after
// 1 s), so a flood is refused fast and a sign-in from elsewhere keeps its normal time.
//
// A flood from many addresses at once can still fill every place. Addresses a sign-in
// succeeded from lately (a returning user's) therefore wait in a lane of their own, with as
// many places again, served first: a botnet's unknown emails cannot take their turn. The
// lane depends on the address's history, never on the email, so it tells nothing about
// which accounts exist.
//
// Small enough to write here: p-limit (not installed) queues without bound and knows no
// addresses; rate-limiter-flexible's RateLimiterQueue queues for a rate, not for a slot.
import { LRUCache } from 'lru-cache';
import { rateLimited } from '../../../lib/errors.js';

/** How many addresses a sign-in succeeded from are remembered, and for how long. */
const RETURNING_ADDRESSES = 100_000;
const RETURNING_FOR_MS = 7 * 24 * 3600_000;

type Lane = 'returning' | 'other';

export interface PasswordHashingLimits {
  readonly concurrency: number;
  readonly queue: number;
  readonly perAddress: number;
}

/** A sign-in's place: taken before anything is counted, released when its answer is ready. */
export interface HashingTicket {
  /** Runs the hash once a slot is free (at most `concurrency` at once). */
  hash<T>(work: () => Promise<T>): Promise<T>;
  /** Gives the place back; a second call does nothing. */
  release(): void;
}

const BUSY_RETRY_AFTER_SECONDS = 1;

export class PasswordHashing {
  private running = 0;
  private readonly waiting: Record<Lane, (() => void)[]> = { returning: [], other: [] };
  /** Tickets held, per address (those checking their throttle, waiting or hashing). */
  private readonly heldByAddress = new Map<string, number>();
  private readonly held: Record<Lane, number> = { returning: 0, other: 0 };
  private readonly returning = new LRUCache<string, true>({ max: RETURNING_ADDRESSES, ttl: RETURNING_FOR_MS });

  constructor(private readonly limits: PasswordHashingLimits) {}

  /** A sign-in from `address` succeeded: from now on its sign-ins wait in the returning lane. */
  signedIn(address: string): void {
    this.returning.set(address, true);
  }

  /**
   * A place for one sign-in from `address`, or RATE_LIMITED at once when the address holds
   * all its places or every slot and queue place of its lane is taken.
   */
  admit(address: string): HashingTicket {
    const ofAddress = this.heldByAddress.get(address) ?? 0;
    if (ofAddress >= this.limits.perAddress) throw rateLimited('Another sign-in from your address is being checked; retry in a second', BUSY_RETRY_AFTER_SECONDS);
    const lane: Lane = this.returning.has(address) ? 'returning' : 'other';
    if (this.held[lane] >= this.limits.concurrency + this.limits.queue) throw rateLimited('Too many sign-ins at once; retry in a second', BUSY_RETRY_AFTER_SECONDS);
    this.heldByAddress.set(address, ofAddress + 1);
    this.held[lane] += 1;
    let released = false;
    return {
      hash: (work) => this.run(lane, work),
      release: () => {
        if (released) return;
        released = true;
        this.held[lane] -= 1;
        const left = (this.heldByAddress.get(address) ?? 1) - 1;
        if (left === 0) this.heldByAddress.delete(address);
        else this.heldByAddress.set(address, left);
      },
    };
  }

  /** Hashes running and tickets held right now (tests, diagnostics). */
  get load(): { readonly running: number; readonly held: number } {
    return { running: this.running, held: this.held.returning + this.held.other };
  }

  private async run<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
    // FIFO in each lane: admission already bounds how many can wait here.
    if (this.running >= this.limits.concurrency) await new Promise<void>((resolve) => this.waiting[lane].push(resolve));
    else this.running += 1;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, the returning lane first (running stays the same); else free it.
      const next = this.waiting.returning.shift() ?? this.waiting.other.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
