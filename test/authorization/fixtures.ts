// Two look-alike workspaces for the authorization suites: A, where the keys under test
// act, and B, whose record ids are slipped into A's requests.
import { FINE_SCOPES } from '../../lib/scopes.js';
import { suiteIdToken } from '../oidc-suite-provider.js';
import { bearer, createUserKey, createWorkspaceAs, createWorkspaceKey, signUp, type SignedUpUser } from '../identity-seeds.js';
import type { TestStack } from '../testkit.js';

export interface WorkspaceFixture {
  readonly owner: SignedUpUser;
  readonly workspaceId: string;
  readonly ownerHeaders: Record<string, string>;
  readonly roleIds: Record<string, string>;
  readonly customRoleId: string;
  readonly memberId: string;
  readonly memberUserId: string;
  readonly groupId: string;
  /** A pending invitation (viewer role) for an email without an account, with its token. */
  readonly invitationId: string;
  readonly invitationToken: string;
  readonly userKeyId: string;
  readonly workspaceKeyId: string;
  readonly contentTypeId: string;
  readonly fieldId: string;
  readonly itemId: string;
}

export interface Fixtures {
  readonly stack: TestStack;
  readonly a: WorkspaceFixture;
  readonly b: WorkspaceFixture;
  /** A user key of A's owner that holds every scope. */
  readonly fullKey: string;
  /** Makes a fresh record in A with the owner's session, for mutations that consume one. */
  readonly fresh: {
    member(): Promise<{ memberId: string; userId: string }>;
    role(): Promise<string>;
    group(): Promise<string>;
    userKey(): Promise<string>;
    /** A new pending invitation in A (viewer role), for `email` or a fresh address without an account, with its token. */
    invitation(email?: string): Promise<{ id: string; token: string }>;
    /** A new workspace of A's owner, named "Disposable", for operations that consume a workspace. */
    workspace(): Promise<string>;
    contentType(): Promise<string>;
    field(): Promise<string>;
    item(): Promise<string>;
    /** A fresh ID token from the suite's OpenID provider (test/oidc-suite-provider.ts), when the stack trusts it. */
    idToken(): Promise<string>;
  };
}

async function workspace(stack: TestStack, name: string): Promise<WorkspaceFixture> {
  const owner = await signUp(stack, `${name} Owner`);
  const workspaceId = await createWorkspaceAs(stack, owner.token, name);
  const ownerHeaders = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  const roles = await stack.query({ query: '{ roles { nodes { id key } } }', headers: ownerHeaders });
  const roleIds = Object.fromEntries(roles.roles.nodes.map((role: { key: string; id: string }) => [role.key, role.id]));
  const custom = await stack.query({
    query: 'mutation($input: CreateRoleInput!) { createRole(input: $input) { role { id } } }',
    variables: { input: { name: `${name} reviewers`, key: 'reviewer', permissions: ['READ'] } },
    headers: ownerHeaders,
  });
  const colleague = await signUp(stack, `${name} Colleague`);
  const member = await stack.query({
    query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
    variables: { input: { email: colleague.email, roleId: roleIds.editor } },
    headers: ownerHeaders,
  });
  const group = await stack.query({ query: `mutation { createMemberGroup(input: { name: "${name} group" }) { memberGroup { id } } }`, headers: ownerHeaders });
  await stack.query({
    query: 'mutation($group: ID!, $users: [ID!]!) { addMemberGroupUsers(groupId: $group, userIds: $users) { memberGroup { id } } }',
    variables: { group: group.createMemberGroup.memberGroup.id, users: [owner.userId, colleague.userId] },
    headers: ownerHeaders,
  });
  const invitation = await invite(stack, ownerHeaders, roleIds.viewer);
  const userKey = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
  const workspaceKey = await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['read'] });
  const content = await createContent(stack, ownerHeaders, 'article');
  return {
    owner,
    workspaceId,
    ownerHeaders,
    roleIds,
    customRoleId: custom.createRole.role.id,
    memberId: member.addMember.member.id,
    memberUserId: colleague.userId,
    groupId: group.createMemberGroup.memberGroup.id,
    invitationId: invitation.id,
    invitationToken: invitation.token,
    userKeyId: userKey.id,
    workspaceKeyId: workspaceKey.id,
    ...content,
  };
}

