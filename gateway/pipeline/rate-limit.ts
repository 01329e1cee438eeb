// Step 6, the rate limit: the operation's computed cost (the limits step's; at least 1) is
// charged to the budget of the credential that sent it: the key, the session, or for a
// request without a credential the client's address (through trusted proxies, as the
// request log sees it). Every answer that got this far says where the budget stands
// (RateLimit-Limit/-Remaining/-Reset, IETF draft "RateLimit header fields", draft-03
// names); over it, HTTP 429 RATE_LIMITED with Retry-After, and nothing runs.
import { ErrorCode } from '../../lib/errors.js';
import { HttpError } from '../../lib/http-server.js';
import type { Principal } from '../../lib/principal.js';
import type { RateBudgets } from '../rate-limits/budgets.js';
import type { BudgetKind } from '../rate-limits/settings.js';
import type { GatewayStep } from './step.js';

/** Whose budget pays: the credential's own id, or the client address for anonymous requests. */
function budgetOf(principal: Principal, address: string | undefined): { kind: BudgetKind; id: string } {
  if (principal.kind === 'session' && principal.sessionId) return { kind: 'session', id: principal.sessionId };
  if ((principal.kind === 'user_key' || principal.kind === 'workspace_key') && principal.keyId) return { kind: principal.kind, id: principal.keyId };
  return { kind: 'anonymous', id: address ?? 'unknown' };
}

export function rateLimitStep(budgets: RateBudgets): GatewayStep {
  return {
    name: 'rate-limit',
    run: async (state) => {
      const { principal, response } = state;
      if (!principal) return;
      const { kind, id } = budgetOf(principal, state.clientIp ?? undefined);
      const cost = Math.max(1, state.cost ?? 1);
      const charge = await budgets.charge(kind, id, cost);
      // Set on the response itself, so that Apollo's answer and a refusal both carry them.
      response.setHeader('ratelimit-limit', String(charge.limit));
      response.setHeader('ratelimit-remaining', String(charge.remaining));
      response.setHeader('ratelimit-reset', String(charge.resetSeconds));
      if (charge.allowed) return;
      throw new HttpError(429, ErrorCode.RATE_LIMITED, `This ${kind === 'anonymous' ? 'address' : 'credential'} has spent its budget of ${charge.limit} points per ${budgets.settings.windowSeconds} s; retry after ${charge.resetSeconds} s`, {
        extensions: { retryAfter: charge.resetSeconds, limit: charge.limit, cost },
        headers: { 'retry-after': String(charge.resetSeconds) },
        responseExtensions: { cost },
      });
    },
  };
}
