// Over budget: HTTP 429 RATE_LIMITED with a Retry-After that is right (the request succeeds
// once it has passed), the budget and the refused request's cost in the error, and the
// refusal in the request log. Without a credential the budget is the client address's.
// With Redis (REDIS_URL), two gateways share one budget, and a Redis that stops answering
// hands over to the in-memory fallback limiter: still limited, and the log says so.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../lib/http-server.js';
import { createLogger } from '../lib/logger.js';
import type { RateLimitSettings } from '../gateway/rate-limits/settings.js';
import { createUserKey, createWorkspaceAs, signUp, type CreatedKey } from './identity-seeds.js';
import { errorCodes, postGraphQL, selectRows, startStack, type GraphQLResponse, type TestStack } from './testkit.js';

const QUERY = '{ workspace { name } }';
let stack: TestStack;
let key: CreatedKey;
let workspaceId: string;
/** What QUERY costs, as the gateway reports it. */
let cost: number;
const gateways: RunningServer[] = [];

beforeAll(async () => {
  stack = await startStack({ gateway: { requestLogFlushMs: 50 } });
  const owner = await signUp(stack, 'Limited Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Limited Workspace');
  key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
  const measured = await stack.request({ query: QUERY, headers: keyHeaders() });
  cost = (measured.body as { extensions?: { cost?: number } }).extensions!.cost!;
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await stack?.stop();
});

const keyHeaders = (extra: Record<string, string> = {}) => ({ 'x-api-key': key.secret, 'x-workspace-id': workspaceId, ...extra });

/** Budgets of `requests` times QUERY's cost for every kind, in a window of `windowSeconds`. */
const budgets = (requests: number, windowSeconds: number): RateLimitSettings => {
  const points = requests * cost;
  return { windowSeconds, points: { user_key: points, workspace_key: points, session: points, anonymous: points } };
};

async function gatewayWith(overrides: Parameters<TestStack['startGateway']>[0]): Promise<string> {
  const gateway = await stack.startGateway(overrides);
  gateways.push(gateway);
  return gateway.url;
}

function expectRefused(response: GraphQLResponse, windowSeconds: number, limit: number) {
  expect(response.status).toBe(429);
  expect(errorCodes(response)).toEqual(['RATE_LIMITED']);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(response.body.errors![0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfter, limit, cost });
  expect((response.body as { extensions?: unknown }).extensions).toEqual({ cost });
  expect(response.headers.get('ratelimit-limit')).toBe(String(limit));
  expect(response.headers.get('ratelimit-remaining')).toBe('0');
  expect(response.body.data).toBeUndefined();
  return retryAfter;
}

it('refuses a key over its budget with 429 and a Retry-After after which it succeeds again', async () => {
  // A short window, so that the test can wait it out; long enough for two requests on a busy machine.
  const url = await gatewayWith({ rateLimits: budgets(2, 3) });
  for (let sent = 0; sent < 2; sent += 1) {
    const allowed = await postGraphQL(url, { query: QUERY, headers: keyHeaders() });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('ratelimit-remaining')).toBe(String((1 - sent) * cost));
  }
  const refused = await postGraphQL(url, { query: QUERY, headers: keyHeaders() });
  const retryAfter = expectRefused(refused, 3, 2 * cost);
  const refusedAt = Date.now();
  // Once the window is over the same request runs; not before Retry-After has (nearly) passed.
  await expect.poll(async () => (await postGraphQL(url, { query: QUERY, headers: keyHeaders() })).status, { timeout: 8000, interval: 100 }).toBe(200);
  expect(Date.now() - refusedAt).toBeGreaterThan(retryAfter * 1000 - 1100);
});

it('logs the refused request with its outcome and status', async () => {
  const url = await gatewayWith({ rateLimits: budgets(1, 60) });
  expect((await postGraphQL(url, { query: QUERY, headers: keyHeaders() })).status).toBe(200);
  const correlationId = `rate-limited-${randomBytes(4).toString('hex')}`;
  const refused = await postGraphQL(url, { query: QUERY, headers: keyHeaders({ 'x-correlation-id': correlationId }) });
  expectRefused(refused, 60, cost);
  await expect
    .poll(async () => selectRows(stack.database.url, 'select outcome, http_status, key_id from audit.request_logs where correlation_id = $1', [correlationId]), { timeout: 5000 })
    .toEqual([{ outcome: 'RATE_LIMITED', http_status: 429, key_id: key.id }]);
});

it('gives requests without a credential a budget per client address', async () => {
  // Only the public operations get as far as the budget (anything else is refused earlier, unpriced).
  const signIn = (url: string, address: string) =>
    postGraphQL(url, {
      query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }',
      variables: { input: { email: `nobody-${randomBytes(4).toString('hex')}@example.com`, password: 'not-the-password' } },
      headers: { 'x-forwarded-for': address },
    });
  const probe = await signIn(stack.gatewayUrl, '198.51.100.1');
  expect(errorCodes(probe)).toEqual(['UNAUTHENTICATED']);
  const signInCost = (probe.body as { extensions?: { cost?: number } }).extensions!.cost!;
  const points = 2 * signInCost;
  const url = await gatewayWith({ trustedProxies: ['127.0.0.1', '::1'], rateLimits: { windowSeconds: 60, points: { user_key: points, workspace_key: points, session: points, anonymous: points } } });
  expect(errorCodes(await signIn(url, '203.0.113.1'))).toEqual(['UNAUTHENTICATED']);
  expect(errorCodes(await signIn(url, '203.0.113.1'))).toEqual(['UNAUTHENTICATED']);
  const refused = await signIn(url, '203.0.113.1');
  expect(refused.status).toBe(429);
  expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
  expect(refused.body.errors![0].extensions).toMatchObject({ limit: points, cost: signInCost });
  // Another address has its own budget; so has a key, sent from the spent address.
  expect(errorCodes(await signIn(url, '203.0.113.2'))).toEqual(['UNAUTHENTICATED']);
  expect((await postGraphQL(url, { query: QUERY, headers: keyHeaders({ 'x-forwarded-for': '203.0.113.1' }) })).status).toBe(200);
});

