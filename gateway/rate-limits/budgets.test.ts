// The budgets' own arithmetic, in memory and (with REDIS_URL) in Redis, where the charges
// made together go as one and most charges are answered from a lease: every charge must be
// told what charging one by one would have told it, and gateways sharing a budget never
// admit more than it.
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

async function budgetsIn(redisUrl: string | undefined, keyPrefix = `test:budgets:${randomBytes(6).toString('hex')}`): Promise<RateBudgets> {
  const budgets = await createRateBudgets({ settings: SETTINGS, redisUrl, keyPrefix, logger: createLogger('error') });
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

describe.skipIf(!process.env.REDIS_URL)('leases in Redis', () => {
  const redisUrl = process.env.REDIS_URL;

  it('answers most charges of a large budget from a lease, each told exactly what it spent, and returns what it holds on close', async () => {
    const prefix = `test:budgets:${randomBytes(6).toString('hex')}`;
    const [gateway, other] = [await budgetsIn(redisUrl, prefix), await budgetsIn(redisUrl, prefix)];
    // Costs that do not divide the lease, over several leases: what one lease has left
    // when a charge does not fit must be carried into the next, not lost.
    const limit = 100_000;
    const costs = Array.from({ length: 1000 }, (_, index) => [1, 2, 3, 5][index % 4]);
    const remaining: number[] = [];
    for (const cost of costs) remaining.push((await gateway.charge('user_key', 'key', cost, limit)).remaining);
    let spent = 0;
    expect(remaining).toEqual(costs.map((cost) => limit - (spent += cost)));
    expect(gateway.leaseStats().redisCharges).toBeLessThan(10);
    expect(gateway.leaseStats().localCharges).toBeGreaterThan(990);
    // The gateway itself counts its unspent lease as unspent; another sees it as taken…
    expect((await gateway.peek('user_key', 'key', limit)).remaining).toBe(limit - spent);
    const seenByOther = (await other.peek('user_key', 'key', limit)).remaining;
    expect(seenByOther).toBeLessThan(limit - spent);
    expect(seenByOther).toBeGreaterThanOrEqual(limit - spent - limit / 100);
    // …until the gateway closes and gives it back.
    await gateway.close();
    open.splice(open.indexOf(gateway), 1);
    expect((await other.peek('user_key', 'key', limit)).remaining).toBe(limit - spent);
  });

  it('two gateways charged in turn admit exactly the budget, with far fewer Redis commands than charges', async () => {
    const prefix = `test:budgets:${randomBytes(6).toString('hex')}`;
    const gateways = [await budgetsIn(redisUrl, prefix), await budgetsIn(redisUrl, prefix)];
    const limit = 3200;
    let admitted = 0;
    const refusedBy = new Set<number>();
    for (let charged = 0; charged < limit + 100; charged += 1) {
      const which = charged % 2;
      if ((await gateways[which].charge('user_key', 'key', 1, limit)).allowed) admitted += 1;
      else refusedBy.add(which);
    }
    expect(admitted).toBe(limit);
    expect(refusedBy).toEqual(new Set([0, 1]));
    const redisCharges = gateways.reduce((sum, budgets) => sum + budgets.leaseStats().redisCharges, 0);
    expect(redisCharges).toBeLessThan((limit + 100) / 4);
  });

  it('gives back a lease left idle, so the other gateways can spend it', async () => {
    const prefix = `test:budgets:${randomBytes(6).toString('hex')}`;
    const [gateway, other] = [await budgetsIn(redisUrl, prefix), await budgetsIn(redisUrl, prefix)];
    const limit = 100_000;
    await gateway.charge('session', 'idle', 5, limit);
    await gateway.charge('session', 'idle', 5, limit);
    expect((await other.peek('session', 'idle', limit)).remaining).toBeLessThan(limit - 10);
    await expect.poll(async () => (await other.peek('session', 'idle', limit)).remaining, { timeout: 5000, interval: 100 }).toBe(limit - 10);
  });
});
