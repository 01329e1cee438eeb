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

/** The events a gateway logged, parsed, with this message. */
function logged(lines: readonly string[], message: string): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((event) => event.message === message);
}

const SHIPPING_FAILED = 'request log shipping failed; will retry';

/** Sends `count` requests through `url`, one after another, each answered 200 without errors. */
async function requests(url: string, prefix: string, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const response = await postGraphQL(url, { query: 'query WhileAuditIsDown { workspaces { totalCount } }', headers: { ...headers, 'x-correlation-id': `${prefix}${index}` } });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  }
}

it('answers while audit is down and, once it is back, stores every entry exactly once', async () => {
  const lines: string[] = [];
  const gateway = await stack.startGateway({ requestLogFlushMs: 20, logger: createLogger('debug', {}, (line) => lines.push(line)) });
  const expected = Array.from({ length: 40 }, (_, index) => `down-${index}`).sort();
  try {
    await stack.stopSubgraph('audit');
    await requests(gateway.url, 'down-', 40);
    // Shipping failed, and failed again after backing off: the entries wait in the buffer.
    await expect.poll(() => logged(lines, SHIPPING_FAILED).map((event) => event.attempt as number), { timeout: 10_000 }).toContain(2);
    expect((await storedCounts('down-')).size).toBe(0);
    await stack.startSubgraph('audit');
    // The running gateway delivers them once audit is back (the backoff may have grown, hence the wait).
    await expect.poll(async () => [...(await storedCounts('down-')).keys()].sort(), { timeout: 40_000, interval: 100 }).toEqual(expected);
  } finally {
    await gateway.stop();
  }
  // Nothing left in flight once the gateway has stopped: each entry is stored exactly once.
  const counts = await storedCounts('down-');
  expect(expected.map((id) => counts.get(id))).toEqual(expected.map(() => 1));
});

it('does not make requests wait for an audit that accepts connections but never answers', async () => {
  const held: ServerResponse[] = [];
  let closed = 0;
  let answering = false;
  const hanging = createServer((_request: IncomingMessage, response: ServerResponse) => {
    if (answering) return response.end('{"stored":0}');
    held.push(response);
    response.on('close', () => (closed += 1));
  });
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const auditUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/graphql`;
  const gateway = await stack.startGateway({ subgraphUrls: { ...stack.subgraphUrls, audit: auditUrl }, requestLogFlushMs: 20 });
  try {
    await requests(gateway.url, 'hanging-first-', 1);
    await expect.poll(() => held.length, { message: 'the gateway tries to ship to the hanging audit' }).toBeGreaterThan(0);
    await requests(gateway.url, 'hanging-', 20);
    // Every request was answered while that shipment was still waiting (the shipper gives
    // up on it only after 10 s): none of them waited for it.
    expect(closed, 'shipments that ended before the requests were answered').toBe(0);
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
  await requests(gateway.url, 'overflow-', 12);
  // The running gateway tried to ship (and failed), not only the one stopping.
  await expect.poll(() => logged(lines, SHIPPING_FAILED).length, { timeout: 10_000 }).toBeGreaterThan(0);
  await gateway.stop();
  const dropped = logged(lines, 'request log buffer full; oldest entries dropped').reduce((sum, event) => sum + Number(event.dropped), 0);
  expect(dropped).toBe(12 - 5);
  expect(logged(lines, 'request logs lost at shutdown: audit unreachable')).toEqual([expect.objectContaining({ lost: 5, droppedTotal: 12 })]);
});

it('ships what is buffered when the gateway stops', async () => {
  const gateway = await stack.startGateway({ requestLogFlushMs: 3_600_000 });
  await requests(gateway.url, 'at-shutdown-', 5);
  expect((await storedCounts('at-shutdown-')).size).toBe(0);
  await gateway.stop();
  expect([...(await storedCounts('at-shutdown-')).values()]).toEqual([1, 1, 1, 1, 1]);
});
