// The cost budgets of the rate-limit step: per credential, so many points per fixed
// window, counted by rate-limiter-flexible. In memory by default (one process); in Redis
// when a URL is given, so that every gateway on that Redis shares one budget per
// credential. When Redis fails, its insurance limiter (in memory, same budgets) answers:
// requests stay limited, per gateway, instead of running unlimited or being refused.
//
// The limit is given with each charge, not fixed per limiter: a workspace or a key may
// have its own budget (identity says so in the principal). The limiters only count points
// spent in the window (their own ceiling is never reached); whether a charge fits is
// decided here against that request's limit. So one counter serves every limit, and a
// budget changed mid-window applies at once to what was already spent.
//
// In Redis, a gateway takes points in leases (see `leasedCharges`): most charges are
// counted in the gateway's memory, against points already counted in Redis.
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../../lib/logger.js';
import type { BudgetKind, RateLimitSettings } from './settings.js';

export const DEFAULT_RATE_LIMIT_KEY_PREFIX = 'atrium:rate';

/** Longest wait for one Redis command before the insurance limiter answers instead. */
const REDIS_COMMAND_TIMEOUT_MS = 500;
/** How long start-up waits for Redis before serving with the insurance limiter. */
const REDIS_CONNECT_WAIT_MS = 2000;

export interface Charge {
  readonly allowed: boolean;
  /** The budget of this credential per window. */
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the window ends and the budget is whole again (at least 1). */
  readonly resetSeconds: number;
  /** When the window ends (epoch ms); a window not yet begun would end a whole window from now. */
  readonly resetAt: number;
}

export interface RateBudgets {
  readonly settings: RateLimitSettings;
  /** Charges `cost` points to the budget of (kind, id), whose limit is `limit` points per window. */
  readonly charge: (kind: BudgetKind, id: string, cost: number, limit: number) => Promise<Charge>;
  /** Where the budget of (kind, id) stands, without charging it (allowed: what was spent fits the limit). */
  readonly peek: (kind: BudgetKind, id: string, limit: number) => Promise<Charge>;
  /** How many charges went to Redis and how many were answered from leases (tests and metrics). */
  readonly leaseStats: () => LeaseStats;
  readonly close: () => Promise<void>;
}

/**
 * The limiters' own ceiling: never reached (Redis counts up to 2^63), so that they never
 * refuse; the request's limit decides.
 */
const UNREACHED_POINTS = Number.MAX_SAFE_INTEGER;

export interface RateBudgetOptions {
  readonly settings: RateLimitSettings;
  /** Shared budgets in this Redis; in memory (this process only) without it. */
  readonly redisUrl?: string;
  /** Prefix of every Redis key; gateways sharing budgets use the same one. */
  readonly keyPrefix?: string;
  readonly logger: Logger;
}

/** The insurance limiter, telling when it is used (Redis failed). */
class InsuranceLimiter extends RateLimiterMemory {
  constructor(
    options: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly onUse: () => void,
  ) {
    super(options);
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>): ReturnType<RateLimiterMemory['consume']> {
    this.onUse();
    return super.consume(...args);
  }

  override get(...args: Parameters<RateLimiterMemory['get']>): ReturnType<RateLimiterMemory['get']> {
    this.onUse();
    return super.get(...args);
  }
}

