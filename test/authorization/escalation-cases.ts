// Attempts to climb: for every mutation that changes roles, permissions, members, groups,
// keys, invitations, ownership or rate-limit budgets, arguments that would widen someone's
// rights or budget (the actor's own first). escalation.security.test.ts runs each one as every actor and
// demands a list here for every such mutation of the supergraph.
import { generateCredential } from '../../lib/api-key-format.js';
import { FINE_SCOPES, scopeEnumName } from '../../lib/scopes.js';
import type { TestStack } from '../testkit.js';
import type { Operation } from './cases.js';

/** A workspace set up by its owner around one actor (see escalation.security.test.ts). */
export interface EscalationWorld {
  readonly stack: TestStack;
  readonly workspaceId: string;
  /** owner, admin, editor, viewer, steward (custom, holds workspaces:delete), temp (custom, read). */
  readonly roleIds: Record<string, string>;
  readonly ownerMemberId: string;
  readonly actor: { readonly userId: string; readonly email: string; readonly memberId: string; readonly roleId: string; readonly ownKeyId: string };
  readonly bystander: { readonly userId: string; readonly email: string; readonly memberId: string };
  /** Pending invitations the owner made for newcomers' emails, by role key (owner, admin, steward), with their tokens. */
  readonly invitations: Record<string, { readonly id: string; readonly token: string }>;
  readonly groupId: string;
  /** A workspace key with every scope, made by the owner. */
  readonly fullWorkspaceKeyId: string;
  /** Email of a signed-up user who is not yet a member. */
  newUserEmail(): Promise<string>;
}

export interface EscalationAttempt {
  readonly name: string;
  readonly operation: (world: EscalationWorld) => Operation | Promise<Operation>;
}

const ROLE = 'mutation($input: CreateRoleInput!) { createRole(input: $input) { role { id } } }';
const UPDATE_ROLE = 'mutation($id: ID!, $permissions: [Scope!]!) { updateRole(id: $id, input: { permissions: $permissions }) { role { id } } }';
const ADD_PERMISSION = 'mutation($id: ID!, $p: Scope!) { addRolePermission(roleId: $id, permission: $p) { role { id } } }';
const DELETE_ROLE = 'mutation($id: ID!, $to: ID) { deleteRole(id: $id, replacementRoleId: $to) { deletedId } }';
const ADD_MEMBER = 'mutation($email: String!, $role: ID!) { addMember(input: { email: $email, roleId: $role }) { member { id } } }';
const UPDATE_MEMBER = 'mutation($id: ID!, $role: ID!) { updateMember(id: $id, input: { roleId: $role }) { member { id } } }';
const TRANSFER = 'mutation($id: ID!) { transferOwnership(id: $id) { member { id } } }';
const GROUP_USERS = (field: string) => `mutation($g: ID!, $u: [ID!]!) { ${field}(groupId: $g, userIds: $u) { id } }`;
const INVITE = 'mutation($email: String!, $role: ID!) { inviteMember(input: { email: $email, roleId: $role }) { token } }';
const REVOKE_INVITATION = 'mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id } } }';
const RESEND_INVITATION = 'mutation($id: ID!) { resendInvitation(id: $id) { invitation { id } } }';
const ACCEPT = 'mutation($token: String!) { acceptInvitation(token: $token) { workspace { id } } }';
const WORKSPACE_KEY = 'mutation($scopes: [Scope!]!) { createWorkspaceKey(input: { description: "climb", expiresIn: ONE_MONTH, scopes: $scopes }) { apiKey { id } } }';
/** The largest budget identity accepts by default (RATE_LIMIT_MAX_POINTS): ten times the default. */
const LARGEST_BUDGET = 10_000_000;

/** Every fine scope, as the API names them (the Scope enum). */
const every = FINE_SCOPES.map(scopeEnumName);
let counter = 0;
const unique = (prefix: string) => `${prefix}_${Date.now()}_${(counter += 1)}`;

const addToOwnRole = (permission: string): EscalationAttempt => ({
  name: `add ${permission} to own role`,
  operation: (w) => ({ query: ADD_PERMISSION, variables: { id: w.actor.roleId, p: scopeEnumName(permission) } }),
});
const setOwnRole = (role: string): EscalationAttempt => ({
  name: `set own role to ${role}`,
  operation: (w) => ({ query: UPDATE_MEMBER, variables: { id: w.actor.memberId, role: w.roleIds[role] } }),
});
const setBystanderRole = (role: string): EscalationAttempt => ({
  name: `give a viewer the ${role} role`,
  operation: (w) => ({ query: UPDATE_MEMBER, variables: { id: w.bystander.memberId, role: w.roleIds[role] } }),
});
const addMemberAs = (role: string): EscalationAttempt => ({
  name: `add a user as ${role}`,
  operation: async (w) => ({ query: ADD_MEMBER, variables: { email: await w.newUserEmail(), role: w.roleIds[role] } }),
});

