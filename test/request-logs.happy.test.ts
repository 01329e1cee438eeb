// Every request through the gateway becomes one request-log entry in audit, shipped in
// batches after the response: who, what, how it ended; never the secret.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUserKey, createWorkspaceAs, signUp } from './identity-seeds.js';
import { selectRows, startStack, type TestStack } from './testkit.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ gateway: { requestLogFlushMs: 50 } });
});
afterAll(async () => {
  await stack?.stop();
});

it('records each request once, with operation, outcome and credential, and no secret', async () => {
  const owner = await signUp(stack);
  const workspaceId = await createWorkspaceAs(stack, owner.token);
  // keys:read for RequestLog.apiKey (an ApiKey like any other).
  const key = await createUserKey(stack, owner.token, { scopes: ['workspaces:read', 'audit:read', 'keys:read'], workspaceIds: [workspaceId] });
  const headers = { 'x-api-key': key.secret, 'user-agent': 'atrium-test/1.0', 'x-correlation-id': 'logged-request-1' };
  await stack.request({ query: 'query Named { workspace { id } }', headers });
  await stack.request({ query: 'query Denied { members { totalCount } }', headers: { ...headers, 'x-correlation-id': 'logged-request-2' } });
  // The last character changed (to another one: a key may end in x already), so its checksum fails.
  const mangled = `${key.secret.slice(0, -1)}${key.secret.endsWith('x') ? 'y' : 'x'}`;
  await stack.request({ query: '{ workspace { id } }', headers: { 'x-api-key': mangled, 'x-correlation-id': 'logged-request-3' } });

  let nodes: Record<string, unknown>[] = [];
  const listed = async () => {
    const data = await stack.query({
      query: '{ requestLogs(first: 100) { nodes { correlationId operationName operationType rootFields outcome httpStatus credentialKind apiKey { id } user { id } userAgent durationMs } } }',
      headers: { 'x-api-key': key.secret },
    });
    nodes = data.requestLogs.nodes;
    return nodes
      .map((node) => String(node.correlationId))
      .filter((id) => id.startsWith('logged-request'))
      .sort();
  };
  // The workspace's two (the refused credential's entry has no workspace, so only the database shows it).
  await expect.poll(listed, { timeout: 5000, interval: 100 }).toEqual(['logged-request-1', 'logged-request-2']);
  const byCorrelation = Object.fromEntries(nodes.map((node) => [node.correlationId, node]));
  expect(byCorrelation['logged-request-1']).toMatchObject({
    operationName: 'Named',
    operationType: 'QUERY',
    rootFields: ['workspace'],
    outcome: ['OK'],
    httpStatus: 200,
    credentialKind: 'USER_KEY',
    apiKey: { id: key.id },
    user: { id: owner.userId },
    userAgent: 'atrium-test/1.0',
  });
  expect(byCorrelation['logged-request-2']).toMatchObject({ operationName: 'Denied', outcome: ['INSUFFICIENT_SCOPE'], httpStatus: 200 });

  // The refused credential is logged too (no workspace, so only the database shows it), once
  // each; it may travel in a later batch than the other two.
  let rows: Record<string, unknown>[] = [];
  const logged = async () =>
    (rows = await selectRows(stack.database.url, "select * from audit.request_logs where correlation_id like 'logged-request-%' order by correlation_id")).map((row) => row.correlation_id);
  await expect.poll(logged, { timeout: 5000, interval: 100 }).toEqual(['logged-request-1', 'logged-request-2', 'logged-request-3']);
  expect(rows[2]).toMatchObject({ outcome: 'UNAUTHENTICATED', http_status: 401, credential_kind: null, workspace_id: null });
  expect(JSON.stringify(rows)).not.toContain(key.secret.slice(4, 30));
});

it('filters by key, outcome, operation and time, and refuses a range past retention', async () => {
  const owner = await signUp(stack);
  const workspaceId = await createWorkspaceAs(stack, owner.token);
  const reader = await createUserKey(stack, owner.token, { scopes: ['workspaces:read', 'audit:read'], workspaceIds: [workspaceId] });
  const other = await createUserKey(stack, owner.token, { scopes: ['workspaces:read'], workspaceIds: [workspaceId] });
  await stack.request({ query: 'query Mine { workspace { id } }', headers: { 'x-api-key': other.secret } });
  await stack.request({ query: 'query Nope { members { totalCount } }', headers: { 'x-api-key': other.secret } });
  const list = (filter: Record<string, unknown>) =>
    stack.request({
      query: 'query($f: RequestLogFilter) { requestLogs(filter: $f) { totalCount nodes { operationName outcome } } }',
      variables: { f: filter },
      headers: { 'x-api-key': reader.secret },
    });
  await expect
    .poll(async () => (await list({ apiKeyId: other.id })).body.data?.requestLogs.nodes, { timeout: 5000, interval: 100 })
    .toEqual([
      { operationName: 'Nope', outcome: ['INSUFFICIENT_SCOPE'] },
      { operationName: 'Mine', outcome: ['OK'] },
    ]);
  expect((await list({ apiKeyId: other.id, outcome: 'INSUFFICIENT_SCOPE' })).body.data?.requestLogs.nodes).toEqual([{ operationName: 'Nope', outcome: ['INSUFFICIENT_SCOPE'] }]);
  expect((await list({ apiKeyId: other.id, operationName: 'Mine' })).body.data?.requestLogs.totalCount).toBe(1);
  const hourAgo = new Date(Date.now() - 3600_000);
  expect((await list({ apiKeyId: other.id, createdBefore: hourAgo.toISOString(), createdAfter: new Date(hourAgo.getTime() - 3600_000).toISOString() })).body.data?.requestLogs.totalCount).toBe(0);
  const tooOld = await list({ createdAfter: new Date(Date.now() - 91 * 86_400_000).toISOString() });
  expect(tooOld.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(tooOld.body.errors?.[0]?.message).toContain('retention window');
});
