// `viewer` through the gateway: for each built-in role (with a session, a user key holding
// the role's permissions and a narrow `read` key), for workspace keys and for a session
// without a workspace, it answers the credential kind, the workspace, the role, exactly the
// effective scopes the authorization suite computes from the database
// (authorization/effective-permissions.ts), and the capabilities those scopes mean. It
// never fails: a linked object the scopes deny is null with INSUFFICIENT_SCOPE, nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINE_SCOPES, scopeEnumName } from '../lib/scopes.js';
import { VIEWER_CAPABILITIES, type CapabilityName } from '../subgraphs/identity/viewer/viewer-capabilities.js';
import { workspacePrincipals, type WorkspacePrincipals } from './authorization/effective-permissions.js';
import { bearer, createUserKey, createWorkspaceAs, createWorkspaceKey, signUp, type SignedUpUser } from './identity-seeds.js';
import { startStack, type TestStack } from './testkit.js';

const CAPABILITY_NAMES = Object.keys(VIEWER_CAPABILITIES) as CapabilityName[];
const VIEWER = `{ viewer { credentialKind scopes can { ${CAPABILITY_NAMES.join(' ')} } user { id } apiKey { id } workspace { id } role { key } } }`;

const BUILT_IN_ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
type BuiltInRoleKey = (typeof BUILT_IN_ROLES)[number];

/**
 * The capabilities each principal holds, written out by hand from the built-in roles'
 * descriptions (README "Roles") so that the code's table is checked against an
 * independent statement, not against itself. Every capability not listed is false.
 */
const CAPABLE_OF: Record<BuiltInRoleKey | 'fullWorkspaceKey' | 'narrow' | 'noWorkspace', readonly CapabilityName[]> = {
  owner: CAPABILITY_NAMES,
  admin: CAPABILITY_NAMES.filter((name) => name !== 'deleteWorkspace'),
  editor: ['createApiKeys', 'editContentTypes', 'editContent', 'readAuditLog'],
  viewer: ['createApiKeys', 'readAuditLog'],
  // Every scope, but no user: nothing that acts for a user.
  fullWorkspaceKey: CAPABILITY_NAMES.filter((name) => !['createWorkspaces', 'createApiKeys', 'manageWorkspaceKeys'].includes(name)),
  // `read` grants every `*:read` but keys:read: of the capabilities, only reading the audit log.
  narrow: ['readAuditLog'],
  // A session outside any workspace holds every scope, and nothing that works in a workspace.
  noWorkspace: ['createWorkspaces', 'createApiKeys', 'readAuditLog'],
};

function capabilities(holder: keyof typeof CAPABLE_OF): Record<CapabilityName, boolean> {
  return Object.fromEntries(CAPABILITY_NAMES.map((name) => [name, CAPABLE_OF[holder].includes(name)])) as Record<CapabilityName, boolean>;
}

interface Caller {
  readonly name: string;
  readonly headers: Record<string, string>;
  readonly kind: 'SESSION' | 'USER_KEY' | 'WORKSPACE_KEY';
  /** `member:<id>` or `key:<id>` in effective-permissions' terms. */
  readonly principal: string;
  readonly userId: string | null;
  readonly keyId: string | null;
  readonly role: BuiltInRoleKey | null;
  readonly capable: keyof typeof CAPABLE_OF;
}

let stack: TestStack;
let workspaceId: string;
let owner: SignedUpUser;
let callers: Caller[];
let principals: WorkspacePrincipals;

beforeAll(async () => {
  stack = await startStack();
  owner = await signUp(stack, 'Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Viewed');
  const ownerHeaders = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  const roles = await stack.query({ query: '{ roles { nodes { id key permissions } } }', headers: ownerHeaders });
  const roleOf = Object.fromEntries(roles.roles.nodes.map((role: { key: string }) => [role.key, role])) as Record<BuiltInRoleKey, { id: string; permissions: string[] }>;
  const users: Record<BuiltInRoleKey, SignedUpUser> = { owner, admin: await signUp(stack, 'Admin'), editor: await signUp(stack, 'Editor'), viewer: await signUp(stack, 'Viewer') };
  for (const role of ['admin', 'editor', 'viewer'] as const) {
    await stack.query({
      query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
      variables: { input: { email: users[role].email, roleId: roleOf[role].id } },
      headers: ownerHeaders,
    });
  }
  principals = await workspacePrincipals(stack.database.url, workspaceId);
  const memberOfRole = Object.fromEntries(Object.entries(principals.roleOfMember).map(([memberId, roleId]) => [roleId, memberId]));

  callers = [];
  const inWorkspace = { 'x-workspace-id': workspaceId };
  for (const role of BUILT_IN_ROLES) {
    const user = users[role];
    // A key may hold at most its user's permissions: the role's own is the fullest it can be.
    const full = await createUserKey(stack, user.token, { scopes: roleOf[role].permissions, workspaceIds: [workspaceId] });
    const narrow = await createUserKey(stack, user.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    const common = { userId: user.userId, role };
    callers.push(
      { name: `${role} session`, headers: { ...bearer(user.token), ...inWorkspace }, kind: 'SESSION', principal: `member:${memberOfRole[roleOf[role].id]}`, keyId: null, capable: role, ...common },
      { name: `${role} user key`, headers: { 'x-api-key': full.secret, ...inWorkspace }, kind: 'USER_KEY', principal: `key:${full.id}`, keyId: full.id, capable: role, ...common },
      { name: `${role} read key`, headers: { 'x-api-key': narrow.secret, ...inWorkspace }, kind: 'USER_KEY', principal: `key:${narrow.id}`, keyId: narrow.id, capable: 'narrow', ...common },
    );
  }
  const fullWorkspaceKey = await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: [...FINE_SCOPES] });
  const readWorkspaceKey = await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['read'] });
  const workspaceKey = { kind: 'WORKSPACE_KEY', userId: null, role: null } as const;
  callers.push(
    {
      name: 'full workspace key',
      headers: { 'x-api-key': fullWorkspaceKey.secret },
      principal: `key:${fullWorkspaceKey.id}`,
      keyId: fullWorkspaceKey.id,
      capable: 'fullWorkspaceKey',
      ...workspaceKey,
    },
    { name: 'read workspace key', headers: { 'x-api-key': readWorkspaceKey.secret }, principal: `key:${readWorkspaceKey.id}`, keyId: readWorkspaceKey.id, capable: 'narrow', ...workspaceKey },
  );
  // The keys are in the database now: read every principal's permissions again.
  principals = await workspacePrincipals(stack.database.url, workspaceId);
});
afterAll(async () => {
  await stack?.stop();
});