const inviteAs = (role: string): EscalationAttempt => ({
  name: `invite a newcomer as ${role}`,
  operation: (w) => ({ query: INVITE, variables: { email: `${unique('invitee')}@example.com`, role: w.roleIds[role] } }),
});
const acceptInvitationFor = (role: string): EscalationAttempt => ({
  name: `accept the ${role} invitation the owner made for someone else (to change one's own role)`,
  operation: (w) => ({ query: ACCEPT, variables: { token: w.invitations[role].token } }),
});

/** Mutation name → attempts, run in this order (transferOwnership and removeMember last: they change or remove the owner). */
export const ESCALATION_ATTEMPTS: Record<string, readonly EscalationAttempt[]> = {
  createRole: [
    { name: 'create a role with every permission', operation: () => ({ query: ROLE, variables: { input: { key: unique('climb'), name: 'Climb', permissions: every } } }) },
    { name: 'create a role with coarse delete', operation: () => ({ query: ROLE, variables: { input: { key: unique('coarse'), name: 'Coarse', permissions: ['DELETE'] } } }) },
    { name: 'create a role with workspaces:delete', operation: () => ({ query: ROLE, variables: { input: { key: unique('wsdel'), name: 'Ws', permissions: ['READ', 'WORKSPACES_DELETE'] } } }) },
  ],
  updateRole: [
    { name: 'give own role every permission', operation: (w) => ({ query: UPDATE_ROLE, variables: { id: w.actor.roleId, permissions: every } }) },
    { name: 'give the viewer role every permission', operation: (w) => ({ query: UPDATE_ROLE, variables: { id: w.roleIds.viewer, permissions: every } }) },
  ],
  addRolePermission: [
    ...['workspaces:delete', 'items:delete', 'keys:delete', 'members:write', 'roles:write', 'audit:read'].map(addToOwnRole),
    { name: 'add workspaces:delete to the viewer role', operation: (w) => ({ query: ADD_PERMISSION, variables: { id: w.roleIds.viewer, p: 'WORKSPACES_DELETE' } }) },
    { name: 'add items:delete to the viewer role', operation: (w) => ({ query: ADD_PERMISSION, variables: { id: w.roleIds.viewer, p: 'ITEMS_DELETE' } }) },
    { name: 'add workspaces:delete to the admin role', operation: (w) => ({ query: ADD_PERMISSION, variables: { id: w.roleIds.admin, p: 'WORKSPACES_DELETE' } }) },
  ],
  removeRolePermission: [
    {
      name: 'take workspaces:delete from the owner role',
      operation: (w) => ({ query: 'mutation($id: ID!) { removeRolePermission(roleId: $id, permission: WORKSPACES_DELETE) { role { id } } }', variables: { id: w.roleIds.owner } }),
    },
  ],
  deleteRole: [
    { name: 'delete own role, moving self to owner', operation: (w) => ({ query: DELETE_ROLE, variables: { id: w.actor.roleId, to: w.roleIds.owner } }) },
    { name: 'delete a role, moving its holder to steward', operation: (w) => ({ query: DELETE_ROLE, variables: { id: w.roleIds.temp, to: w.roleIds.steward } }) },
    { name: 'delete a role, moving its holder to owner', operation: (w) => ({ query: DELETE_ROLE, variables: { id: w.roleIds.temp, to: w.roleIds.owner } }) },
  ],
  addMember: [
    addMemberAs('owner'),
    addMemberAs('admin'),
    addMemberAs('steward'),
    { name: 'add an email without an account as owner', operation: (w) => ({ query: ADD_MEMBER, variables: { email: `${unique('invitee')}@example.com`, role: w.roleIds.owner } }) },
  ],
  // An invitation is a principal to be: it may carry only what its inviter may grant.
  inviteMember: [
    inviteAs('owner'),
    inviteAs('admin'),
    inviteAs('steward'),
    { name: 'invite oneself as owner', operation: (w) => ({ query: INVITE, variables: { email: w.actor.email, role: w.roleIds.owner } }) },
    { name: 'invite oneself as admin', operation: (w) => ({ query: INVITE, variables: { email: w.actor.email, role: w.roleIds.admin } }) },
    { name: 'invite a viewer (a member) as admin', operation: (w) => ({ query: INVITE, variables: { email: w.bystander.email, role: w.roleIds.admin } }) },
  ],
  revokeInvitation: [
    { name: "revoke the owner's invitation for the owner role", operation: (w) => ({ query: REVOKE_INVITATION, variables: { id: w.invitations.owner.id } }) },
    { name: 'revoke an invitation for the steward role', operation: (w) => ({ query: REVOKE_INVITATION, variables: { id: w.invitations.steward.id } }) },
  ],
  // Resending extends a grant's life: only who may grant the role resends.
  resendInvitation: [
    { name: "resend the owner's invitation for the owner role", operation: (w) => ({ query: RESEND_INVITATION, variables: { id: w.invitations.owner.id } }) },
    { name: 'resend an invitation for the steward role', operation: (w) => ({ query: RESEND_INVITATION, variables: { id: w.invitations.steward.id } }) },
  ],
  // An invitation lets in only its verified address: a member holding one made for someone
  // else cannot use it to change their own role, and a forged token entitles nobody.
  acceptInvitation: [
    acceptInvitationFor('owner'),
    acceptInvitationFor('admin'),
    acceptInvitationFor('steward'),
    { name: 'accept a forged token', operation: () => ({ query: ACCEPT, variables: { token: generateCredential('invitation') } }) },
  ],
  updateMember: [setOwnRole('owner'), setOwnRole('admin'), setOwnRole('steward'), setOwnRole('viewer'), setBystanderRole('owner'), setBystanderRole('admin'), setBystanderRole('steward')],
  createMemberGroup: [{ name: 'create a group', operation: () => ({ query: `mutation { createMemberGroup(input: { name: "${unique('Climbers')}" }) { memberGroup { id } } }` }) }],
  updateMemberGroup: [
    { name: 'rename a group', operation: (w) => ({ query: 'mutation($id: ID!) { updateMemberGroup(id: $id, input: { name: "Admins" }) { memberGroup { id } } }', variables: { id: w.groupId } }) },
  ],
  addMemberGroupUsers: [
    { name: 'add self and a viewer to a group', operation: (w) => ({ query: GROUP_USERS('addMemberGroupUsers'), variables: { g: w.groupId, u: [w.actor.userId, w.bystander.userId] } }) },
  ],
  removeMemberGroupUsers: [{ name: 'take a viewer out of a group', operation: (w) => ({ query: GROUP_USERS('removeMemberGroupUsers'), variables: { g: w.groupId, u: [w.bystander.userId] } }) }],
  deleteMemberGroup: [{ name: 'delete a group', operation: (w) => ({ query: 'mutation($id: ID!) { deleteMemberGroup(id: $id) { deletedId } }', variables: { id: w.groupId } }) }],
  createApiKey: [
    {
      name: 'create a user key with every scope',
      operation: (w) => ({
        query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }',
        variables: { input: { description: 'climb', expiresIn: 'ONE_MONTH', scopes: every, workspaceIds: [w.workspaceId] } },
      }),
    },
    {
      name: 'create a user key with the largest budget',
      operation: (w) => ({
        query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }',
        variables: { input: { description: 'greedy', expiresIn: 'ONE_MONTH', scopes: ['READ'], workspaceIds: [w.workspaceId], rateLimit: LARGEST_BUDGET } },
      }),
    },
  ],
  createWorkspaceKey: [
    { name: 'create a workspace key with every scope', operation: () => ({ query: WORKSPACE_KEY, variables: { scopes: every } }) },
    { name: 'create a workspace key with coarse delete', operation: () => ({ query: WORKSPACE_KEY, variables: { scopes: ['DELETE'] } }) },
    { name: 'create a workspace key with workspaces:delete', operation: () => ({ query: WORKSPACE_KEY, variables: { scopes: ['READ', 'WORKSPACES_DELETE'] } }) },
    {
      name: 'create a workspace key with the largest budget',
      operation: () => ({ query: `mutation { createWorkspaceKey(input: { description: "greedy", expiresIn: ONE_MONTH, scopes: [READ], rateLimit: ${LARGEST_BUDGET} }) { apiKey { id } } }` }),
    },
  ],
  setWorkspaceRateLimit: [{ name: 'raise the workspace budget to the largest', operation: () => ({ query: `mutation { setWorkspaceRateLimit(points: ${LARGEST_BUDGET}) { workspace { id } } }` }) }],
  rotateApiKey: [
    {
      name: 'rotate a workspace key with every scope, for its secret',
      operation: (w) => ({ query: 'mutation($id: ID!) { rotateApiKey(id: $id, gracePeriod: 0) { apiKey { id } } }', variables: { id: w.fullWorkspaceKeyId } }),
    },
    { name: 'rotate own key', operation: (w) => ({ query: 'mutation($id: ID!) { rotateApiKey(id: $id, gracePeriod: 60) { apiKey { id } } }', variables: { id: w.actor.ownKeyId } }) },
  ],
  revokeApiKey: [{ name: 'revoke own key', operation: (w) => ({ query: 'mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { id } } }', variables: { id: w.actor.ownKeyId } }) }],
  transferOwnership: [
    { name: 'transfer ownership to self', operation: (w) => ({ query: TRANSFER, variables: { id: w.actor.memberId } }) },
    { name: 'transfer ownership to a viewer', operation: (w) => ({ query: TRANSFER, variables: { id: w.bystander.memberId } }) },
  ],
  removeMember: [{ name: 'remove the owner', operation: (w) => ({ query: 'mutation($id: ID!) { removeMember(id: $id) { deletedId } }', variables: { id: w.ownerMemberId } }) }],
};

/** Mutation names the escalation suite must cover: whatever grants or takes rights, or sets budgets. */
export const GRANTING_MUTATION = /role|permission|member|group|key|invitation|ownership|rateLimit/i;
