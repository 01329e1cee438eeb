// Step 6, the rate limit: the operation's computed cost (the limits step's; at least 1) is
// charged to the budget of the credential that sent it: the key, the session, or for a
// request without a credential the client's address (through trusted proxies, as the
// request log sees it). The budget is the deployment's default for the credential's kind,
// or the one identity set in the principal (the workspace's; a key's own can only lower
// it). Every answer that got this far says where the budget stands
// (RateLimit-Limit/-Remaining/-Reset, IETF draft "RateLimit header fields", draft-03
// names), and so does the signed principal when the `rateLimit` field is asked for; over
// the budget, HTTP 429 RATE_LIMITED with Retry-After, and nothing runs.
//
// An operation asking for nothing but `rateLimit` (and `__typename`) is not charged: it
// reads the budget, spent or not, as GitHub's rate_limit endpoint does.
import { ErrorCode } from '../../lib/errors.js';
import { HttpError } from '../../lib/http-server.js';
import type { Principal } from '../../lib/principal.js';
import type { OperationSummary } from '../operation.js';
import type { RateBudgets } from '../rate-limits/budgets.js';
import type { BudgetKind, RateLimitSettings } from '../rate-limits/settings.js';
import type { GatewayStep } from './step.js';

/** The root field that reads the budget; asking for it alone is free. */
const RATE_LIMIT_FIELD = 'rateLimit';

/** Whose budget pays: the credential's own id, or the client address for anonymous requests. */
function budgetOf(principal: Principal, address: string | undefined): { kind: BudgetKind; id: string } {
  if (principal.kind === 'session' && principal.sessionId) return { kind: 'session', id: principal.sessionId };
  if ((principal.kind === 'user_key' || principal.kind === 'workspace_key') && principal.keyId) return { kind: principal.kind, id: principal.keyId };
  // A Bearer JWT is a person signed in at their company's provider: a session's budget, per
  // person (tokens are reissued every few minutes, so a budget per token would refill each time).
  if (principal.kind === 'jwt' && principal.userId) return { kind: 'session', id: `jwt:${principal.userId}` };
  return { kind: 'anonymous', id: address ?? 'unknown' };
}

/**
 * Points per window for this principal: the workspace's budget in place of the default of
 * its kind, and a key's own budget only below that (a key never has more than its workspace).
 */
export function budgetLimit(principal: Principal, kind: BudgetKind, settings: RateLimitSettings): number {
  if (kind === 'anonymous') return settings.points.anonymous;
  const ceiling = principal.budget?.workspacePoints ?? settings.points[kind];
  return Math.min(ceiling, principal.budget?.keyPoints ?? ceiling);
}

/** A query whose root fields are `rateLimit` and at most `__typename`: it reads the budget, it does not spend it. */
export function readsBudgetOnly(operation: OperationSummary | undefined): boolean {
  if (!operation || operation.type !== 'query' || operation.unresolved) return false;
  return operation.rootFields.includes(RATE_LIMIT_FIELD) && operation.rootFields.every((field) => field === RATE_LIMIT_FIELD || field === '__typename');
}

export function rateLimitStep(budgets: RateBudgets): GatewayStep {
  return {
    name: 'rate-limit',
    run: async (state) => {
      const { principal, response } = state;
      if (!principal) return;
      const { kind, id } = budgetOf(principal, state.clientIp ?? undefined);
      const limit = budgetLimit(principal, kind, budgets.settings);
      const free = readsBudgetOnly(state.operation);
      const cost = free ? 0 : Math.max(1, state.cost ?? 1);
      const charge = free ? await budgets.peek(kind, id, limit) : await budgets.charge(kind, id, cost, limit);
      // Set on the response itself, so that Apollo's answer and a refusal both carry them.
      response.setHeader('ratelimit-limit', String(charge.limit));
      response.setHeader('ratelimit-remaining', String(charge.remaining));
      response.setHeader('ratelimit-reset', String(charge.resetSeconds));
      if (free || charge.allowed) {
        // Only for an operation that asks for it: copying and signing the state costs about
        // 10 µs per subgraph call, which every other request is spared. Per request, never
        // cached: the principal of this request only.
        if (state.operation?.rootFields.includes(RATE_LIMIT_FIELD)) {
          state.principal = { ...principal, rateLimit: { limit: charge.limit, cost, remaining: charge.remaining, resetAt: new Date(charge.resetAt).toISOString() } };
        }
        return;
      }
      throw new HttpError(
        429,
        ErrorCode.RATE_LIMITED,
        `This ${kind === 'anonymous' ? 'address' : 'credential'} has spent its budget of ${charge.limit} points per ${budgets.settings.windowSeconds} s; retry after ${charge.resetSeconds} s`,
        {
          extensions: { retryAfter: charge.resetSeconds, limit: charge.limit, cost },
          headers: { 'retry-after': String(charge.resetSeconds) },
          responseExtensions: { cost },
        },
      );
    },
  };
}
