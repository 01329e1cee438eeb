// Request logs never get in a request's way: with audit down or hanging, requests answer
// at once; entries wait in a bounded buffer (what overflows is counted and logged), are
// retried with backoff, and once audit is back every one arrives exactly once. Stopping
// the gateway ships what is left.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { bearer, createWorkspaceAs, signUp } from './identity-seeds.js';
import { postGraphQL, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let headers: Record<string, string>;

beforeAll(async () => {
  stack = await startStack({ gateway: { requestLogFlushMs: 20 } });
  const user = await signUp(stack);
  await createWorkspaceAs(stack, user.token);
  headers = bearer(user.token);
});
afterAll(async () => {
  await stack?.stop();
});

/** correlation id → how many times it is stored. */
async function storedCounts(prefix: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: stack.database.url });
  await client.connect();
  try {
    const rows = (await client.query('select correlation_id, count(*)::int as count from audit.request_logs where correlation_id like $1 group by 1', [`${prefix}%`])).rows;
    return new Map(rows.map((row) => [row.correlation_id as string, row.count as number]));
  } finally {
    await client.end();
  }
}

async function waitForStored(prefix: string, expected: number, timeoutMs: number): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  let counts = await storedCounts(prefix);
  while (counts.size < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    counts = await storedCounts(prefix);
  }
  return counts;
}

/** Sends `count` requests through `url`, one after another; returns each one's time in ms. */
async function timedRequests(url: string, prefix: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    const response = await postGraphQL(url, { query: 'query WhileAuditIsDown { workspaces { totalCount } }', headers: { ...headers, 'x-correlation-id': `${prefix}${index}` } });
    times.push(performance.now() - started);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  }
  return times;
}

it('answers while audit is down and, once it is back, stores every entry exactly once', async () => {
  await stack.stopSubgraph('audit');
  await timedRequests(stack.gatewayUrl, 'down-', 40);
  await new Promise((resolve) => setTimeout(resolve, 300)); // a few failed, backed-off shipments
  await stack.startSubgraph('audit');

  const counts = await waitForStored('down-', 40, 30_000);
  expect([...counts.keys()].sort()).toEqual(Array.from({ length: 40 }, (_, index) => `down-${index}`).sort());
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
});

it('does not make requests wait for an audit that accepts connections but never answers', async () => {
  const held: ServerResponse[] = [];
  let answering = false;
  const hanging = createServer((_request: IncomingMessage, response: ServerResponse) => (answering ? response.end('{"stored":0}') : held.push(response)));
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const auditUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/graphql`;
  const gateway = await stack.startGateway({ subgraphUrls: { ...stack.subgraphUrls, audit: auditUrl }, requestLogFlushMs: 20 });
  try {
    const times = await timedRequests(gateway.url, 'hanging-', 20);
    expect(held.length, 'the gateway did try to ship to the hanging audit').toBeGreaterThan(0);
    // Shipping waits up to 10 s for an answer; a request that waited for it would show it.
    expect(Math.max(...times)).toBeLessThan(2000);
  } finally {
    // Answered from now on, so that the gateway's final flush does not wait either.
    answering = true;
    for (const response of held) response.end('{"stored":0}');
    await gateway.stop();
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
  }
});

it('keeps the buffer bounded while audit is unreachable, counting and logging what it drops', async () => {
  const lines: string[] = [];
  const unreachable = 'http://127.0.0.1:9/graphql';
  const gateway = await stack.startGateway({
    subgraphUrls: { ...stack.subgraphUrls, audit: unreachable },
    requestLogFlushMs: 20,
    requestLogBufferSize: 5,
    requestLogShutdownMs: 200,
    logger: createLogger('debug', {}, (line) => lines.push(line)),
  });
  await timedRequests(gateway.url, 'overflow-', 12);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await gateway.stop();
  const events = lines.map((line) => JSON.parse(line) as Record<string, any>);
  const droppedWhileRunning = events.filter((event) => event.message === 'request log buffer full; oldest entries dropped').reduce((sum, event) => sum + event.dropped, 0);
  expect(droppedWhileRunning).toBe(12 - 5);
  expect(events.find((event) => event.message === 'request logs lost at shutdown: audit unreachable')).toMatchObject({ lost: 5, droppedTotal: 12 });
  expect(events.some((event) => event.message === 'request log shipping failed; will retry')).toBe(true);
});

it('ships what is buffered when the gateway stops', async () => {
  const gateway = await stack.startGateway({ requestLogFlushMs: 3_600_000 });
  await timedRequests(gateway.url, 'at-shutdown-', 5);
  expect((await storedCounts('at-shutdown-')).size).toBe(0);
  await gateway.stop();
  expect([...(await storedCounts('at-shutdown-')).values()]).toEqual([1, 1, 1, 1, 1]);
});
