// How hard identity lets anyone try passwords, apart from the code that enforces it, so
// that the configuration (lib/config.ts, read by every service) knows the defaults without
// loading identity. README "Rate limits" → "Sign-in" documents them.
import { availableParallelism } from 'node:os';

export interface SignInSettings {
  /** Length of one sign-in window; every sign-in counter starts over at its end. */
  readonly windowSeconds: number;
  /**
   * Tries at one account from one client address per window (a stranger guessing from one
   * place). Low: it is the attacker's own budget. A successful sign-in resets it.
   */
  readonly accountAddressAttempts: number;
  /**
   * Tries at one account from everywhere per window, counted only for tries the two
   * per-address limits let through, so a refused guess never spends the owner's share.
   * Much higher than the per-address limit: reaching it takes many addresses.
   */
  readonly accountAttempts: number;
  /** Sign-in tries from one client address per window, whatever the email (a flood from one place). */
  readonly addressAttempts: number;
  /** register calls from one client address per window (registerWindowSeconds). */
  readonly registerAddressAttempts: number;
  readonly registerWindowSeconds: number;
  /** Passwords hashed at once by one identity process (scrypt, on libuv's thread pool of 4). */
  readonly hashConcurrency: number;
  /** Sign-ins that may wait for a hashing slot; one more is refused at once (RATE_LIMITED, retry after 1 s). */
  readonly hashQueue: number;
  /**
   * Sign-ins of one client address being checked or waiting at once, per identity process;
   * one more is refused at once. Keeps a flood from one address to its own lane.
   */
  readonly hashesPerAddress: number;
}

/** The CPUs this process may use, at most 4 (the size of libuv's thread pool, where scrypt runs). */
export const DEFAULT_HASH_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));

/**
 * OWASP's authentication cheat sheet: throttle per account and per address, and keep the
 * per-account limit high enough that an attacker cannot lock the owner out cheaply. Five
 * tries per account and address in 15 minutes is what a person mistyping needs; fifty per
 * account takes at least ten addresses to spend; a hundred per address leaves room for
 * an office behind one NAT.
 */
export const DEFAULT_SIGN_IN_SETTINGS: SignInSettings = {
  windowSeconds: 900,
  accountAddressAttempts: 5,
  accountAttempts: 50,
  addressAttempts: 100,
  registerAddressAttempts: 10,
  registerWindowSeconds: 3600,
  hashConcurrency: DEFAULT_HASH_CONCURRENCY,
  hashQueue: 2 * DEFAULT_HASH_CONCURRENCY,
  hashesPerAddress: 1,
};