it('answers 503 with Retry-After: 1 beyond the concurrency cap, and serves again once requests finish', async () => {
  const url = await gatewayWith({ maxConcurrentRequests: 1 });
  // A request whose body never completes holds the only slot.
  const { request: httpRequest } = await import('node:http');
  const target = new URL(url);
  const held = httpRequest({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '100' } });
  held.on('error', () => undefined);
  held.write('{"query":');
  await expect.poll(async () => (await postGraphQL(url, { query: QUERY, headers: keyHeaders() })).status, { timeout: 5000 }).toBe(503);
  const busy = await postGraphQL(url, { query: QUERY, headers: keyHeaders() });
  expect(busy.status).toBe(503);
  expect(errorCodes(busy)).toEqual(['SERVICE_UNAVAILABLE']);
  expect(busy.headers.get('retry-after')).toBe('1');
  held.destroy();
  await expect.poll(async () => (await postGraphQL(url, { query: QUERY, headers: keyHeaders() })).status, { timeout: 5000 }).toBe(200);
});

it('answers 429 with Retry-After: 1 to an address past its requests without a credential at once; other addresses and keys go on', async () => {
  const url = await gatewayWith({ anonymousMaxConcurrent: 2, trustedProxies: ['127.0.0.1', '::1'] });
  const { request: httpRequest } = await import('node:http');
  const target = new URL(url);
  // Two requests without a credential whose bodies never complete hold both of the address's places.
  const held = Array.from({ length: 2 }, () => {
    const request = httpRequest({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '100', 'x-forwarded-for': '203.0.113.50' },
    });
    request.on('error', () => undefined);
    request.write('{"query":');
    return request;
  });
  // A request identity never throttles, so that every refusal here is the gateway's.
  const anonymous = (address: string) => postGraphQL(url, { query: '{ __typename }', headers: { 'x-forwarded-for': address } });
  await expect.poll(async () => (await anonymous('203.0.113.50')).status, { timeout: 5000 }).toBe(429);
  const busy = await anonymous('203.0.113.50');
  expect(errorCodes(busy)).toEqual(['RATE_LIMITED']);
  expect(busy.headers.get('retry-after')).toBe('1');
  expect(busy.body.errors![0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 1 });
  const elsewhere = await anonymous('203.0.113.51');
  expect(elsewhere.status).toBe(200);
  expect(elsewhere.body.data).toEqual({ __typename: 'Query' });
  expect((await postGraphQL(url, { query: QUERY, headers: keyHeaders({ 'x-forwarded-for': '203.0.113.50' }) })).status).toBe(200);
  for (const request of held) request.destroy();
  await expect.poll(async () => (await anonymous('203.0.113.50')).status, { timeout: 5000 }).toBe(200);
});

/** A free TCP port on this machine. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether something listens on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe.skipIf(!process.env.REDIS_URL)('with Redis', () => {
  it('two gateways on one Redis refuse a key at their combined budget', async () => {
    const shared = { redisUrl: process.env.REDIS_URL, rateLimitKeyPrefix: `test:rate:${randomBytes(6).toString('hex')}`, rateLimits: budgets(6, 60) };
    const urls = [await gatewayWith(shared), await gatewayWith(shared)];
    const statuses: number[] = [];
    for (let sent = 0; sent < 10; sent += 1) statuses.push((await postGraphQL(urls[sent % 2], { query: QUERY, headers: keyHeaders() })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
  });

  it('falls back to the in-memory limiter when Redis stops answering: still limited, and the log says so', async (context) => {
    // Our own Redis, to stop: never the machine's shared one.
    if (spawnSync('redis-server', ['--version']).status !== 0) return context.skip();
    const port = await freePort();
    const redis: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    try {
      await expect.poll(() => accepts(port), { timeout: 5000 }).toBe(true);
      const lines: string[] = [];
      const url = await gatewayWith({
        redisUrl: `redis://127.0.0.1:${port}`,
        rateLimitKeyPrefix: `test:rate:${randomBytes(6).toString('hex')}`,
        rateLimits: budgets(3, 60),
        logger: createLogger('debug', {}, (line) => lines.push(line)),
      });
      expect(lines.join('\n')).not.toContain('fallback limiter');
      const first = await postGraphQL(url, { query: QUERY, headers: keyHeaders() });
      expect(first.status).toBe(200);
      expect(first.headers.get('ratelimit-remaining')).toBe(String(2 * cost));
      redis.kill('SIGKILL');
      await once(redis, 'exit');
      // The fallback counts from zero in this gateway: three more, then refused.
      const statuses: number[] = [];
      for (let sent = 0; sent < 5; sent += 1) statuses.push((await postGraphQL(url, { query: QUERY, headers: keyHeaders() })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const warnings = lines.filter((line) => line.includes('in-memory fallback limiter'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('"warn"');
    } finally {
      if (redis.exitCode === null) redis.kill('SIGKILL');
    }
  });
});
