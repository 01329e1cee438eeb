// Password hashing with bounded concurrency, per identity process. scrypt is meant to be
// expensive: unbounded, a flood of sign-ins (known emails or not, each costs a hash) queues
// every real sign-in behind it. Here at most `concurrency` hashes run at once, at most
// `queue` sign-ins wait for one, and one client address holds at most `perAddress` of
// those places; past any of them the answer is an immediate RATE_LIMITED (retry after
// 1 s), so a flood is refused fast and a sign-in from elsewhere keeps its normal time.
//
// Small enough to write here: p-limit (not installed) queues without bound and knows no
// addresses; rate-limiter-flexible's RateLimiterQueue queues for a rate, not for a slot.
import { rateLimited } from '../../../lib/errors.js';

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
  private readonly waiting: (() => void)[] = [];
  /** Tickets held, per address (those checking their throttle, waiting or hashing). */
  private readonly heldByAddress = new Map<string, number>();
  private held = 0;

  constructor(private readonly limits: PasswordHashingLimits) {}

  /**
   * A place for one sign-in from `address`, or RATE_LIMITED at once when the address holds
   * all its places or every slot and queue place is taken.
   */
  admit(address: string): HashingTicket {
    const ofAddress = this.heldByAddress.get(address) ?? 0;
    if (ofAddress >= this.limits.perAddress) throw rateLimited('Another sign-in from your address is being checked; retry in a second', BUSY_RETRY_AFTER_SECONDS);
    if (this.held >= this.limits.concurrency + this.limits.queue) throw rateLimited('Too many sign-ins at once; retry in a second', BUSY_RETRY_AFTER_SECONDS);
    this.heldByAddress.set(address, ofAddress + 1);
    this.held += 1;
    let released = false;
    return {
      hash: (work) => this.run(work),
      release: () => {
        if (released) return;
        released = true;
        this.held -= 1;
        const left = (this.heldByAddress.get(address) ?? 1) - 1;
        if (left === 0) this.heldByAddress.delete(address);
        else this.heldByAddress.set(address, left);
      },
    };
  }

  /** Hashes running and tickets held right now (tests, diagnostics). */
  get load(): { readonly running: number; readonly held: number } {
    return { running: this.running, held: this.held };
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    // FIFO: admission already bounds how many can wait here.
    if (this.running >= this.limits.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line (running stays the same), else free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
