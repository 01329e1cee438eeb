// What budgets refuse and what they do not charge: a budget out of range is BAD_USER_INPUT
// naming it, and nothing changes; a request refused before the rate-limit step (413 body,
// 401 credential, 400 document or limits) costs its credential nothing; a refusal over the
// budget (429) is in the request logs with its outcome and status, through the API too.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCredential } from '../lib/api-key-format.js';
import { snapshotRows } from './authorization/database-snapshot.js';
import { bearer, createUserKey, createWorkspaceAs, signUp, type CreatedKey, type SignedUpUser } from './identity-seeds.js';
import { errorCodes, selectRows, startStack, type GraphQLResponse, type TestStack } from './testkit.js';

const BUDGET = 10_000;
const MAX_BUDGET = 50_000;
const QUERY = '{ workspace { name } }';
let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;

beforeAll(async () => {
  // No background writes during a comparison of rows: key usage is reported only at
  // shutdown, and the outbox relay does not run.
  stack = await startStack({
    settings: { maxBudgetPoints: MAX_BUDGET },
    runWorkers: false,
    gateway: {
      keyUsageFlushMs: 3_600_000,
      requestLogFlushMs: 50,
      trustedProxies: ['127.0.0.1', '::1'],
      rateLimits: { windowSeconds: 3600, points: { user_key: BUDGET, workspace_key: BUDGET, session: BUDGET, anonymous: BUDGET } },
    },
  });
  owner = await signUp(stack, 'Budget Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Budgets');
});
afterAll(async () => {
  await stack?.stop();
});

const ownerHeaders = () => ({ ...bearer(owner.token), 'x-workspace-id': workspaceId });
const remainingOf = (response: GraphQLResponse) => Number(response.headers.get('ratelimit-remaining'));
const costOf = (response: GraphQLResponse) => (response.body as { extensions?: { cost?: number } }).extensions!.cost!;
const fieldErrors = (response: GraphQLResponse) => (response.body.errors![0].extensions!.fieldErrors as { field: string; reason: string }[]).map((error) => `${error.field}: ${error.reason}`);

describe('a budget out of range is refused with BAD_USER_INPUT, and nothing changes', () => {
  async function refused(query: string, variables: Record<string, unknown>) {
    const before = await snapshotRows(stack.database.url);
    const response = await stack.request({ query, variables, headers: ownerHeaders() });
    expect(errorCodes(response), JSON.stringify(response.body)).toEqual(['BAD_USER_INPUT']);
    expect(await snapshotRows(stack.database.url)).toEqual(before);
    return response;
  }

  const CREATE_KEY = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }';
  const keyInput = (rateLimit: number) => ({ input: { description: 'k', expiresIn: 'ONE_MONTH', scopes: ['READ'], workspaceIds: [workspaceId], rateLimit } });

  it.each([0, -5, MAX_BUDGET + 1])('createApiKey with rateLimit %i', async (rateLimit) => {
    expect(fieldErrors(await refused(CREATE_KEY, keyInput(rateLimit)))).toEqual([`rateLimit: must be a whole number of points from 1 to ${MAX_BUDGET}`]);
  });

  it('createWorkspaceKey with rateLimit 0, with the other problems at once', async () => {
    const response = await refused('mutation($input: CreateWorkspaceKeyInput!) { createWorkspaceKey(input: $input) { secret } }', {
      input: { description: ' ', expiresIn: 'ONE_MONTH', scopes: ['READ'], rateLimit: 0 },
    });
    expect(fieldErrors(response)).toEqual(['description: must be 1 to 200 characters', `rateLimit: must be a whole number of points from 1 to ${MAX_BUDGET}`]);
  });

  it.each([0, 999, MAX_BUDGET + 1])('setWorkspaceRateLimit with %i points', async (points) => {
    const response = await refused('mutation($points: Int) { setWorkspaceRateLimit(points: $points) { workspace { id } } }', { points });
    expect(fieldErrors(response)).toEqual([`points: must be a whole number of points from 1000 to ${MAX_BUDGET}`]);
  });

  it('a budget that is not a whole number, before anything runs', async () => {
    const response = await stack.request({ query: 'mutation($points: Int) { setWorkspaceRateLimit(points: $points) { workspace { id } } }', variables: { points: 1500.5 }, headers: ownerHeaders() });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    const shown = await stack.query({ query: '{ workspace { rateLimit } }', headers: ownerHeaders() });
    expect(shown.workspace.rateLimit).toBeNull();
  });
});