interface PendingCharge {
  readonly cost: number;
  readonly resolve: (result: RateLimiterRes) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Charges to the same budget made in the same turn of the event loop (the requests whose
 * bodies arrived together), sent as one charge of their summed cost: one Redis round trip
 * per budget and turn instead of one per request, which was most of what shared budgets
 * cost the gateway (bench:checks). The counter then says what was spent up to the whole
 * batch; each charge is told what was spent up to and including itself, in the order they
 * were made. Points of refused requests count too (the limiters never refuse; `standing`
 * decides), so every charge is told exactly what charging them one by one would have told
 * it, and nothing is charged more or less. Written here because rate-limiter-flexible
 * charges one request at a time and has no batching of its own.
 */
function coalescedConsume(limiters: Record<BudgetKind, RateLimiterAbstract>): (kind: BudgetKind, id: string, cost: number) => Promise<RateLimiterRes> {
  let pending = new Map<string, { kind: BudgetKind; id: string; charges: PendingCharge[] }>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const batches = pending;
    pending = new Map();
    for (const { kind, id, charges } of batches.values()) {
      const total = charges.reduce((sum, charge) => sum + charge.cost, 0);
      limiters[kind].consume(id, total).then(
        (result) => {
          let spent = result.consumedPoints - total;
          for (const charge of charges) {
            spent += charge.cost;
            charge.resolve(new RateLimiterRes(UNREACHED_POINTS - spent, result.msBeforeNext, spent, result.isFirstInDuration));
          }
        },
        (error: unknown) => {
          for (const charge of charges) charge.reject(error);
        },
      );
    }
  };
  return (kind, id, cost) =>
    new Promise<RateLimiterRes>((resolve, reject) => {
      const key = `${kind}\u0000${id}`;
      let batch = pending.get(key);
      if (!batch) {
        batch = { kind, id, charges: [] };
        pending.set(key, batch);
      }
      batch.charges.push({ cost, resolve, reject });
      if (scheduled) return;
      scheduled = true;
      setImmediate(flush);
    });
}

/** A lease is at most this share of what its budget had left when it was taken… */
const LEASE_SHARE_OF_REMAINING = 16;
/** …and at most this share of its limit. */
const LEASE_SHARE_OF_LIMIT = 100;
/** How long a lease is spent locally before the gateway asks Redis again (and how stale `remaining` can be). */
export const LEASE_TTL_MS = 1000;
/** An unspent lease is returned only while its window still has this long to run (a return after the reset would add points to the next window). */
const LEASE_RETURN_MARGIN_MS = 250;

interface Lease {
  readonly kind: BudgetKind;
  readonly id: string;
  /** What Redis said was spent in the window, counting every lease this gateway holds. */
  counter: number;
  /** Points counted in Redis that this gateway has not spent yet. */
  leftover: number;
  readonly windowEndsAt: number;
  expiresAt: number;
}

export interface LeaseStats {
  /** Charges sent to Redis (each a lease, or one exact charge when the budget is nearly spent). */
  readonly redisCharges: number;
  /** Charges answered from a lease, with no Redis command. */
  readonly localCharges: number;
}

/**
 * Charges in Redis through leases, so that most requests cost the gateway no Redis round
 * trip (bench:checks: one command per request cost about 7 % of the gateway's CPU on a
 * cheap query). A charge that does not fit the gateway's lease asks Redis for its cost
 * plus a lease: at most 1/16 of what the budget had left and 1/100 of its limit. The lease
 * is counted in Redis at once, so gateways together never admit more than the budget;
 * what a lease costs is the other way round: points one gateway holds unspent are not
 * available to another until they are spent or returned. So leases shrink as the budget
 * runs low (under 16 × the request's cost left, every charge goes to Redis exactly, as
 * without leases), last at most LEASE_TTL_MS before Redis is asked again, and what is left
 * of an idle lease is returned to Redis (`sweep`, and on close). A charge is told what it
 * would have been told alone: spent = the counter Redis gave at the lease minus what of the
 * lease is still unspent, which is exact on one gateway and at most one lease-lifetime
 * stale about the others. Written here because rate-limiter-flexible has no leasing
 * (its "inMemoryBlockOnConsumed" only blocks keys that are already over their limit).
 */
