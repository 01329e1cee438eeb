// No one climbs above their role: every granting mutation (escalation-cases.ts), tried as
// each built-in role, a custom role holding workspaces:delete, and an admin through a
// narrow key, in a workspace of its own. After each attempt, read from the database: no
// principal (pending invitations count: each is a member to be) gained a permission the
// actor did not hold; unless the actor is an owner, no one gained workspaces:delete or
// the owner role; the actor's own role did not change (but for an owner handing
// ownership over); no principal's rate-limit budget grew unless the actor may change the
// workspace (workspaces:write); a refused attempt changed nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINE_SCOPES, scopeEnumName } from '../../lib/scopes.js';
import { bearer, createUserKey, createWorkspaceAs, createWorkspaceKey, signUp } from '../identity-seeds.js';
import { signUpVerified } from '../invitation-seeds.js';
import { startStack, type TestStack } from '../testkit.js';
import { supergraphSchema } from './coordinates.js';
import { snapshotRows } from './database-snapshot.js';
import { gainedPermissions, raisedBudgets, workspacePrincipals } from './effective-permissions.js';
import { ESCALATION_ATTEMPTS, GRANTING_MUTATION, type EscalationWorld } from './escalation-cases.js';

interface Actor {
  readonly name: string;
  readonly role: string;
  /** Acts through a user key with these scopes instead of a session. */
  readonly keyScopes?: string[];
}

const ACTORS: readonly Actor[] = [
  { name: 'owner', role: 'owner' },
  { name: 'admin', role: 'admin' },
  { name: 'editor', role: 'editor' },
  { name: 'viewer', role: 'viewer' },
  { name: 'steward (custom role with workspaces:delete)', role: 'steward' },
  { name: 'admin through a key with read, roles:write, members:write, keys:write', role: 'admin', keyScopes: ['read', 'roles:write', 'members:write', 'keys:write'] },
];

/** Custom role: manages people, roles and keys and holds workspaces:delete, without being an owner. */
const STEWARD_PERMISSIONS = ['read', 'members:write', 'keys:read', 'roles:write', 'groups:write', 'keys:write', 'keys:delete', 'workspaces:delete'];

let stack: TestStack;

beforeAll(async () => {
  // No background writes during a comparison (key usage is reported only at shutdown).
  stack = await startStack({ gateway: { keyUsageFlushMs: 3_600_000 }, runWorkers: false });
});
afterAll(async () => {
  await stack?.stop();
});

it('has escalation attempts for every mutation that touches roles, permissions, members, groups, keys, invitations, ownership or budgets', () => {
  const mutations = Object.keys(supergraphSchema().getMutationType()!.getFields()).filter((name) => GRANTING_MUTATION.test(name));
  expect(
    mutations.filter((name) => !ESCALATION_ATTEMPTS[name]?.length),
    'mutations without a case in test/authorization/escalation-cases.ts',
  ).toEqual([]);
  expect(
    Object.keys(ESCALATION_ATTEMPTS).filter((name) => !mutations.includes(name)),
    'cases for mutations that no longer exist',
  ).toEqual([]);
});

/** A workspace of its own around the actor, set up by its owner through the API. */
async function buildWorld(actor: Actor): Promise<{ world: EscalationWorld; headers: Record<string, string>; actingKeyId?: string }> {
  const owner = await signUp(stack, 'Owner');
  const workspaceId = await createWorkspaceAs(stack, owner.token, 'Ladder');
  const ownerHeaders = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  const createRole = async (key: string, permissions: string[]) =>
    (
      await stack.query({
        query: 'mutation($input: CreateRoleInput!) { createRole(input: $input) { role { id } } }',
        variables: { input: { key, name: key, permissions: permissions.map(scopeEnumName) } },
        headers: ownerHeaders,
      })
    ).createRole.role.id as string;
  await createRole('steward', STEWARD_PERMISSIONS);
  await createRole('temp', ['read']);
  const roles = await stack.query({ query: '{ roles { nodes { id key } } members { nodes { id } } }', headers: ownerHeaders });
  const roleIds: Record<string, string> = Object.fromEntries(roles.roles.nodes.map((role: { id: string; key: string }) => [role.key, role.id]));
  const ownerMemberId = roles.members.nodes[0].id as string;
  const join = async (name: string, role: string) => {
    // TODO(issue 17, merge): plain signUp once it verifies (test/invitation-seeds.ts): addMember adds only a verified user at once.
    const user = await signUpVerified(stack, name);
    const added = await stack.query({
      query: 'mutation($email: String!, $role: ID!) { addMember(input: { email: $email, roleId: $role }) { member { id } } }',
      variables: { email: user.email, role: roleIds[role] },
      headers: ownerHeaders,
    });
    return { user, memberId: added.addMember.member.id as string };
  };
  const actorMember = actor.role === 'owner' ? { user: owner, memberId: ownerMemberId } : await join('Actor', actor.role);
  const bystander = await join('Bystander', 'viewer');
  await join('Temp holder', 'temp');
  const group = await stack.query({ query: 'mutation { createMemberGroup(input: { name: "Crew" }) { memberGroup { id } } }', headers: ownerHeaders });
  const invitations: EscalationWorld['invitations'] = {};
  for (const role of ['owner', 'admin', 'steward']) {
    const invited = await stack.query({
      query: 'mutation($email: String!, $role: ID!) { inviteMember(input: { email: $email, roleId: $role }) { token invitation { id } } }',
      variables: { email: `invited-${role}-${Date.now()}@example.com`, role: roleIds[role] },
      headers: ownerHeaders,
    });
    invitations[role] = { id: invited.inviteMember.invitation.id, token: invited.inviteMember.token };
  }
  const fullWorkspaceKey = await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: [...FINE_SCOPES] });
  const ownKey = await createUserKey(stack, actorMember.user.token, { scopes: ['read'], workspaceIds: [workspaceId] });
  const actingKey = actor.keyScopes ? await createUserKey(stack, actorMember.user.token, { scopes: actor.keyScopes, workspaceIds: [workspaceId] }) : undefined;
  const headers: Record<string, string> = actingKey ? { 'x-api-key': actingKey.secret } : { ...bearer(actorMember.user.token), 'x-workspace-id': workspaceId };
  const world: EscalationWorld = {
    stack,
    workspaceId,
    roleIds,
    ownerMemberId,
    actor: { userId: actorMember.user.userId, email: actorMember.user.email, memberId: actorMember.memberId, roleId: roleIds[actor.role], ownKeyId: ownKey.id },
    bystander: { userId: bystander.user.userId, email: bystander.user.email, memberId: bystander.memberId },
    invitations,
    groupId: group.createMemberGroup.memberGroup.id,
    fullWorkspaceKeyId: fullWorkspaceKey.id,
    newUserEmail: async () => (await signUp(stack, 'Newcomer')).email,
  };
  return { world, headers, actingKeyId: actingKey?.id };
}