describe('requests refused before the rate-limit step', () => {
  let key: CreatedKey;
  beforeAll(async () => {
    key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
  });

  const keyHeaders = (correlationId: string) => ({ 'x-api-key': key.secret, 'x-workspace-id': workspaceId, 'x-correlation-id': correlationId });
  const logged = (prefix: string) =>
    selectRows(stack.database.url, 'select correlation_id, outcome, http_status from audit.request_logs where correlation_id like $1 order by correlation_id', [`${prefix}%`]);

  it('cost the key nothing, and are logged with their status', async () => {
    const prefix = `unpriced-${randomBytes(4).toString('hex')}-`;
    const body = JSON.stringify({ query: `{ workspace { name } } # ${'x'.repeat(1024 * 1024)}` });
    const tooLarge = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...keyHeaders(`${prefix}1`) }, body }).catch(() => undefined);
    if (tooLarge) expect(tooLarge.status).toBe(413);
    const unparsable = await stack.request({ query: '{ workspace { name ', headers: keyHeaders(`${prefix}2`) });
    expect(unparsable.status).toBe(400);
    const tooDeep = await stack.request({ query: `{ ${'members { nodes { groups { nodes { '.repeat(6)}id${' } } } }'.repeat(6)} }`, headers: keyHeaders(`${prefix}3`) });
    expect(tooDeep.status).toBe(400);
    for (const refusal of [unparsable, tooDeep]) expect(refusal.headers.get('ratelimit-remaining')).toBeNull();

    const first = await stack.request({ query: QUERY, headers: keyHeaders(`${prefix}4`) });
    expect(first.status).toBe(200);
    expect(remainingOf(first)).toBe(BUDGET - costOf(first));

    await expect.poll(async () => (await logged(prefix)).length, { timeout: 5000 }).toBeGreaterThanOrEqual(tooLarge ? 4 : 3);
    const rows = await logged(prefix);
    expect(rows.find((row) => row.correlation_id === `${prefix}2`)).toMatchObject({ outcome: 'GRAPHQL_PARSE_FAILED', http_status: 400 });
    expect(rows.find((row) => row.correlation_id === `${prefix}3`)).toMatchObject({ http_status: 400 });
    if (tooLarge) expect(rows.find((row) => row.correlation_id === `${prefix}1`)).toMatchObject({ outcome: 'PAYLOAD_TOO_LARGE', http_status: 413 });
  });

  it("with a bad credential (401) cost the sender's address nothing", async () => {
    const signIn = (address: string) =>
      stack.request({
        query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }',
        variables: { input: { email: owner.email, password: owner.password } },
        headers: { 'x-forwarded-for': address },
      });
    // A mistyped key (refused on its checksum) and a well-formed one nobody issued (refused by the lookup).
    const mangled = `${key.secret.slice(0, -1)}${key.secret.endsWith('x') ? 'y' : 'x'}`;
    for (const secret of [mangled, generateCredential('user_key')]) {
      const refused = await stack.request({ query: QUERY, headers: { 'x-api-key': secret, 'x-forwarded-for': '198.51.100.77' } });
      expect(refused.status).toBe(401);
    }
    // The address that sent them has its whole budget, as one that sent nothing.
    const afterRefusals = await signIn('198.51.100.77');
    const untouched = await signIn('198.51.100.78');
    expect(afterRefusals.status).toBe(200);
    expect(remainingOf(afterRefusals)).toBe(remainingOf(untouched));
    expect(remainingOf(afterRefusals)).toBe(BUDGET - costOf(afterRefusals));
  });
});

it('logs a request refused over its budget with outcome RATE_LIMITED and status 429, as requestLogs shows it', async () => {
  const budget = 2 * costOf(await stack.request({ query: QUERY, headers: ownerHeaders() }));
  const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId], rateLimit: budget });
  const correlationId = `over-budget-${randomBytes(4).toString('hex')}`;
  const statuses: number[] = [];
  for (let sent = 0; sent < 3; sent += 1) {
    statuses.push((await stack.request({ query: QUERY, headers: { 'x-api-key': key.secret, 'x-workspace-id': workspaceId, 'x-correlation-id': `${correlationId}-${sent}` } })).status);
  }
  expect(statuses).toEqual([200, 200, 429]);
  const listed = async () => {
    const data = await stack.query({
      query: 'query($key: ID!) { requestLogs(filter: { apiKeyId: $key, outcome: RATE_LIMITED }) { nodes { correlationId outcome httpStatus apiKey { id } } } }',
      variables: { key: key.id },
      headers: ownerHeaders(),
    });
    return data.requestLogs.nodes;
  };
  await expect.poll(listed, { timeout: 5000 }).toEqual([{ correlationId: `${correlationId}-2`, outcome: ['RATE_LIMITED'], httpStatus: 429, apiKey: { id: key.id } }]);
});
