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

  /** The state of a budget of `limit` from the limiter's count (none yet: a whole budget, a window not yet begun). */
  const standing = (limit: number, result: RateLimiterRes | null): Charge => {
    const spent = result?.consumedPoints ?? 0;
    const msBeforeReset = result ? Math.max(0, result.msBeforeNext) : settings.windowSeconds * 1000;
    return {
      // Points of refused requests are counted too: a client that keeps asking stays refused.
      allowed: spent <= limit,
      limit,
      remaining: Math.max(0, limit - spent),
      resetSeconds: Math.max(1, Math.ceil(msBeforeReset / 1000)),
      resetAt: Date.now() + msBeforeReset,
    };
  };

  // In Redis, the charges to one budget made in the same turn of the event loop are sent as one.
  const consume = redis ? coalescedConsume(limiters) : (kind: BudgetKind, id: string, cost: number) => limiters[kind].consume(id, cost);
  return {
    settings,
    charge: async (kind, id, cost, limit) => standing(limit, await consume(kind, id, cost)),
    peek: async (kind, id, limit) => standing(limit, await limiters[kind].get(id)),
    close: async () => {
      if (!redis) return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
