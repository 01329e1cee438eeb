// What the audit trail refuses: reading it without audit:read, reading someone else's
// trail, reaching past retention; and a refused mutation leaves no event behind.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { countRows, errorCodes, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;

beforeAll(async () => {
  stack = await startStack();
  owner = await signUp(stack, 'Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Guarded');
});
afterAll(async () => {
  await stack?.stop();
});

it('needs audit:read, for the workspace trail and for my own', async () => {
  const key = await createUserKey(stack, owner.token, { scopes: ['items:read', 'types:read'], workspaceIds: [workspaceId] });
  const headers = { 'x-api-key': key.secret, 'x-workspace-id': workspaceId };
  const workspaceTrail = await stack.request({ query: '{ auditEvents { totalCount } contentTypes { totalCount } }', headers });
  expect(workspaceTrail.body.data).toEqual({ auditEvents: null, contentTypes: { totalCount: 0 } });
  expect(errorCodes(workspaceTrail)).toEqual(['INSUFFICIENT_SCOPE']);
  expect(workspaceTrail.body.errors![0].extensions!.requiredScopes).toEqual([['AUDIT_READ']]);
  const ownTrail = await stack.request({ query: '{ me { id auditEvents { totalCount } } }', headers });
  expect(errorCodes(ownTrail)).toEqual(['INSUFFICIENT_SCOPE']);
  expect(ownTrail.body.data).toEqual({ me: { id: owner.userId, auditEvents: null } });
});

it("never shows another user's trail", async () => {
  const teammate = await signUp(stack, 'Teammate');
  const roles = await stack.query({ query: '{ roles { nodes { id key } } }', headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId } });
  const viewer = roles.roles.nodes.find((role: { key: string }) => role.key === 'viewer').id;
  await stack.query({
    query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
    variables: { input: { email: teammate.email, roleId: viewer } },
    headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId },
  });
  const response = await stack.request({
    query: '{ members { nodes { user { id auditEvents { totalCount } } } } }',
    headers: { ...bearer(teammate.token), 'x-workspace-id': workspaceId },
  });
  const users = response.body.data!.members.nodes.map((node: { user: { id: string; auditEvents: unknown } }) => node.user);
  expect(users.find((user: { id: string }) => user.id === owner.userId).auditEvents).toBeNull();
  expect(users.find((user: { id: string }) => user.id === teammate.userId).auditEvents).toEqual({ totalCount: expect.any(Number) });
  expect(errorCodes(response)).toEqual(['FORBIDDEN']);
});

it('refuses a range that starts before the retention window, saying so', async () => {
  const from = new Date(Date.now() - 91 * 86_400_000).toISOString();
  const response = await stack.request({
    query: 'query($from: DateTime) { auditEvents(filter: { createdAfter: $from }) { totalCount } }',
    variables: { from },
    headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId },
  });
  expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  expect(response.body.errors![0].message).toMatch(/retention window: audit events are kept 90 days, so createdAfter must be at or after \d{4}-\d{2}-\d{2}T/);
});

it('refuses a cursor it did not make as bad input', async () => {
  const forged = Buffer.from(JSON.stringify(['not-a-time', 'not-an-id'])).toString('base64url');
  const response = await stack.request({
    query: 'query($after: String) { auditEvents(after: $after) { totalCount } }',
    variables: { after: forged },
    headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId },
  });
  expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  expect(response.body.errors![0].message).toMatch(/^after is not a cursor of this list: pass `pageInfo.endCursor`/);
});

it('records nothing for a mutation that was refused', async () => {
  const headers = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  const pending = () => countRows(stack.database.url, "select count(*) from content.outbox_events where payload->>'action' = 'contentType.created'");
  const stored = () => countRows(stack.database.url, "select count(*) from audit.audit_events where action = 'contentType.created'");
  const refused = await stack.request({ query: 'mutation { createContentType(input: { name: "", key: "Not A Key" }) { contentType { id } } }', headers });
  expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
  await stack.query({ query: 'mutation { createContentType(input: { name: "Fine", key: "fine" }) { contentType { id } } }', headers });
  // The accepted one arrives (and nothing is left to deliver); the refused one never existed.
  await expect.poll(async () => ({ stored: await stored(), pending: await pending() }), { timeout: 10_000, interval: 100 }).toEqual({ stored: 1, pending: 0 });
});