function leasedCharges(
  consume: (kind: BudgetKind, id: string, points: number) => Promise<RateLimiterRes>,
  give: (kind: BudgetKind, id: string, points: number) => Promise<unknown>,
): {
  readonly charge: (kind: BudgetKind, id: string, cost: number, limit: number) => Promise<{ spent: number; msBeforeReset: number }>;
  readonly unspent: (kind: BudgetKind, id: string) => number;
  readonly sweep: (now: number, all?: boolean) => Promise<void>;
  readonly stats: () => LeaseStats;
} {
  const leases = new Map<string, Lease>();
  let redisCharges = 0;
  let localCharges = 0;
  const current = (key: string, now: number): Lease | undefined => {
    const lease = leases.get(key);
    // A lease of a window that has ended holds nothing: its points went with that window.
    if (lease && now >= lease.windowEndsAt) {
      leases.delete(key);
      return undefined;
    }
    return lease;
  };
  return {
    charge: async (kind, id, cost, limit) => {
      const key = `${kind}\u0000${id}`;
      const now = Date.now();
      const held = current(key, now);
      if (held && now < held.expiresAt && held.leftover >= cost) {
        held.leftover -= cost;
        localCharges += 1;
        return { spent: held.counter - held.leftover, msBeforeReset: held.windowEndsAt - now };
      }
      // To Redis: what is left of this gateway's lease goes into the new one, and the ask
      // is the cost plus whatever tops the lease up to its size for what the budget has left.
      const carried = held?.leftover ?? 0;
      if (held) leases.delete(key);
      const remaining = held ? limit - (held.counter - held.leftover) : 0;
      const size = Math.min(Math.floor(remaining / LEASE_SHARE_OF_REMAINING), Math.floor(limit / LEASE_SHARE_OF_LIMIT));
      const ask = Math.max(cost, size - carried);
      redisCharges += 1;
      const result = await consume(kind, id, ask);
      const answeredAt = Date.now();
      const fresh: Lease = {
        kind,
        id,
        counter: result.consumedPoints,
        leftover: carried + ask - cost,
        windowEndsAt: answeredAt + Math.max(0, result.msBeforeNext),
        expiresAt: answeredAt + LEASE_TTL_MS,
      };
      const spent = fresh.counter - fresh.leftover;
      // Charges in flight together each come back with a lease: they add up (the latest
      // counter counts them all), unless one is of a newer window.
      const other = current(key, answeredAt);
      if (other && Math.abs(other.windowEndsAt - fresh.windowEndsAt) < LEASE_TTL_MS) {
        other.counter = Math.max(other.counter, fresh.counter);
        other.leftover += fresh.leftover;
        other.expiresAt = Math.max(other.expiresAt, fresh.expiresAt);
      } else if (!other || fresh.windowEndsAt > other.windowEndsAt) {
        leases.set(key, fresh);
      }
      return { spent, msBeforeReset: fresh.windowEndsAt - answeredAt };
    },
    unspent: (kind, id) => current(`${kind}\u0000${id}`, Date.now())?.leftover ?? 0,
    sweep: async (now, all = false) => {
      const returns: Promise<unknown>[] = [];
      for (const [key, lease] of leases) {
        if (!all && now < lease.expiresAt) continue;
        leases.delete(key);
        if (lease.leftover > 0 && lease.windowEndsAt - now > LEASE_RETURN_MARGIN_MS) returns.push(give(lease.kind, lease.id, lease.leftover).catch(() => undefined));
      }
      await Promise.all(returns);
    },
    stats: () => ({ redisCharges, localCharges }),
  };
}

const KINDS: readonly BudgetKind[] = ['session', 'user_key', 'workspace_key', 'anonymous'];

