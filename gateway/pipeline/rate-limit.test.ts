// The rate-limit step's two decisions that need no server: which budget a principal has
// (the workspace's replaces the default, a key's own only lowers it), and which operations
// only read the budget (free). The charging itself is tested end to end (test/budgets.*).
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS_PRINCIPAL, type Principal } from '../../lib/principal.js';
import { summarizeDocument } from '../operation.js';
import type { RateLimitSettings } from '../rate-limits/settings.js';
import { budgetLimit, readsBudgetOnly } from './rate-limit.js';

const settings: RateLimitSettings = { windowSeconds: 60, points: { user_key: 1000, workspace_key: 2000, session: 3000, anonymous: 50 } };
const key = (budget?: Principal['budget']): Principal => ({ kind: 'user_key', keyId: 'k', userId: 'u', scopes: [], workspaceIds: [], ...(budget ? { budget } : {}) });

describe('budgetLimit', () => {
  it("is the default of the credential's kind without overrides", () => {
    expect(budgetLimit(key(), 'user_key', settings)).toBe(1000);
    expect(budgetLimit({ kind: 'session', sessionId: 's', scopes: [], workspaceIds: [] }, 'session', settings)).toBe(3000);
    expect(budgetLimit(ANONYMOUS_PRINCIPAL, 'anonymous', settings)).toBe(50);
  });

  it("takes the workspace's budget instead of the default, higher or lower", () => {
    expect(budgetLimit(key({ workspacePoints: 5000 }), 'user_key', settings)).toBe(5000);
    expect(budgetLimit(key({ workspacePoints: 10 }), 'user_key', settings)).toBe(10);
  });

  it("lets a key's own budget lower the workspace's or the default, never raise it", () => {
    expect(budgetLimit(key({ keyPoints: 10 }), 'user_key', settings)).toBe(10);
    expect(budgetLimit(key({ keyPoints: 99_999 }), 'user_key', settings)).toBe(1000);
    expect(budgetLimit(key({ workspacePoints: 5000, keyPoints: 4000 }), 'user_key', settings)).toBe(4000);
    expect(budgetLimit(key({ workspacePoints: 5000, keyPoints: 9000 }), 'user_key', settings)).toBe(5000);
  });
});

describe('readsBudgetOnly', () => {
  const reads = (query: string, operationName?: string) => readsBudgetOnly(summarizeDocument(parse(query), operationName));

  it('is true for a query of rateLimit, with __typename at most, through fragments too', () => {
    expect(reads('{ rateLimit { remaining } }')).toBe(true);
    expect(reads('{ __typename a: rateLimit { limit } b: rateLimit { cost } }')).toBe(true);
    expect(reads('query { ...F } fragment F on Query { rateLimit { resetAt } }')).toBe(true);
    expect(reads('query { ... on Query { rateLimit { limit } } }')).toBe(true);
  });

  it('is false as soon as anything else is asked, or for anything but one query', () => {
    expect(reads('{ rateLimit { remaining } workspace { id } }')).toBe(false);
    expect(reads('{ __typename }')).toBe(false);
    expect(reads('query { ...F } fragment F on Query { rateLimit { limit } me { id } }')).toBe(false);
    expect(reads('mutation { rateLimit }')).toBe(false);
    expect(reads('query A { rateLimit { limit } } query B { me { id } }')).toBe(false);
    expect(reads('query A { rateLimit { limit } } query B { me { id } }', 'B')).toBe(false);
    expect(reads('query A { rateLimit { limit } } query B { me { id } }', 'A')).toBe(true);
    expect(readsBudgetOnly(undefined)).toBe(false);
  });
});