it('has something to compare: the suite gives the owner every scope and the viewer role no write', () => {
  const byName = Object.fromEntries(callers.map((caller) => [caller.name, principals.permissions[caller.principal]]));
  expect(byName['owner session']).toEqual([...FINE_SCOPES].sort());
  expect(byName['viewer session']).toContain('items:read');
  expect(byName['viewer session']).not.toContain('items:write');
  expect(byName['editor read key']).not.toContain('keys:read');
});

describe.each(BUILT_IN_ROLES.flatMap((role) => [`${role} session`, `${role} user key`, `${role} read key`]).concat(['full workspace key', 'read workspace key']))('%s', (name) => {
  it('answers who it is, where, with exactly the effective scopes the authorization suite computes, and what they allow', async () => {
    const caller = callers.find((candidate) => candidate.name === name)!;
    const expectedScopes = principals.permissions[caller.principal];
    expect(expectedScopes, `effective-permissions knows ${caller.principal}`).toBeDefined();
    const response = await stack.request({ query: VIEWER, headers: caller.headers });
    const body = JSON.stringify(response.body);
    expect(response.status, body).toBe(200);
    const viewer = response.body.data?.viewer;
    expect(viewer, body).toBeTruthy();
    expect(viewer.credentialKind).toBe(caller.kind);
    expect(viewer.scopes).toEqual(expectedScopes.map(scopeEnumName));
    expect(viewer.can).toEqual(capabilities(caller.capable));
    expect(viewer.user).toEqual(caller.userId ? { id: caller.userId } : null);
    expect(viewer.workspace).toEqual({ id: workspaceId });
    // A role is a Role (roles:read, which `read` grants); a workspace key has none.
    expect(viewer.role).toEqual(caller.role ? { key: caller.role } : null);
    // The key is an ApiKey: shown with keys:read, else null with INSUFFICIENT_SCOPE, and
    // that is the only error the query can get.
    const holdsKeysRead = expectedScopes.includes('keys:read');
    expect(viewer.apiKey).toEqual(caller.keyId && holdsKeysRead ? { id: caller.keyId } : null);
    const errors = response.body.errors ?? [];
    if (caller.keyId && !holdsKeysRead) {
      expect(errors.map((error) => [error.extensions?.code, error.path?.slice(0, 2)])).toEqual([['INSUFFICIENT_SCOPE', ['viewer', 'apiKey']]]);
    } else {
      expect(errors, body).toEqual([]);
    }
  });
});

it('answers a session without a workspace: every scope of the user, no workspace, no role, nothing that works in one', async () => {
  const data = await stack.query({ query: VIEWER, headers: bearer(owner.token) });
  expect(data.viewer).toEqual({
    credentialKind: 'SESSION',
    scopes: [...FINE_SCOPES].sort().map(scopeEnumName),
    can: capabilities('noWorkspace'),
    user: { id: owner.userId },
    apiKey: null,
    workspace: null,
    role: null,
  });
});

it('hides the current workspace from a key without workspaces:read, and answers the rest', async () => {
  const key = await createUserKey(stack, owner.token, { scopes: ['items:read'], workspaceIds: [workspaceId] });
  const response = await stack.request({ query: '{ viewer { credentialKind scopes workspace { id } can { editContent readAuditLog } } }', headers: { 'x-api-key': key.secret } });
  expect(response.body.data?.viewer).toEqual({ credentialKind: 'USER_KEY', scopes: ['ITEMS_READ'], workspace: null, can: { editContent: false, readAuditLog: false } });
  expect(response.body.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([['INSUFFICIENT_SCOPE', ['viewer', 'workspace']]]);
});

it('is refused without a credential', async () => {
  const response = await stack.request({ query: '{ viewer { credentialKind } }' });
  expect(response.status).toBe(401);
  expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});
