// The check behind `npm run bench:logs`, at a tiny size: a load with audit stopped and
// started again mid-way (100 requests answered while it is down), then every correlation
// id found exactly once through requestLogs; and the comparison itself reports what is
// missing, doubled or foreign.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compareExactlyOnce, countLogged, isExactlyOnce, loggedCorrelationIds, runLoad } from '../scripts/request-log-load.js';
import { createUserKey, createWorkspaceAs, signUp } from './identity-seeds.js';
import { startStack, type TestStack } from './testkit.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({ gateway: { requestLogFlushMs: 50 } });
});
afterAll(async () => {
  await stack?.stop();
});

it('finds every request of a load with an audit outage exactly once, paging through requestLogs', async () => {
  const owner = await signUp(stack);
  const workspaceId = await createWorkspaceAs(stack, owner.token);
  const key = await createUserKey(stack, owner.token, { scopes: ['workspaces:read', 'audit:read'], workspaceIds: [workspaceId] });
  const headers = { 'x-api-key': key.secret };
  const from = new Date();
  // Audit goes down after 50 answers and comes back after 100 more answered while it was
  // down: the load waits for each switch, so the outage overlaps it by construction.
  let auditDown = false;
  let answeredWhileDown = 0;
  let restarted = false;
  const run = await runLoad({
    gatewayUrl: stack.gatewayUrl,
    headers,
    requests: 250,
    concurrency: 10,
    prefix: 'tiny-',
    operationName: 'TinyBench',
    onAnswered: (answered) => {
      if (answered === 50) return stack.stopSubgraph('audit').then(() => void (auditDown = true));
      if (!auditDown) return undefined;
      answeredWhileDown += 1;
      if (answeredWhileDown < 100) return undefined;
      auditDown = false;
      restarted = true;
      return stack.startSubgraph('audit');
    },
  });
  if (auditDown) await stack.startSubgraph('audit');
  expect(run.failed).toBe(0);
  expect(answeredWhileDown, 'requests answered (and logged) while audit was down').toBe(100);
  expect(restarted, 'audit came back while the load was still running').toBe(true);
  await expect.poll(() => countLogged(stack.gatewayUrl, headers, 'TinyBench', from), { timeout: 30_000, interval: 200 }).toBe(250);
  const logged = await loggedCorrelationIds(stack.gatewayUrl, headers, 'TinyBench', from);
  expect(logged).toHaveLength(250);
  expect(isExactlyOnce(compareExactlyOnce(run.correlationIds, logged))).toBe(true);
});

it('reports missing, duplicated and unexpected ids', () => {
  const report = compareExactlyOnce(['a', 'b', 'c'], ['a', 'a', 'c', 'z']);
  expect(report).toEqual({ expected: 3, logged: 4, missing: ['b'], duplicated: ['a'], unexpected: ['z'] });
  expect(isExactlyOnce(report)).toBe(false);
  expect(isExactlyOnce(compareExactlyOnce(['a', 'b'], ['b', 'a']))).toBe(true);
});
