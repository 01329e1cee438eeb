// Budgets of their own, as a client sees them: a key created with `rateLimit` is refused
// once it has spent that many points, a workspace's budget (setWorkspaceRateLimit) applies
// to its keys and sessions at once, a key's own budget only ever lowers its workspace's,
// and the `rateLimit` field says where the budget stands, free of charge when asked for
// alone. With Redis (REDIS_URL), two gateways hold a key to its own budget together.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../lib/http-server.js';
import { bearer, createUserKey, createWorkspaceAs, createWorkspaceKey, signUp, type SignedUpUser } from './identity-seeds.js';
import { errorCodes, postGraphQL, startStack, type GraphQLResponse, type TestStack } from './testkit.js';

/** The deployment default of every kind in this stack. */
const DEFAULT = 10_000;
const QUERY = '{ workspace { name } }';
const RATE_LIMIT = '{ rateLimit { limit cost remaining resetAt } }';
/** Costs about 400 points: three of them spend more than the smallest workspace budget. */
const HEAVY = '{ contentTypes(first: 100) { nodes { id name key } } }';
const MIN_WORKSPACE_BUDGET = 1000;
let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;
/** What QUERY costs, as the gateway reports it. */
let cost: number;
const gateways: RunningServer[] = [];

beforeAll(async () => {
  stack = await startStack({ gateway: { rateLimits: { windowSeconds: 3600, points: { user_key: DEFAULT, workspace_key: DEFAULT, session: DEFAULT, anonymous: DEFAULT } } } });
  owner = await signUp(stack, 'Budget Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Budgets');
  const probe = await stack.request({ query: QUERY, headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId } });
  cost = costOf(probe);
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await stack?.stop();
});

const costOf = (response: GraphQLResponse) => (response.body as { extensions?: { cost?: number } }).extensions!.cost!;
const limitOf = (response: GraphQLResponse) => Number(response.headers.get('ratelimit-limit'));
const remainingOf = (response: GraphQLResponse) => Number(response.headers.get('ratelimit-remaining'));
const keyIn = (secret: string, workspace = workspaceId) => ({ 'x-api-key': secret, 'x-workspace-id': workspace });
const ownerIn = (workspace: string) => ({ ...bearer(owner.token), 'x-workspace-id': workspace });

async function setWorkspaceBudget(workspace: string, points: number | null) {
  return stack.query({ query: 'mutation($points: Int) { setWorkspaceRateLimit(points: $points) { workspace { id rateLimit } } }', variables: { points }, headers: ownerIn(workspace) });
}

it('refuses a key created with rateLimit N once it has spent N points, and lists the key with rateLimit N', async () => {
  const budget = 3 * cost;
  const created = await stack.query({
    query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id rateLimit } } }',
    variables: { input: { description: 'small budget', expiresIn: 'ONE_MONTH', scopes: ['READ', 'KEYS_READ'], workspaceIds: [workspaceId], rateLimit: budget } },
    headers: bearer(owner.token),
  });
  expect(created.createApiKey.apiKey.rateLimit).toBe(budget);
  const secret: string = created.createApiKey.secret;
  for (let sent = 1; sent <= 3; sent += 1) {
    const allowed = await stack.request({ query: QUERY, headers: keyIn(secret) });
    expect(allowed.status).toBe(200);
    expect({ limit: limitOf(allowed), remaining: remainingOf(allowed) }).toEqual({ limit: budget, remaining: budget - sent * cost });
  }
  const refused = await stack.request({ query: QUERY, headers: keyIn(secret) });
  expect(refused.status).toBe(429);
  expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
  expect(refused.body.errors![0].extensions).toMatchObject({ limit: budget, cost });

  const listed = await stack.query({ query: '{ apiKeys { nodes { id rateLimit } } }', headers: bearer(owner.token) });
  expect(listed.apiKeys.nodes).toContainEqual({ id: created.createApiKey.apiKey.id, rateLimit: budget });
});

it("keeps a key's own budget when the key is rotated", async () => {
  const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId], rateLimit: 7 * cost });
  const rotated = await stack.query({ query: 'mutation($id: ID!) { rotateApiKey(id: $id, gracePeriod: 0) { secret apiKey { rateLimit } } }', variables: { id: key.id }, headers: bearer(owner.token) });
  expect(rotated.rotateApiKey.apiKey.rateLimit).toBe(7 * cost);
  expect(limitOf(await stack.request({ query: QUERY, headers: keyIn(rotated.rotateApiKey.secret) }))).toBe(7 * cost);
});

