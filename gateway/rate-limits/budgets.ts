// The cost budgets of the rate-limit step: per credential kind, so many points per fixed
// window, counted by rate-limiter-flexible. In memory by default (one process); in Redis
// when a URL is given, so that every gateway on that Redis shares one budget per
// credential. When Redis fails, its insurance limiter (in memory, same budgets) answers:
// requests stay limited, per gateway, instead of running unlimited or being refused.
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
}

export interface RateBudgets {
  readonly settings: RateLimitSettings;
  /** Charges `cost` points to the budget of (kind, id). */
  readonly charge: (kind: BudgetKind, id: string, cost: number) => Promise<Charge>;
  readonly close: () => Promise<void>;
}

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
      const common = { points: settings.points[kind], duration: settings.windowSeconds, keyPrefix: `${keyPrefix}:${kind}` };
      const limiter: RateLimiterAbstract = redis
        ? new RateLimiterRedis({ ...common, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: new InsuranceLimiter(common, onFallback) })
        : new RateLimiterMemory(common);
      return [kind, limiter];
    }),
  ) as Record<BudgetKind, RateLimiterAbstract>;

  return {
    settings,
    charge: async (kind, id, cost) => {
      const limit = settings.points[kind];
      const answer = (allowed: boolean, result: RateLimiterRes): Charge => ({
        allowed,
        limit,
        remaining: Math.max(0, result.remainingPoints),
        resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
      });
      try {
        return answer(true, await limiters[kind].consume(id, cost));
      } catch (error) {
        if (error instanceof RateLimiterRes) return answer(false, error);
        throw error;
      }
    },
    close: async () => {
      if (!redis) return;
      await redis.quit().catch(() => redis!.disconnect());
    },
  };
}
