// Managing a workspace's team through the gateway: members, roles and groups, and how
// each change reaches the members' credentials on their next request. Invitations have
// their own files (invitations.*.test.ts); here only addMember's mailing of one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { invitationMail } from './invitation-seeds.js';
import { errorCodes, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;
let ownerHeaders: Record<string, string>;
let roleIds: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  owner = await signUp(stack, 'Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Team');
  ownerHeaders = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  const data = await stack.query({ query: '{ roles { totalCount nodes { id key builtIn memberCount } } }', headers: ownerHeaders });
  expect(data.roles.totalCount).toBe(4);
  roleIds = Object.fromEntries(data.roles.nodes.map((role: { key: string; id: string }) => [role.key, role.id]));
});
afterAll(async () => {
  await stack?.stop();
});

async function addMember(email: string, role: string): Promise<string> {
  const data = await stack.query({
    query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
    variables: { input: { email, roleId: roleIds[role] } },
    headers: ownerHeaders,
  });
  return data.addMember.member.id;
}

describe('members', () => {
  it('adds verified accounts at once, and mails an invitation to an email without an account instead of adding anyone', async () => {
    const colleague = await signUp(stack, 'Colleague');
    await addMember(colleague.email, 'editor');
    const data = await stack.query({ query: '{ members(first: 100) { totalCount nodes { status invitedEmail user { email } role { key } } } }', headers: ownerHeaders });
    expect(data.members.nodes).toEqual(expect.arrayContaining([{ status: 'ACTIVE', invitedEmail: null, user: { email: colleague.email }, role: { key: 'editor' } }]));
    const unknown = `newcomer-${Date.now()}@example.com`;
    const invited = await stack.query({
      query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } invitation { email status role { key } } } }',
      variables: { input: { email: unknown, roleId: roleIds.viewer } },
      headers: ownerHeaders,
    });
    expect(invited.addMember).toEqual({ member: null, invitation: { email: unknown, status: 'PENDING', role: { key: 'viewer' } } });
    expect((await invitationMail(stack, unknown)).subject).toMatch(/invited you to Team on Atrium/);
    const after = await stack.query({ query: '{ members(first: 100) { totalCount } invitations { totalCount } }', headers: ownerHeaders });
    expect(after).toEqual({ members: { totalCount: data.members.totalCount }, invitations: { totalCount: 1 } });
  });

  it("changes what a member's key can do on its next request when their role changes", async () => {
    const admin = await signUp(stack, 'Admin');
    const memberId = await addMember(admin.email, 'admin');
    const key = await createUserKey(stack, admin.token, { scopes: ['read', 'write'], workspaceIds: [workspaceId] });
    const createGroup = (name: string) =>
      stack.request({
        query: 'mutation($input: CreateMemberGroupInput!) { createMemberGroup(input: $input) { memberGroup { id } } }',
        variables: { input: { name } },
        headers: { 'x-api-key': key.secret },
      });
    expect((await createGroup('Before')).status).toBe(200);
    await stack.query({
      query: 'mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { member { role { key } } } }',
      variables: { id: memberId, input: { roleId: roleIds.viewer } },
      headers: ownerHeaders,
    });
    const after = await createGroup('After');
    expect(after.status).toBe(403);
    expect(errorCodes(after)).toEqual(['INSUFFICIENT_SCOPE']);
  });

  it("lets a key holding the role's permissions change a member's role but not remove them", async () => {
    const target = await signUp(stack, 'Target');
    const memberId = await addMember(target.email, 'viewer');
    // Every permission of the editor role it grants (a key grants only what it holds), but not members:delete.
    const key = await createUserKey(stack, owner.token, { scopes: ['read', 'write', 'types:delete', 'items:delete', 'keys:read', 'keys:write'], workspaceIds: [workspaceId] });
    const headers = { 'x-api-key': key.secret };
    const update = await stack.request({
      query: 'mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { member { role { key } } } }',
      variables: { id: memberId, input: { roleId: roleIds.editor } },
      headers,
    });
    expect(update.body).toEqual({ data: { updateMember: { member: { role: { key: 'editor' } } } }, extensions: { cost: 4 } });
    const remove = await stack.request({ query: 'mutation($id: ID!) { removeMember(id: $id) { deletedId } }', variables: { id: memberId }, headers });
    expect(remove.status).toBe(403);
    expect(remove.body.errors?.[0]?.extensions).toEqual({ code: 'INSUFFICIENT_SCOPE', requiredScopes: [['MEMBERS_DELETE']] });
  });

  it('always keeps an owner', async () => {
    const me = await stack.query({ query: '{ members(filter: { search: "Owner" }) { nodes { id role { key } } } }', headers: ownerHeaders });
    const ownerMemberId = me.members.nodes.find((node: { role: { key: string } }) => node.role.key === 'owner').id;
    for (const [query, variables] of [
      ['mutation($id: ID!) { removeMember(id: $id) { deletedId } }', { id: ownerMemberId }],
      ['mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { member { id } } }', { id: ownerMemberId, input: { roleId: roleIds.viewer } }],
      ['mutation { leaveWorkspace { deletedId } }', {}],
    ] as const) {
      const response = await stack.request({ query, variables, headers: ownerHeaders });
      expect(response.body.errors?.[0]?.message, query).toBe('A workspace keeps at least one owner');
    }
  });
});