describe('a workspace budget', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await createWorkspaceAs(stack, owner.token, 'Workspace budget');
  });

  it('applies to its keys and sessions without a budget of their own, from the next request', async () => {
    const userKey = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspace] });
    const workspaceKey = await createWorkspaceKey(stack, owner.token, workspace, { scopes: ['read'] });
    // Cached principals first: the change must reach them, not only fresh lookups.
    for (const headers of [keyIn(userKey.secret, workspace), keyIn(workspaceKey.secret, workspace), ownerIn(workspace)]) {
      expect(limitOf(await stack.request({ query: QUERY, headers }))).toBe(DEFAULT);
    }
    const raised = await setWorkspaceBudget(workspace, 3 * DEFAULT);
    expect(raised.setWorkspaceRateLimit).toEqual({ workspace: { id: workspace, rateLimit: 3 * DEFAULT } });
    for (const headers of [keyIn(userKey.secret, workspace), keyIn(workspaceKey.secret, workspace), ownerIn(workspace)]) {
      const response = await stack.request({ query: QUERY, headers });
      expect(response.status).toBe(200);
      expect(limitOf(response)).toBe(3 * DEFAULT);
    }
    const shown = await stack.query({ query: '{ workspace { rateLimit } }', headers: ownerIn(workspace) });
    expect(shown.workspace.rateLimit).toBe(3 * DEFAULT);

    // Lowered under what a key has spent: refused at once. Cleared: the default again.
    for (let sent = 0; sent < 3; sent += 1) expect((await stack.request({ query: HEAVY, headers: keyIn(userKey.secret, workspace) })).status).toBe(200);
    await setWorkspaceBudget(workspace, MIN_WORKSPACE_BUDGET);
    const spent = await stack.request({ query: QUERY, headers: keyIn(userKey.secret, workspace) });
    expect(spent.status).toBe(429);
    expect(spent.body.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: MIN_WORKSPACE_BUDGET });
    await setWorkspaceBudget(workspace, null);
    const cleared = await stack.request({ query: QUERY, headers: keyIn(userKey.secret, workspace) });
    expect(cleared.status).toBe(200);
    expect(limitOf(cleared)).toBe(DEFAULT);
  });

  it('reaches every gateway within a second, through PostgreSQL NOTIFY', async () => {
    const other = await stack.startGateway();
    gateways.push(other);
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspace] });
    const ask = () => postGraphQL(`${other.url}`, { query: QUERY, headers: keyIn(key.secret, workspace) });
    expect(limitOf(await ask())).toBe(DEFAULT);
    await setWorkspaceBudget(workspace, 2 * DEFAULT);
    await expect.poll(async () => limitOf(await ask()), { timeout: 2000, interval: 50 }).toBe(2 * DEFAULT);
    await setWorkspaceBudget(workspace, null);
  });

  it("is the ceiling of a key's own budget: a key's budget only ever lowers it", async () => {
    const own = await createWorkspaceAs(stack, owner.token, 'Ceiling');
    await setWorkspaceBudget(own, 2 * DEFAULT);
    const above = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [own], rateLimit: 3 * DEFAULT });
    const below = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [own], rateLimit: 50 });
    expect(limitOf(await stack.request({ query: QUERY, headers: keyIn(above.secret, own) }))).toBe(2 * DEFAULT);
    expect(limitOf(await stack.request({ query: QUERY, headers: keyIn(below.secret, own) }))).toBe(50);
    // Without a workspace budget, the deployment default is the ceiling.
    await setWorkspaceBudget(own, null);
    expect(limitOf(await stack.request({ query: QUERY, headers: keyIn(above.secret, own) }))).toBe(DEFAULT);
  });
});

