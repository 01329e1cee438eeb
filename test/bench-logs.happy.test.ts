// The check behind `npm run bench:logs`, at a tiny size: a load with audit stopped and
// started again mid-way, then every correlation id found exactly once through requestLogs;
// and the comparison itself reports what is missing, doubled or foreign.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compareExactlyOnce, isExactlyOnce, loggedCorrelationIds, runLoad, waitForLogged } from '../scripts/request-log-load.js';
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
  let outage: Promise<void> = Promise.resolve();
  const run = await runLoad({
    gatewayUrl: stack.gatewayUrl,
    headers,
    requests: 250,
    concurrency: 10,
    prefix: 'tiny-',
    operationName: 'TinyBench',
    onProgress: {
      after: 50,
      run: () => {
        outage = (async () => {
          await stack.stopSubgraph('audit');
          await new Promise((resolve) => setTimeout(resolve, 500));
          await stack.startSubgraph('audit');
        })();
      },
    },
  });
  await outage;
  expect(run.failed).toBe(0);
  expect(await waitForLogged(stack.gatewayUrl, headers, 'TinyBench', from, 250, 30_000)).toBe(250);
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
