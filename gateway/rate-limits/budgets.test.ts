// The budgets' own arithmetic, in memory and (with REDIS_URL) in Redis, where the charges
// made together go as one: every charge must be told what charging one by one would have
// told it.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.js';
import { createRateBudgets, type Charge, type RateBudgets } from './budgets.js';
import type { RateLimitSettings } from './settings.js';

const SETTINGS: RateLimitSettings = { windowSeconds: 60, points: { user_key: 100, workspace_key: 100, session: 100, anonymous: 100 } };
const open: RateBudgets[] = [];
afterEach(async () => {
  for (const budgets of open.splice(0)) await budgets.close();
});

async function budgetsIn(redisUrl: string | undefined): Promise<RateBudgets> {
  const budgets = await createRateBudgets({ settings: SETTINGS, redisUrl, keyPrefix: `test:budgets:${randomBytes(6).toString('hex')}`, logger: createLogger('error') });
  open.push(budgets);
  return budgets;
}

const summary = (charges: readonly Charge[]) => charges.map(({ allowed, remaining }) => ({ allowed, remaining }));

describe.each([
  ['in memory', undefined],
  ['in Redis', process.env.REDIS_URL],
])('budgets %s', (name, redisUrl) => {
  it.skipIf(name === 'in Redis' && !redisUrl)('charges made together are each told what one-by-one charges would tell them, and the budget is spent by their sum', async () => {
    const budgets = await budgetsIn(redisUrl);
    const costs = [7, 30, 1, 50, 20, 5, 9];
    // All in the same turn of the event loop: in Redis, one batch.
    const together = await Promise.all(costs.map((cost, index) => budgets.charge('user_key', index === 2 ? 'other' : 'key', cost, 100)));
    let spent = 0;
    const expected = costs.map((cost, index) => {
      if (index === 2) return { allowed: true, remaining: 99 };
      spent += cost;
      return { allowed: spent <= 100, remaining: Math.max(0, 100 - spent) };
    });
    expect(summary(together)).toEqual(expected);
    // Refused points count too: 121 spent, so the next charge of 1 is refused and nothing remains.
    expect(summary([await budgets.charge('user_key', 'key', 1, 100)])).toEqual([{ allowed: false, remaining: 0 }]);
    expect(await budgets.peek('user_key', 'other', 100)).toMatchObject({ allowed: true, remaining: 99 });
    // Another kind with the same id is another budget.
    expect(await budgets.charge('session', 'key', 1, 100)).toMatchObject({ allowed: true, remaining: 99 });
    for (const charge of together) {
      expect(charge.resetSeconds).toBeGreaterThanOrEqual(59);
      expect(charge.resetSeconds).toBeLessThanOrEqual(60);
    }
  });
});
