// The gateway reports itself unready, naming the subgraph, when one stops answering.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStack, type TestStack } from './testkit.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

it('is not ready while a subgraph is down', async () => {
  await stack.stopSubgraph('content');
  const ready = await fetch(`${new URL(stack.gatewayUrl).origin}/ready`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({ status: 'unavailable', subgraphs: { identity: 'ready', content: 'unreachable', audit: 'ready' } });
});