export async function createRateBudgets(options: RateBudgetOptions): Promise<RateBudgets> {
  const { settings, logger } = options;
  const keyPrefix = options.keyPrefix ?? DEFAULT_RATE_LIMIT_KEY_PREFIX;
  let redis: Redis | undefined;
  let fallingBack = false;
  const onFallback = () => {
    if (fallingBack) return;
    fallingBack = true;
    logger.warn('rate limits: Redis unavailable, using the in-memory fallback limiter (budgets are per gateway until Redis is back)');
  };
  if (options.redisUrl) {
    redis = new Redis(options.redisUrl, {
      // Fail fast while disconnected: the insurance limiter answers, the request never waits.
      enableOfflineQueue: false,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      // The charges of requests in flight together go to Redis in one write (ioredis's
      // automatic pipelining): one syscall and one wake-up per batch instead of per request.
      enableAutoPipelining: true,
    });
    let lastError = '';
    redis.on('error', (error: Error) => {
      // Reconnection attempts repeat the same error; once per kind of failure is enough.
      if (error.message !== lastError) logger.warn('rate limits: Redis error', { error: error.message });
      lastError = error.message;
    });
    redis.on('ready', () => {
      lastError = '';
      if (!fallingBack) return;
      fallingBack = false;
      logger.info('rate limits: Redis reachable again, budgets shared again');
    });
    await Promise.race([once(redis, 'ready'), new Promise((resolve) => setTimeout(resolve, REDIS_CONNECT_WAIT_MS).unref())]).catch(() => undefined);
    if (redis.status !== 'ready') onFallback();
  }
  const limiters = Object.fromEntries(
    KINDS.map((kind) => {
      const common = { points: UNREACHED_POINTS, duration: settings.windowSeconds, keyPrefix: `${keyPrefix}:${kind}` };
      const limiter: RateLimiterAbstract = redis
        ? new RateLimiterRedis({ ...common, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: new InsuranceLimiter(common, onFallback) })
        : new RateLimiterMemory(common);
      return [kind, limiter];
    }),
  ) as Record<BudgetKind, RateLimiterAbstract>;

  /** The state of a budget of `limit` from what was spent (none yet: a whole budget, a window not yet begun). */
  const standing = (limit: number, spent: number, msBeforeNext: number | undefined): Charge => {
    const msBeforeReset = msBeforeNext === undefined ? settings.windowSeconds * 1000 : Math.max(0, msBeforeNext);
    return {
      // Points of refused requests are counted too: a client that keeps asking stays refused.
      allowed: spent <= limit,
      limit,
      remaining: Math.max(0, limit - spent),
      resetSeconds: Math.max(1, Math.ceil(msBeforeReset / 1000)),
      resetAt: Date.now() + msBeforeReset,
    };
  };

  if (!redis) {
    return {
      settings,
      charge: async (kind, id, cost, limit) => {
        const result = await limiters[kind].consume(id, cost);
        return standing(limit, result.consumedPoints, result.msBeforeNext);
      },
      peek: async (kind, id, limit) => {
        const result = await limiters[kind].get(id);
        return standing(limit, result?.consumedPoints ?? 0, result?.msBeforeNext);
      },
      leaseStats: () => ({ redisCharges: 0, localCharges: 0 }),
      close: async () => undefined,
    };
  }
  const client = redis;
  // In Redis, charges go through leases, and those sent to Redis in the same turn of the
  // event loop for one budget go as one command.
  const leased = leasedCharges(coalescedConsume(limiters), (kind, id, points) => limiters[kind].reward(id, points));
  const sweeper = setInterval(() => void leased.sweep(Date.now()), LEASE_TTL_MS);
  sweeper.unref();
  return {
    settings,
    charge: async (kind, id, cost, limit) => {
      const { spent, msBeforeReset } = await leased.charge(kind, id, cost, limit);
      return standing(limit, spent, msBeforeReset);
    },
    peek: async (kind, id, limit) => {
      const result = await limiters[kind].get(id);
      return standing(limit, Math.max(0, (result?.consumedPoints ?? 0) - leased.unspent(kind, id)), result?.msBeforeNext);
    },
    leaseStats: leased.stats,
    close: async () => {
      clearInterval(sweeper);
      // What this gateway holds unspent goes back to the budget the other gateways share.
      if (client.status === 'ready') await leased.sweep(Date.now(), true);
      await client.quit().catch(() => client.disconnect());
    },
  };
}
