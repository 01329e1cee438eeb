// Who sees which request logs: with audit:read, every credential's requests in the
// workspace; with only keys:read, only your own (your keys and sessions; a workspace key:
// its own); ApiKey.requestLogs follows the same rule and costs the same statements for
// any number of keys. And a client cannot choose the address it is logged under.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, createWorkspaceKey, signUp, type CreatedKey, type SignedUpUser } from './identity-seeds.js';
import { countRows, postGraphQL, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let counting = false;
let auditStatements = 0;
let owner: SignedUpUser;
let colleague: SignedUpUser;
let workspaceId: string;
let ownerKey: CreatedKey;
let colleagueKey: CreatedKey;
let workspaceKey: CreatedKey;
let outsiderKey: CreatedKey;

const LIST = 'query($f: RequestLogFilter) { requestLogs(filter: $f, first: 100) { totalCount nodes { correlationId apiKey { id } user { id } clientIp } } }';

async function correlationIdsSeenBy(headers: Record<string, string>, prefix: string): Promise<string[]> {
  const data = await stack.query({ query: LIST, variables: { f: { operationName: 'Traced' } }, headers });
  return (data.requestLogs.nodes as { correlationId: string }[])
    .map((node) => node.correlationId)
    .filter((id) => id.startsWith(prefix))
    .sort();
}

function traced(headers: Record<string, string>, correlationId: string, url = stack.gatewayUrl) {
  return postGraphQL(url, { query: 'query Traced { workspace { id } }', headers: { ...headers, 'x-correlation-id': correlationId } });
}

/** Waits until a credential with audit:read sees `count` traced entries with the prefix (the owner's, unless told). */
async function waitForEntries(prefix: string, count: number, headers?: Record<string, string>): Promise<void> {
  // vi.waitFor rather than expect.poll: this runs in beforeAll too.
  await vi.waitFor(async () => expect((await correlationIdsSeenBy(headers ?? { 'x-api-key': ownerKey.secret }, prefix)).length, `entries starting with ${prefix}`).toBeGreaterThanOrEqual(count), {
    timeout: 10_000,
    interval: 50,
  });
}

beforeAll(async () => {
  stack = await startStack({
    gateway: { requestLogFlushMs: 20 },
    onQuery: (subgraph) => {
      if (counting && subgraph === 'audit') auditStatements += 1;
    },
  });
  owner = await signUp(stack, 'Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token);
  const ownerHeaders = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  colleague = await signUp(stack, 'Colleague');
  const roles = await stack.query({ query: '{ roles { nodes { id key } } }', headers: ownerHeaders });
  const editor = roles.roles.nodes.find((role: { key: string }) => role.key === 'editor').id;
  await stack.query({
    query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
    variables: { input: { email: colleague.email, roleId: editor } },
    headers: ownerHeaders,
  });
  ownerKey = await createUserKey(stack, owner.token, { scopes: ['workspaces:read', 'audit:read', 'keys:read'], workspaceIds: [workspaceId] });
  colleagueKey = await createUserKey(stack, colleague.token, { scopes: ['workspaces:read', 'keys:read'], workspaceIds: [workspaceId] });
  workspaceKey = await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['workspaces:read', 'keys:read'] });
  const outsider = await signUp(stack, 'Outsider');
  const elsewhere = await createWorkspaceAs(stack, outsider.token);
  outsiderKey = await createUserKey(stack, outsider.token, { scopes: ['workspaces:read', 'audit:read', 'keys:read'], workspaceIds: [elsewhere] });

  await traced({ 'x-api-key': ownerKey.secret }, 'seen-owner-key');
  await traced({ 'x-api-key': colleagueKey.secret }, 'seen-colleague-key');
  await traced({ ...bearer(colleague.token), 'x-workspace-id': workspaceId }, 'seen-colleague-session');
  await traced({ 'x-api-key': workspaceKey.secret }, 'seen-workspace-key');
  await traced({ 'x-api-key': outsiderKey.secret }, 'seen-outsider');
  await waitForEntries('seen-', 4);
  // The outsider's entry may come in a later batch than the workspace's four.
  await waitForEntries('seen-outsider', 1, { 'x-api-key': outsiderKey.secret });
});
afterAll(async () => {
  await stack?.stop();
});

describe('requestLogs', () => {
  it('shows every credential of the workspace to audit:read, and nothing of another workspace', async () => {
    expect(await correlationIdsSeenBy({ 'x-api-key': ownerKey.secret }, 'seen-')).toEqual(['seen-colleague-key', 'seen-colleague-session', 'seen-owner-key', 'seen-workspace-key']);
    expect(await correlationIdsSeenBy({ 'x-api-key': outsiderKey.secret }, 'seen-')).toEqual(['seen-outsider']);
  });

  it('shows only your own requests (keys and sessions) with keys:read alone', async () => {
    const expected = ['seen-colleague-key', 'seen-colleague-session'];
    expect(await correlationIdsSeenBy({ 'x-api-key': colleagueKey.secret }, 'seen-')).toEqual(expected);
    // A filter cannot widen it: asking for the owner's key shows nothing.
    const data = await stack.query({ query: LIST, variables: { f: { apiKeyId: ownerKey.id } }, headers: { 'x-api-key': colleagueKey.secret } });
    expect(data.requestLogs).toEqual({ totalCount: 0, nodes: [] });
  });

  it('shows a workspace key only its own requests without audit:read', async () => {
    expect(await correlationIdsSeenBy({ 'x-api-key': workspaceKey.secret }, 'seen-')).toEqual(['seen-workspace-key']);
  });
});

