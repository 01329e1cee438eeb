// How many passwords anyone may try, counted in identity's sign_in_attempts table so that
// every identity instance shares the counts. A try is *reserved* before its password is
// hashed: one statement inserts or increments each bucket's row and returns the new count
// (`insert … on conflict do update … returning`), so concurrent tries are serialised by the
// row lock and a burst of any size gets at most the limit through, never a check-then-count
// race. Each bucket's window is fixed: it starts with its first try and the count starts
// over when it ends (the database's clock, shared by every instance).
//
// Three buckets per sign-in (OWASP authentication cheat sheet: throttle by account and by
// address, and do not let strangers lock the owner out):
//   - account + address: low (5 / 15 min). A stranger's failures spend their own budget;
//     the owner signing in from elsewhere is not affected. Success resets it.
//   - address: everything one address tries, any email (a flood from one place).
//   - account: a much higher ceiling (50 / 15 min), reserved only for tries the two above
//     let through, so refused tries never count against the owner, and reaching it takes
//     many addresses. A success gives its reservation back.
// IPv6 clients are counted per /64, the block one subscriber usually holds.
//
// The same table counts what sends mail on request (password-reset requests, per address
// and per account with the sign-in limits; verification resends, per user), so that
// nobody can turn Atrium into a mail cannon aimed at someone's inbox.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { rateLimited } from '../../../lib/errors.js';
import type { Logger } from '../../../lib/logger.js';
import type { SubgraphEntityManager, SubgraphOrm } from '../../../lib/orm.js';
import type { SignInSettings } from './sign-in-settings.js';

const TABLE = '"identity"."sign_in_attempts"';

export type BucketKind = 'account' | 'account-address' | 'address' | 'register-address' | 'reset-account' | 'reset-address' | 'verification-minute' | 'verification-hour';

/** Verification mails one user may ask for (resendVerification): one a minute, five an hour. */
export const VERIFICATION_MAIL_LIMITS = { perMinute: 1, perHour: 5 } as const;

interface Bucket {
  readonly key: string;
  readonly limit: number;
}

/** The row a count lives in: its kind and the SHA-256 of what it counts (`email`, `address`, `email\naddress`). */
export function bucketKey(kind: BucketKind, value: string): string {
  return `${kind}:${createHash('sha256').update(value).digest('hex')}`;
}

function bucket(kind: BucketKind, value: string, limit: number): Bucket {
  return { key: bucketKey(kind, value), limit };
}