describe('a key with only types:read', () => {
  it('gets its content types and INSUFFICIENT_SCOPE for members in the same query', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['types:read'], workspaceIds: [workspaceId] });
    const response = await stack.request({ query: '{ contentTypes { totalCount } members { totalCount } }', headers: { 'x-api-key': key.secret } });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ contentTypes: { totalCount: 0 }, members: null });
    expect(response.body.errors).toEqual([expect.objectContaining({ path: ['members'], extensions: expect.objectContaining({ code: 'INSUFFICIENT_SCOPE', requiredScopes: [['MEMBERS_READ']] }) })]);
  });

  it('has its updateMember refused by the gateway before any subgraph is called', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    const response = await stack.request({
      query: 'mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { member { id } } }',
      variables: { id: '00000000-0000-7000-8000-000000000000', input: { roleId: roleIds.viewer } },
      headers: { 'x-api-key': key.secret },
    });
    expect(response.status).toBe(403);
    expect(response.body.errors?.[0]).toMatchObject({ path: ['updateMember'], extensions: { code: 'INSUFFICIENT_SCOPE', requiredScopes: [['MEMBERS_WRITE']] } });
  });
});

describe('roles', () => {
  it('creates, edits and deletes custom roles; built-in ones stay and the owner keeps every permission', async () => {
    const created = await stack.query({
      query: 'mutation($input: CreateRoleInput!) { createRole(input: $input) { role { id key permissions memberCount } } }',
      variables: { input: { name: 'Reviewer', key: 'reviewer', permissions: ['ITEMS_READ', 'TYPES_READ'] } },
      headers: ownerHeaders,
    });
    const roleId = created.createRole.role.id;
    expect(created.createRole.role).toMatchObject({ key: 'reviewer', permissions: ['TYPES_READ', 'ITEMS_READ'], memberCount: 0 });
    const added = await stack.query({
      query: 'mutation($id: ID!) { addRolePermission(roleId: $id, permission: ITEMS_WRITE) { role { permissions } } }',
      variables: { id: roleId },
      headers: ownerHeaders,
    });
    expect(added.addRolePermission.role.permissions).toContain('ITEMS_WRITE');
    const reviewer = await signUp(stack, 'Reviewer');
    await addMember(reviewer.email, 'viewer');
    const list = await stack.query({ query: '{ members(filter: { search: "Reviewer" }) { nodes { id } } }', headers: ownerHeaders });
    await stack.query({
      query: 'mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { member { id } } }',
      variables: { id: list.members.nodes[0].id, input: { roleId } },
      headers: ownerHeaders,
    });
    const held = await stack.request({ query: 'mutation($id: ID!) { deleteRole(id: $id) { deletedId } }', variables: { id: roleId }, headers: ownerHeaders });
    expect(errorCodes(held)).toEqual(['BAD_USER_INPUT']);
    const moved = await stack.query({
      query: 'mutation($id: ID!, $to: ID!) { deleteRole(id: $id, replacementRoleId: $to) { deletedId } }',
      variables: { id: roleId, to: roleIds.viewer },
      headers: ownerHeaders,
    });
    expect(moved.deleteRole).toEqual({ deletedId: roleId });
    const builtIn = await stack.request({ query: 'mutation($id: ID!) { deleteRole(id: $id, replacementRoleId: $id) { deletedId } }', variables: { id: roleIds.editor }, headers: ownerHeaders });
    expect(builtIn.body.errors?.[0]?.message).toBe('Built-in roles cannot be deleted');
    const owner = await stack.request({
      query: 'mutation($id: ID!) { removeRolePermission(roleId: $id, permission: KEYS_WRITE) { role { id } } }',
      variables: { id: roleIds.owner },
      headers: ownerHeaders,
    });
    expect(owner.body.errors?.[0]?.message).toBe('The owner role keeps every permission');
  });
});

describe('member groups', () => {
  it('hold members only, and list both ways as connections', async () => {
    const member = await signUp(stack, 'Grouped');
    await addMember(member.email, 'viewer');
    const stranger = await signUp(stack, 'Stranger');
    const group = await stack.query({ query: 'mutation { createMemberGroup(input: { name: "Blog" }) { memberGroup { id } } }', headers: ownerHeaders });
    const groupId = group.createMemberGroup.memberGroup.id;
    const refused = await stack.request({
      query: 'mutation($group: ID!, $users: [ID!]!) { addMemberGroupUsers(groupId: $group, userIds: $users) { memberGroup { id } } }',
      variables: { group: groupId, users: [member.userId, stranger.userId] },
      headers: ownerHeaders,
    });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.body.errors?.[0]?.message).toBe(`Not members of this workspace: ${stranger.userId}`);
    let data = await stack.query({ query: '{ memberGroups { nodes { name members { totalCount } } } }', headers: ownerHeaders });
    expect(data.memberGroups.nodes.find((node: { name: string }) => node.name === 'Blog').members.totalCount).toBe(0);
    await stack.query({
      query: 'mutation($group: ID!, $users: [ID!]!) { addMemberGroupUsers(groupId: $group, userIds: $users) { memberGroup { id } } }',
      variables: { group: groupId, users: [member.userId, owner.userId] },
      headers: ownerHeaders,
    });
    data = await stack.query({
      query: '{ memberGroups { nodes { name members { totalCount nodes { user { name } groups { totalCount nodes { name } } } } } } }',
      headers: ownerHeaders,
    });
    const blog = data.memberGroups.nodes.find((node: { name: string }) => node.name === 'Blog');
    expect(blog.members.totalCount).toBe(2);
    expect(blog.members.nodes.map((node: { user: { name: string } }) => node.user.name).sort()).toEqual(['Grouped', 'Owner']);
    expect(blog.members.nodes[0].groups).toEqual({ totalCount: 1, nodes: [{ name: 'Blog' }] });
    const filtered = await stack.query({ query: 'query($group: ID!) { members(filter: { groupId: $group }) { totalCount } }', variables: { group: groupId }, headers: ownerHeaders });
    expect(filtered.members.totalCount).toBe(2);
  });
});
