// Rate limits as a client sees them within its budget: every answer says where the budget
// stands (RateLimit-Limit/-Remaining/-Reset), `extensions.cost` says what the request
// cost, and Remaining goes down by exactly that cost; a browser app may read the headers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../lib/http-server.js';
import { createUserKey, createWorkspaceAs, signUp, type CreatedKey } from './identity-seeds.js';
import { postGraphQL, startStack, type TestStack } from './testkit.js';

const BUDGET = 10_000;
const ORIGIN = 'https://app.example';
let stack: TestStack;
let key: CreatedKey;
let workspaceId: string;
const gateways: RunningServer[] = [];

beforeAll(async () => {
  stack = await startStack({
    gateway: { corsOrigins: [ORIGIN], rateLimits: { windowSeconds: 3600, points: { user_key: BUDGET, workspace_key: BUDGET, session: BUDGET, anonymous: BUDGET } } },
  });
  const owner = await signUp(stack, 'Budget Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Budget Workspace');
  key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await stack?.stop();
});

const headers = () => ({ 'x-api-key': key.secret, 'x-workspace-id': workspaceId });
const budgetOf = (response: { headers: Headers }) => ({
  limit: Number(response.headers.get('ratelimit-limit')),
  remaining: Number(response.headers.get('ratelimit-remaining')),
  reset: Number(response.headers.get('ratelimit-reset')),
});

it('charges each answer its computed cost: RateLimit-Remaining goes down by extensions.cost', async () => {
  const first = await stack.request({ query: '{ workspace { name } }', headers: headers() });
  expect(first.status).toBe(200);
  const firstCost = (first.body as { extensions?: { cost?: number } }).extensions?.cost;
  expect(firstCost).toBeGreaterThanOrEqual(1);
  expect(budgetOf(first)).toEqual({ limit: BUDGET, remaining: BUDGET - firstCost!, reset: expect.any(Number) });
  expect(budgetOf(first).reset).toBeGreaterThan(3500);
  expect(budgetOf(first).reset).toBeLessThanOrEqual(3600);

  // A costlier operation spends more of the same budget.
  const second = await stack.request({ query: '{ workspace { name } contentTypes(first: 20) { totalCount nodes { id name } } }', headers: headers() });
  expect(second.status).toBe(200);
  const secondCost = (second.body as { extensions?: { cost?: number } }).extensions?.cost;
  expect(secondCost).toBeGreaterThan(firstCost!);
  expect(budgetOf(second)).toMatchObject({ limit: BUDGET, remaining: BUDGET - firstCost! - secondCost! });
});

it('keeps one budget per credential: another key starts with its whole budget', async () => {
  const owner = await signUp(stack, 'Other Owner');
  const otherWorkspace = await createWorkspaceAs(stack, owner.token, 'Other Workspace');
  const other = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [otherWorkspace] });
  const response = await stack.request({ query: '{ workspace { name } }', headers: { 'x-api-key': other.secret, 'x-workspace-id': otherWorkspace } });
  expect(response.status).toBe(200);
  const cost = (response.body as { extensions?: { cost?: number } }).extensions?.cost;
  expect(budgetOf(response)).toMatchObject({ limit: BUDGET, remaining: BUDGET - cost! });
});

it('lets a browser app on an allowed origin read the rate-limit headers (CORS)', async () => {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers() },
    body: JSON.stringify({ query: '{ workspace { name } }' }),
  });
  expect(response.status).toBe(200);
  const exposed = (response.headers.get('access-control-expose-headers') ?? '')
    .toLowerCase()
    .split(',')
    .map((name) => name.trim());
  expect(exposed).toEqual(expect.arrayContaining(['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after']));
  expect(response.headers.get('ratelimit-limit')).toBe(String(BUDGET));
});

it('charges nothing on a gateway started with GATEWAY_RATE_LIMITS=false (benchmarks only): no budget, no headers', async () => {
  const gateway = await stack.startGateway({ enforceRateLimits: false, rateLimits: { windowSeconds: 3600, points: { user_key: 1, workspace_key: 1, session: 1, anonymous: 1 } } });
  gateways.push(gateway);
  for (let sent = 0; sent < 3; sent += 1) {
    const response = await postGraphQL(gateway.url, { query: '{ workspace { name } }', headers: headers() });
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-limit')).toBeNull();
    expect(response.headers.get('ratelimit-remaining')).toBeNull();
  }
});