let invitations = 0;
/** A pending invitation for `email` (by default a fresh one without an account), through the API. */
async function invite(stack: TestStack, headers: Record<string, string>, roleId: string, email?: string): Promise<{ id: string; token: string }> {
  const data = await stack.query({
    query: 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token invitation { id } } }',
    variables: { input: { email: email ?? `invitee-${Date.now()}-${(invitations += 1)}@example.com`, roleId } },
    headers,
  });
  return { id: data.inviteMember.invitation.id, token: data.inviteMember.token };
}

/** A content type with a title field and one item, through the API. */
async function createContent(stack: TestStack, headers: Record<string, string>, key: string) {
  const type = await stack.query({ query: 'mutation($key: String!) { createContentType(input: { name: "Type", key: $key }) { contentType { id } } }', variables: { key }, headers });
  const contentTypeId = type.createContentType.contentType.id as string;
  const field = await stack.query({
    query: 'mutation($type: ID!) { createContentField(contentTypeId: $type, input: { name: "Title", key: "title", kind: TEXT }) { contentField { id } } }',
    variables: { type: contentTypeId },
    headers,
  });
  const item = await stack.query({ query: 'mutation($type: ID!) { createItem(contentTypeId: $type, values: { title: "Hello" }) { item { id } } }', variables: { type: contentTypeId }, headers });
  return { contentTypeId, fieldId: field.createContentField.contentField.id as string, itemId: item.createItem.item.id as string };
}

export async function buildFixtures(stack: TestStack): Promise<Fixtures> {
  const a = await workspace(stack, 'Alpha');
  const b = await workspace(stack, 'Beta');
  const fullKey = await createUserKey(stack, a.owner.token, { scopes: [...FINE_SCOPES], workspaceIds: [a.workspaceId] });
  let counter = 0;
  return {
    stack,
    a,
    b,
    fullKey: fullKey.secret,
    fresh: {
      async member() {
        const user = await signUp(stack, `Fresh ${(counter += 1)}`);
        const data = await stack.query({
          query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
          variables: { input: { email: user.email, roleId: a.roleIds.viewer } },
          headers: a.ownerHeaders,
        });
        return { memberId: data.addMember.member.id, userId: user.userId };
      },
      async role() {
        const data = await stack.query({
          query: 'mutation($input: CreateRoleInput!) { createRole(input: $input) { role { id } } }',
          variables: { input: { name: `Fresh role ${(counter += 1)}`, key: `fresh_${counter}`, permissions: ['READ'] } },
          headers: a.ownerHeaders,
        });
        return data.createRole.role.id;
      },
      async group() {
        const data = await stack.query({ query: `mutation { createMemberGroup(input: { name: "Fresh group ${(counter += 1)}" }) { memberGroup { id } } }`, headers: a.ownerHeaders });
        return data.createMemberGroup.memberGroup.id;
      },
      async userKey() {
        return (await createUserKey(stack, a.owner.token, { scopes: ['read'], workspaceIds: [a.workspaceId] })).id;
      },
      invitation(email?: string) {
        return invite(stack, a.ownerHeaders, a.roleIds.viewer, email);
      },
      idToken() {
        return suiteIdToken();
      },
      async workspace() {
        return createWorkspaceAs(stack, a.owner.token, 'Disposable');
      },
      async contentType() {
        return (await createContent(stack, a.ownerHeaders, `fresh_${(counter += 1)}`)).contentTypeId;
      },
      async field() {
        return (await createContent(stack, a.ownerHeaders, `fresh_${(counter += 1)}`)).fieldId;
      },
      async item() {
        return (await createContent(stack, a.ownerHeaders, `fresh_${(counter += 1)}`)).itemId;
      },
    },
  };
}
