// The rate-limit settings and their defaults, apart from the limiter itself, so that the
// configuration (read by every service) does not load the Redis client to know them.

/** Whose budget a request is charged to. */
export type BudgetKind = 'session' | 'user_key' | 'workspace_key' | 'anonymous';

export interface RateLimitSettings {
  /** Length of one budget window; the budget refills whole at its end. */
  readonly windowSeconds: number;
  /** Points (cost) one credential of each kind may spend per window; anonymous is per client address. */
  readonly points: Readonly<Record<BudgetKind, number>>;
}

/**
 * An hour of work, not a ceiling on one operation: one operation may cost up to 50,000
 * (GATEWAY_MAX_COST), so a credential gets twenty of the largest, or tens of thousands of
 * ordinary ones (GitHub's 5,000 points count one per hundred nodes; ours count every
 * field). Without a credential only register and createSession run, at most 50 each.
 */
export const DEFAULT_RATE_LIMIT_SETTINGS: RateLimitSettings = {
  windowSeconds: 3600,
  points: { user_key: 1_000_000, workspace_key: 1_000_000, session: 1_000_000, anonymous: 20_000 },
};

/**
 * The largest budget a workspace's owners may give it (RATE_LIMIT_MAX_POINTS), ten times
 * the default: raising a budget is self-service up to here; past it, it is the operator's
 * decision (the setting). Keys never exceed their workspace's budget, so this bounds them too.
 */
export const DEFAULT_MAX_BUDGET_POINTS = 10_000_000;