describe.each(ACTORS.map((actor) => [actor.name, actor] as const))('as %s', (_name, actor) => {
  let world: EscalationWorld;
  let headers: Record<string, string>;
  let actingKeyId: string | undefined;

  beforeAll(async () => {
    ({ world, headers, actingKeyId } = await buildWorld(actor));
  });

  const attempts = Object.entries(ESCALATION_ATTEMPTS).flatMap(([mutation, list]) => list.map((attempt) => [`${mutation}: ${attempt.name}`, mutation, attempt] as const));

  it.each(attempts)('%s', async (_title, mutation, attempt) => {
    const before = await workspacePrincipals(stack.database.url, world.workspaceId);
    const actorPrincipal = actingKeyId ? `key:${actingKeyId}` : `member:${world.actor.memberId}`;
    const held = new Set(before.permissions[actorPrincipal] ?? []);
    const actorWasOwner = before.owners.includes(world.actor.memberId);
    const operation = await attempt.operation(world);
    const rows = await snapshotRows(stack.database.url);
    const response = await stack.request({ ...operation, headers });
    const body = JSON.stringify(response.body);
    expect(response.status, body).toBeLessThan(500);
    expect(response.body.errors?.some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR') ?? false, body).toBe(false);

    const after = await workspacePrincipals(stack.database.url, world.workspaceId);
    const gained = gainedPermissions(before, after);
    const beyond = Object.entries(gained).flatMap(([principal, permissions]) => permissions.filter((permission) => !held.has(permission)).map((permission) => `${principal} gained ${permission}`));
    expect(beyond, `granted beyond the actor's own permissions: ${body}`).toEqual([]);
    if (!actorWasOwner) {
      // The actor's own user keys are the actor (bounded by its role, which an owner gave); a
      // rotated key carries on its predecessor's grant. Anyone else is a grant.
      const ownCredential = (principal: string) => {
        const keyId = principal.startsWith('key:') ? principal.slice(4) : undefined;
        if (!keyId) return false;
        const predecessor = after.rotatedFrom[keyId];
        return after.userOfKey[keyId] === world.actor.userId || (predecessor !== undefined && (before.permissions[`key:${predecessor}`] ?? []).includes('workspaces:delete'));
      };
      const deleters = Object.entries(gained)
        .filter(([principal, permissions]) => permissions.includes('workspaces:delete') && !ownCredential(principal))
        .map(([principal]) => principal);
      expect(deleters, `workspaces:delete granted by a non-owner: ${body}`).toEqual([]);
      expect(
        after.owners.filter((member) => !before.owners.includes(member)),
        `owner role granted by a non-owner: ${body}`,
      ).toEqual([]);
    }
    // A budget is raised only by changing the workspace's; keys never take it higher.
    if (!held.has('workspaces:write')) expect(raisedBudgets(before, after), `a budget raised without workspaces:write: ${body}`).toEqual([]);
    // Leaving (or being removed) is not a role change; any other change of one's own role is.
    const stillMember = after.roleOfMember[world.actor.memberId] !== undefined;
    const ownRoleChanged = stillMember && after.roleOfMember[world.actor.memberId] !== before.roleOfMember[world.actor.memberId];
    if (ownRoleChanged) expect(mutation === 'transferOwnership' && actorWasOwner, `the actor changed their own role: ${body}`).toBe(true);
    // Refused: an error on the mutation itself (a field below it may be null for lack of a read scope).
    const refused = response.body.errors?.some((error) => !error.path || error.path.length === 1) ?? false;
    if (refused) {
      expect(await snapshotRows(stack.database.url), `a refused ${mutation} changed rows: ${body}`).toEqual(rows);
    }
  });
});