describe('the rateLimit field', () => {
  it('tells limit, remaining and resetAt, and asked for alone charges nothing', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId], rateLimit: 100 * cost });
    const spent = await stack.request({ query: QUERY, headers: keyIn(key.secret) });
    expect(remainingOf(spent)).toBe(99 * cost);

    const before = Date.now();
    const first = await stack.request({ query: RATE_LIMIT, headers: keyIn(key.secret) });
    const second = await stack.request({ query: `{ __typename ...Budget } fragment Budget on Query { rateLimit { limit cost remaining resetAt } }`, headers: keyIn(key.secret) });
    for (const response of [first, second]) {
      expect(response.status).toBe(200);
      expect(response.body.data!.rateLimit).toMatchObject({ limit: 100 * cost, cost: 0, remaining: 99 * cost });
      expect(remainingOf(response)).toBe(99 * cost);
      const resetAt = Date.parse(response.body.data!.rateLimit.resetAt);
      expect(resetAt).toBeGreaterThan(before);
      expect(resetAt).toBeLessThanOrEqual(Date.now() + 3600 * 1000);
    }

    // With anything else, the request is charged, and the field says what it cost.
    const mixed = await stack.request({ query: `{ workspace { name } ${RATE_LIMIT.slice(1, -1)} }`, headers: keyIn(key.secret) });
    const mixedCost = costOf(mixed);
    expect(mixed.body.data!.rateLimit).toMatchObject({ limit: 100 * cost, cost: mixedCost, remaining: 99 * cost - mixedCost });
    expect(remainingOf(mixed)).toBe(99 * cost - mixedCost);
  });

  it('still answers once the budget is spent', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId], rateLimit: cost });
    expect((await stack.request({ query: QUERY, headers: keyIn(key.secret) })).status).toBe(200);
    expect((await stack.request({ query: QUERY, headers: keyIn(key.secret) })).status).toBe(429);
    const read = await stack.request({ query: RATE_LIMIT, headers: keyIn(key.secret) });
    expect(read.status).toBe(200);
    expect(read.body.data!.rateLimit).toMatchObject({ limit: cost, cost: 0, remaining: 0 });
  });

  it('answers for a session and for a key that has not spent anything yet', async () => {
    const fresh = await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['read'] });
    const read = await stack.request({ query: RATE_LIMIT, headers: keyIn(fresh.secret) });
    expect(read.body.data!.rateLimit).toMatchObject({ limit: DEFAULT, cost: 0, remaining: DEFAULT });
    const session = await stack.request({ query: RATE_LIMIT, headers: ownerIn(workspaceId) });
    expect(session.body.data!.rateLimit).toMatchObject({ limit: DEFAULT, cost: 0 });
  });
});

describe.skipIf(!process.env.REDIS_URL)('with Redis', () => {
  it('holds a key to its own budget across two gateways, and a workspace budget too', async () => {
    const shared = { redisUrl: process.env.REDIS_URL, rateLimitKeyPrefix: `test:budgets:${randomBytes(6).toString('hex')}` };
    const urls = await Promise.all([stack.startGateway(shared), stack.startGateway(shared)]).then((started) => {
      gateways.push(...started);
      return started.map((gateway) => gateway.url);
    });
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId], rateLimit: 4 * cost });
    const statuses: number[] = [];
    for (let sent = 0; sent < 6; sent += 1) statuses.push((await postGraphQL(urls[sent % 2], { query: QUERY, headers: keyIn(key.secret) })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);

    const workspace = await createWorkspaceAs(stack, owner.token, 'Shared budget');
    await setWorkspaceBudget(workspace, MIN_WORKSPACE_BUDGET);
    const member = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspace] });
    const heavyCost = costOf(await stack.request({ query: HEAVY, headers: ownerIn(workspace) }));
    const fits = Math.floor(MIN_WORKSPACE_BUDGET / heavyCost);
    const workspaceStatuses: number[] = [];
    for (let sent = 0; sent < fits + 2; sent += 1) workspaceStatuses.push((await postGraphQL(urls[sent % 2], { query: HEAVY, headers: keyIn(member.secret, workspace) })).status);
    expect(workspaceStatuses).toEqual([...Array<number>(fits).fill(200), 429, 429]);
    // Reading the budget is free on either gateway.
    const read = await postGraphQL(urls[1], { query: RATE_LIMIT, headers: keyIn(member.secret, workspace) });
    expect(read.body.data!.rateLimit).toMatchObject({ limit: MIN_WORKSPACE_BUDGET, cost: 0, remaining: 0 });
  });
});