/** The first 64 bits of an IPv6 address, as `2001:db8:0:1::/64`. */
function ipv6Slash64(address: string): string {
  const [head = '', tail] = address.toLowerCase().split('::');
  // An embedded IPv4 address (its last 32 bits) stands for two groups.
  const groupsOf = (part: string) => (part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : []);
  const before = groupsOf(head);
  const after = tail === undefined ? [] : groupsOf(tail);
  const groups = tail === undefined ? before : [...before, ...Array<string>(8 - before.length - after.length).fill('0'), ...after];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/** The address group a client is counted under: its IPv4 address, its IPv6 /64, or `unknown`. */
export function addressGroup(address: string | undefined | null): string {
  if (!address) return 'unknown';
  return isIP(address) === 6 ? ipv6Slash64(address) : address;
}

const TOO_MANY = 'Too many sign-in attempts';

/**
 * Reserves one try in each bucket, in one statement, and refuses (RATE_LIMITED with the
 * longest wait among the buckets over their limit) when any is over. Rows are written in
 * key order, so two statements sharing buckets lock them in the same order (no deadlock).
 */
async function reserve(em: SubgraphEntityManager, buckets: readonly Bucket[], windowSeconds: number, message: string): Promise<void> {
  const sorted = [...buckets].sort((a, b) => a.key.localeCompare(b.key));
  const rows = await em.getConnection().execute<{ bucket: string; attempts: number; seconds_left: number }[]>(
    `insert into ${TABLE} as attempt (bucket, attempts, window_ends_at)
     values ${sorted.map(() => `(?, 1, now() + ? * interval '1 second')`).join(', ')}
     on conflict (bucket) do update set
       attempts = case when attempt.window_ends_at <= now() then 1 else attempt.attempts + 1 end,
       window_ends_at = case when attempt.window_ends_at <= now() then excluded.window_ends_at else attempt.window_ends_at end
     returning bucket, attempts, ceil(extract(epoch from window_ends_at - now()))::int as seconds_left`,
    sorted.flatMap((entry) => [entry.key, windowSeconds]),
  );
  const limitOf = new Map(sorted.map((entry) => [entry.key, entry.limit]));
  const over = rows.filter((row) => row.attempts > limitOf.get(row.bucket)!);
  if (over.length > 0) {
    const retryAfter = Math.max(...over.map((row) => row.seconds_left));
    throw rateLimited(`${message}; retry after ${Math.max(1, retryAfter)} s`, retryAfter);
  }
}

export class SignInThrottle {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly settings: SignInSettings,
  ) {}

  /** Reserves a sign-in try for `email` from `address` (an addressGroup), or refuses it. */
  async reserveSignIn(email: string, address: string): Promise<void> {
    const { windowSeconds, accountAddressAttempts, addressAttempts, accountAttempts } = this.settings;
    // The caller's own budgets first: what they refuse never reaches the account's.
    await reserve(this.em, [bucket('account-address', `${email}\n${address}`, accountAddressAttempts), bucket('address', address, addressAttempts)], windowSeconds, TOO_MANY);
    await reserve(this.em, [bucket('account', email, accountAttempts)], windowSeconds, TOO_MANY);
  }

  /** After a successful sign-in: the account+address count starts over, the account's try is given back. */
  async signedIn(email: string, address: string): Promise<void> {
    await this.em.getConnection().execute(
      `with cleared as (delete from ${TABLE} where bucket = ?)
       update ${TABLE} set attempts = greatest(attempts - 1, 0) where bucket = ? and window_ends_at > now()`,
      [bucketKey('account-address', `${email}\n${address}`), bucketKey('account', email)],
    );
  }

  /**
   * Reserves a password-reset request for `email` from `address`, or refuses it: per address
   * as sign-in tries are (a flood from one place), and per account with the per-account-and-
   * address limit (mails to one inbox, from anywhere). The same statements run whether or not
   * the address belongs to an account, so a refusal tells nothing about that either.
   */
  async reservePasswordReset(email: string, address: string): Promise<void> {
    const { windowSeconds, accountAddressAttempts, addressAttempts } = this.settings;
    await reserve(this.em, [bucket('reset-address', address, addressAttempts), bucket('reset-account', email, accountAddressAttempts)], windowSeconds, 'Too many password-reset requests');
  }

  /** Reserves one verification mail for the user (VERIFICATION_MAIL_LIMITS), or refuses it. */
  async reserveVerificationMail(userId: string): Promise<void> {
    const message = 'Too many verification mails asked for';
    await reserve(this.em, [bucket('verification-minute', userId, VERIFICATION_MAIL_LIMITS.perMinute)], 60, message);
    await reserve(this.em, [bucket('verification-hour', userId, VERIFICATION_MAIL_LIMITS.perHour)], 3600, message);
  }

  /** Reserves a register call from `address` (an addressGroup), or refuses it. */
  async reserveRegistration(address: string): Promise<void> {
    await reserve(this.em, [bucket('register-address', address, this.settings.registerAddressAttempts)], this.settings.registerWindowSeconds, 'Too many accounts registered from your address');
  }
}

/** Deletes the rows whose window ended, every intervalMs; returns the function that stops it. */
export function startSignInAttemptSweep(orm: SubgraphOrm, logger: Logger, intervalMs = 60_000): () => void {
  const timer = setInterval(() => {
    orm.em
      .getConnection()
      .execute(`delete from ${TABLE} where window_ends_at < now()`)
      .catch((error: unknown) => logger.warn('sweeping ended sign-in windows failed; will retry', { reason: (error as Error).message }));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
