// Issue 12 through the public API: an admin cannot make themself owner by any of the three
// routes that used to work (each refused with FORBIDDEN, the database unchanged); only the
// owner hands ownership over; and every member can kill their own keys, whatever their role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotRows } from './authorization/database-snapshot.js';
import { bearer, createUserKey, createWorkspaceAs, createWorkspaceKey, signUp, type SignedUpUser } from './identity-seeds.js';
import { errorCodes, selectRows, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;
let roleIds: Record<string, string>;
const members: Record<string, { user: SignedUpUser; memberId: string; headers: Record<string, string> }> = {};

const sessionHeaders = (user: SignedUpUser) => ({ ...bearer(user.token), 'x-workspace-id': workspaceId });

beforeAll(async () => {
  stack = await startStack({ gateway: { keyUsageFlushMs: 3_600_000 }, runWorkers: false });
  owner = await signUp(stack, 'Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Ladder');
  const roles = await stack.query({ query: '{ roles { nodes { id key } } members { nodes { id } } }', headers: sessionHeaders(owner) });
  roleIds = Object.fromEntries(roles.roles.nodes.map((role: { id: string; key: string }) => [role.key, role.id]));
  members.owner = { user: owner, memberId: roles.members.nodes[0].id, headers: sessionHeaders(owner) };
  for (const role of ['admin', 'editor', 'viewer']) {
    const user = await signUp(stack, role);
    const added = await stack.query({
      query: 'mutation($email: String!, $role: ID!) { addMember(input: { email: $email, roleId: $role }) { member { id } } }',
      variables: { email: user.email, role: roleIds[role] },
      headers: sessionHeaders(owner),
    });
    members[role] = { user, memberId: added.addMember.member.id, headers: sessionHeaders(user) };
  }
});
afterAll(async () => {
  await stack?.stop();
});

/** Sends the operation and demands a FORBIDDEN naming `naming`, with no row changed. */
async function refused(query: string, variables: Record<string, unknown>, headers: Record<string, string>, naming: RegExp): Promise<void> {
  const before = await snapshotRows(stack.database.url);
  const response = await stack.request({ query, variables, headers });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  expect(response.body.errors![0].message).toMatch(naming);
  expect(response.body.data).toBeNull();
  expect(await snapshotRows(stack.database.url)).toEqual(before);
}

describe('an admin cannot make themself owner', () => {
  it('by adding workspaces:delete to the admin role', async () => {
    await refused('mutation($id: ID!) { addRolePermission(roleId: $id, permission: WORKSPACES_DELETE) { role { id } } }', { id: roleIds.admin }, members.admin.headers, /workspaces:delete/);
  });

  it('by setting their own role to owner', async () => {
    await refused(
      'mutation($id: ID!, $role: ID!) { updateMember(id: $id, input: { roleId: $role }) { member { id } } }',
      { id: members.admin.memberId, role: roleIds.owner },
      members.admin.headers,
      /own membership/,
    );
  });

  it('by creating a role with workspaces:delete (to give it to themself)', async () => {
    await refused('mutation { createRole(input: { key: "root", name: "Root", permissions: [READ, WORKSPACES_DELETE] }) { role { id } } }', {}, members.admin.headers, /workspaces:delete/);
  });

  it('by giving the owner role to someone else, or taking over with transferOwnership', async () => {
    await refused(
      'mutation($id: ID!, $role: ID!) { updateMember(id: $id, input: { roleId: $role }) { member { id } } }',
      { id: members.viewer.memberId, role: roleIds.owner },
      members.admin.headers,
      /only an owner grants the owner role/,
    );
    await refused('mutation($id: ID!) { transferOwnership(id: $id) { member { id } } }', { id: members.admin.memberId }, members.admin.headers, /Only an owner may transfer ownership/);
  });

  it('and cannot give an editor key scopes it lacks (a workspace key is capped by its creator)', async () => {
    await refused('mutation { createWorkspaceKey(input: { description: "x", expiresIn: ONE_MONTH, scopes: [READ, ROLES_WRITE] }) { apiKey { id } } }', {}, members.editor.headers, /roles:write/);
  });
});

describe('members revoke their own keys whatever their role', () => {
  const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { id status } } }';

  it.each(['editor', 'viewer'])('a %s revokes and rotates their own key from a session', async (role) => {
    const member = members[role];
    const key = await createUserKey(stack, member.user.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    const rotated = await stack.request({ query: 'mutation($id: ID!) { rotateApiKey(id: $id, gracePeriod: 0) { apiKey { id } } }', variables: { id: key.id }, headers: member.headers });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    expect(rotated.body.errors).toBeUndefined();
    const next = rotated.body.data!.rotateApiKey.apiKey.id as string;
    const revoked = await stack.request({ query: REVOKE, variables: { id: next }, headers: member.headers });
    expect(revoked.body).toEqual({ data: { revokeApiKey: { apiKey: { id: next, status: 'REVOKED' } } }, extensions: expect.anything() });
  });

  it("but not another member's key, a workspace key, or their other keys through a narrow key", async () => {
    const viewer = members.viewer;
    const editorsKey = await createUserKey(stack, members.editor.user.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    const workspaceKey = await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['read'] });
    const ownOther = await createUserKey(stack, viewer.user.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    const narrow = await createUserKey(stack, viewer.user.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    const attempts: [string, Record<string, string>][] = [
      [editorsKey.id, viewer.headers],
      [workspaceKey.id, viewer.headers],
      [ownOther.id, { 'x-api-key': narrow.secret }],
    ];
    for (const [id, headers] of attempts) {
      const response = await stack.request({ query: REVOKE, variables: { id }, headers });
      expect(errorCodes(response), JSON.stringify(response.body)).toEqual(['INSUFFICIENT_SCOPE']);
      expect(response.body.errors![0].extensions!.requiredScopes).toEqual([['KEYS_DELETE']]);
    }
    const stillActive = await selectRows(stack.database.url, 'select id from identity.api_keys where id = any($1::uuid[]) and revoked_at is null', [[editorsKey.id, workspaceKey.id, ownOther.id]]);
    expect(stillActive).toHaveLength(3);
    // A key may still kill itself.
    const itself = await stack.request({ query: 'mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }', variables: { id: narrow.id }, headers: { 'x-api-key': narrow.secret } });
    expect(errorCodes(itself), JSON.stringify(itself.body)).toEqual([]);
    expect(await selectRows(stack.database.url, 'select id from identity.api_keys where id = $1 and revoked_at is not null', [narrow.id])).toHaveLength(1);
  });
});

describe('transferOwnership', () => {
  it('lets only the owner hand the workspace over; the old owner becomes admin, with audit events', async () => {
    const transfer = 'mutation($id: ID!) { transferOwnership(id: $id) { member { id role { key } } } }';
    // To yourself: refused, naming the argument, and nothing changes.
    const toSelf = await stack.request({ query: transfer, variables: { id: members.owner.memberId }, headers: members.owner.headers });
    expect(errorCodes(toSelf)).toEqual(['BAD_USER_INPUT']);
    expect(toSelf.body.errors![0]).toMatchObject({ message: 'You are the owner already', extensions: { argumentName: 'id' } });
    const response = await stack.request({ query: transfer, variables: { id: members.admin.memberId }, headers: members.owner.headers });
    expect(response.body.data).toEqual({ transferOwnership: { member: { id: members.admin.memberId, role: { key: 'owner' } } } });
    const roles = await selectRows<{ id: string; key: string }>(
      stack.database.url,
      'select m.id, r.key from identity.members m join identity.roles r on r.id = m.role_id where m.id = any($1::uuid[]) order by r.key',
      [[members.admin.memberId, members.owner.memberId]],
    );
    expect(roles).toEqual([
      { id: members.owner.memberId, key: 'admin' },
      { id: members.admin.memberId, key: 'owner' },
    ]);
    const events = await selectRows<{ action: string }>(
      stack.database.url,
      "select payload->>'action' as action from identity.outbox_events where topic = 'audit.recorded' and payload->>'action' like 'member.ownership%' order by 1",
    );
    expect(events.map((event) => event.action)).toEqual(['member.ownershipGivenAway', 'member.ownershipReceived']);
    // The old owner, now an admin, cannot take it back.
    await refused('mutation($id: ID!) { transferOwnership(id: $id) { member { id } } }', { id: members.owner.memberId }, members.owner.headers, /Only an owner may transfer ownership/);
  });
});
