// Rate-limit budgets as identity keeps them: a workspace's budget (set by those who may
// change the workspace, workspaces:write) and a key's own (set at its creation). The
// gateway counts; identity only stores the numbers and hands them over in the principal
// (principal-lookup.ts). A key's own budget only ever lowers its workspace's, so making
// keys is never a way to more budget: raising one is changing the workspace.
import type { SubgraphSettings } from '../../../lib/config.js';
import { invalidInput } from '../../../lib/errors.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';
import type { Workspace } from '../workspaces/workspace.entity.js';
import { changeWorkspaceSetting } from '../workspaces/workspace-settings.js';
import type { RateLimit } from './rate-limit.js';

/**
 * The smallest budget a workspace may have. A workspace budget binds every key and session
 * acting in it, its owners' included: below the cost of the mutation that changes it back
 * (a few points), nobody could ever change it back. With this floor, an owner who has spent
 * the budget signs in again (a new session has a budget of its own) and still can. A key's
 * own budget needs no floor: a key too tight to use harms no one else.
 */
export const MIN_WORKSPACE_BUDGET_POINTS = 1000;

/** Why `points` cannot be a budget, or undefined when it can (null and undefined mean none). */
export function budgetProblem(points: number | null | undefined, range: { readonly min: number; readonly max: number }): string | undefined {
  if (points === null || points === undefined) return undefined;
  if (!Number.isInteger(points) || points < range.min || points > range.max) return `must be a whole number of points from ${range.min} to ${range.max}`;
  return undefined;
}

export class RateLimitService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
    private readonly settings: SubgraphSettings,
  ) {}

  /** What the gateway charged this request, as it signed it into the principal; null when it did not (a call not through the gateway). */
  current(): RateLimit | null {
    const state = this.principal.rateLimit;
    if (!state) return null;
    return { limit: state.limit, cost: state.cost, remaining: state.remaining, resetAt: new Date(state.resetAt) };
  }

  /**
   * Sets (or with null clears) the current workspace's budget. Every cached principal of
   * the workspace is dropped on every gateway, so the next request is charged against it.
   */
  async setWorkspaceRateLimit(points: number | null): Promise<Workspace> {
    const problem = budgetProblem(points, { min: MIN_WORKSPACE_BUDGET_POINTS, max: this.settings.maxBudgetPoints });
    if (problem) throw invalidInput([{ field: 'points', reason: problem }]);
    return changeWorkspaceSetting(this.em, this.principal, 'rateLimit', points);
  }
}
