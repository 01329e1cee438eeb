// With audit down, requests do not fail: request logs are shipped off the request path
// and stay buffered for a retry. (How fast is for a benchmark, not for this test.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorkspaceAs, signUp, bearer } from './identity-seeds.js';
import { startStack, type TestStack } from './testkit.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({ gateway: { requestLogFlushMs: 20 } });
  await stack.stopSubgraph('audit');
});
afterAll(async () => {
  await stack?.stop();
});

it('answers requests while audit is unreachable', async () => {
  const user = await signUp(stack);
  await createWorkspaceAs(stack, user.token);
  for (let index = 0; index < 20; index += 1) {
    const response = await stack.request({ query: '{ workspaces { totalCount } }', headers: bearer(user.token) });
    expect(response.status).toBe(200);
  }
});