describe('ApiKey.requestLogs', () => {
  const KEYS = 'query($owner: ApiKeyOwner) { apiKeys(filter: { owner: $owner }, first: 100) { nodes { id requestLogs(filter: { operationName: "Traced" }) { totalCount nodes { correlationId } } } } }';
  const logsByKey = async (headers: Record<string, string>, owner: 'ME' | 'WORKSPACE') => {
    const data = await stack.query({ query: KEYS, variables: { owner }, headers });
    return Object.fromEntries(
      (data.apiKeys.nodes as { id: string; requestLogs: { nodes: { correlationId: string }[] } }[]).map((key) => [key.id, key.requestLogs.nodes.map((node) => node.correlationId).sort()]),
    );
  };

  it("lists your own key's requests", async () => {
    const mine = await logsByKey({ 'x-api-key': colleagueKey.secret }, 'ME');
    expect(mine[colleagueKey.id]).toEqual(['seen-colleague-key']);
  });

  it("lists another credential's requests only with audit:read", async () => {
    expect((await logsByKey({ 'x-api-key': ownerKey.secret }, 'WORKSPACE'))[workspaceKey.id]).toEqual(['seen-workspace-key']);
    expect((await logsByKey({ 'x-api-key': colleagueKey.secret }, 'WORKSPACE'))[workspaceKey.id]).toEqual([]);
  });

  it('costs audit as many statements for 12 keys as for 2', async () => {
    for (let index = 0; index < 10; index += 1) {
      const key = await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['workspaces:read'] });
      await traced({ 'x-api-key': key.secret }, `batch-${index}`);
    }
    // Nothing else reaches audit while its statements are counted: the main gateway has
    // shipped the entry of every request it answered (batch-9's, its last, ships last) and
    // identity's outbox has delivered the new keys' audit events. Read from the database,
    // so that waiting sends no request that would be logged in turn.
    const pending = async () => ({
      batchEntries: await countRows(stack.database.url, "select count(*) from audit.request_logs where correlation_id like 'batch-%'"),
      undeliveredEvents: await countRows(stack.database.url, 'select (select count(*) from identity.outbox_events) + (select count(*) from content.outbox_events) as count'),
    });
    await expect.poll(pending, { timeout: 10_000 }).toEqual({ batchEntries: 10, undeliveredEvents: 0 });
    // A gateway that ships its own request logs only when it stops, so that ingest is not counted.
    const quiet = await stack.startGateway({ requestLogFlushMs: 3_600_000 });
    const statementsFor = async (first: number) => {
      const request = {
        query: `query { apiKeys(filter: { owner: WORKSPACE }, first: ${first}) { nodes { id requestLogs(first: 5) { totalCount nodes { correlationId } } } } }`,
        headers: { 'x-api-key': ownerKey.secret },
      };
      await postGraphQL(quiet.url, request); // warm the principal cache
      auditStatements = 0;
      counting = true;
      const response = await postGraphQL(quiet.url, request);
      counting = false;
      expect(response.body.errors).toBeUndefined();
      const nodes = response.body.data?.apiKeys.nodes as { requestLogs: { totalCount: number } }[];
      expect(nodes).toHaveLength(first);
      return { statements: auditStatements, withLogs: nodes.filter((node) => node.requestLogs.totalCount > 0).length };
    };
    try {
      const two = await statementsFor(2);
      const eleven = await statementsFor(11);
      expect(two.statements).toBeGreaterThan(0);
      expect(eleven.statements).toBe(two.statements);
      expect(eleven.withLogs).toBeGreaterThanOrEqual(10);
    } finally {
      await quiet.stop();
    }
  });
});

describe('the client address', () => {
  it('is the forwarded one only when the request comes through a trusted proxy', async () => {
    const spoofed = { 'x-api-key': ownerKey.secret, 'x-forwarded-for': '203.0.113.7' };
    await traced(spoofed, 'address-direct');
    const proxied = await stack.startGateway({ trustedProxies: ['127.0.0.1', '::1'], requestLogFlushMs: 20 });
    try {
      await traced(spoofed, 'address-via-proxy', proxied.url);
      // The proxy appends the peer it saw; what the client wrote left of it is not believed.
      await traced({ ...spoofed, 'x-forwarded-for': '198.51.100.1, 203.0.113.8' }, 'address-chain', proxied.url);
    } finally {
      await proxied.stop();
    }
    await waitForEntries('address-', 3);
    const data = await stack.query({ query: LIST, variables: { f: { operationName: 'Traced' } }, headers: { 'x-api-key': ownerKey.secret } });
    const addressOf = Object.fromEntries((data.requestLogs.nodes as { correlationId: string; clientIp: string }[]).map((node) => [node.correlationId, node.clientIp]));
    expect(addressOf['address-direct']).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(addressOf['address-via-proxy']).toBe('203.0.113.7');
    expect(addressOf['address-chain']).toBe('203.0.113.8');
  });
});
