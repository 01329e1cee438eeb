// One case per authorization coordinate of the supergraph (see coordinates.ts). A case
// says how to reach the coordinate, where a denial shows (`path`), which other scopes the
// operation needs on the way (`alsoNeeds`), and, for root fields, the same operation
// aimed at workspace B's records (`foreign`), which must act as if they did not exist.
import { documentHash } from '../../lib/trusted-documents.js';
import { mailedToken, registerUnverified, signUp } from '../identity-seeds.js';
import { discoveryDocumentIssuer, TRUST_ISSUER } from '../jwt-seeds.js';
import type { Fixtures } from './fixtures.js';
import { SUITE_OIDC_PROVIDER_ID } from '../oidc-suite-provider.js';

export interface Operation {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** The credential to run it with instead of a key (an operation only a session can run). */
  readonly headers?: Record<string, string>;
}

export interface AuthorizationCase {
  readonly operation: (fixtures: Fixtures) => Promise<Operation> | Operation;
  /** Prefix of the error path a denial carries (the root field for root coordinates). */
  readonly path: readonly (string | number)[];
  readonly alsoNeeds?: readonly string[];
  readonly foreign?: (fixtures: Fixtures) => Promise<Operation> | Operation;
  /** Acts in this workspace instead of A (for operations that use a workspace up). */
  readonly workspace?: (fixtures: Fixtures) => Promise<string>;
}

const page = '{ totalCount nodes { id } }';

let documents = 0;
/** register runs with a credential and without one (it is @public): a new email each time, even within one millisecond. */
let registrations = 0;
/** A trusted document never registered before, as registerTrustedDocuments takes it. */
function freshDocument(): { id: string; body: string } {
  const body = `query Suite${Date.now()}x${(documents += 1)} { me { id } }`;
  return { id: documentHash(body), body };
}

/** Registers a fresh document in a workspace with its owner's session. */
async function registeredDocument(f: Fixtures, headers: Record<string, string>): Promise<{ id: string; body: string }> {
  const document = freshDocument();
  await f.stack.query({
    query: 'mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { registered } }',
    variables: { input: { clientName: 'suite', documents: [document] } },
    headers,
  });
  return document;
}

let transferTarget = '';
/** A disposable workspace of A's owner with one more member, whom transferOwnership makes owner. */
async function workspaceToTransfer(f: Fixtures): Promise<string> {
  const workspaceId = await f.fresh.workspace();
  const headers = { authorization: `Bearer ${f.a.owner.token}`, 'x-workspace-id': workspaceId };
  const roles = await f.stack.query({ query: '{ roles { nodes { id key } } }', headers });
  const viewer = roles.roles.nodes.find((role: { key: string }) => role.key === 'viewer').id;
  const heir = await signUp(f.stack, 'Heir');
  const added = await f.stack.query({
    query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
    variables: { input: { email: heir.email, roleId: viewer } },
    headers,
  });
  transferTarget = added.addMember.member.id;
  return workspaceId;
}

/** A disposable workspace of A's owner with a second owner, so A's owner may leave it. */
async function workspaceToLeave(f: Fixtures): Promise<string> {
  const workspaceId = await f.fresh.workspace();
  const headers = { authorization: `Bearer ${f.a.owner.token}`, 'x-workspace-id': workspaceId };
  const roles = await f.stack.query({ query: '{ roles { nodes { id key } } }', headers });
  const owner = roles.roles.nodes.find((role: { key: string }) => role.key === 'owner').id;
  const coOwner = await signUp(f.stack, 'Co-owner');
  await f.stack.query({ query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }', variables: { input: { email: coOwner.email, roleId: owner } }, headers });
  return workspaceId;
}

/** A new session of A's owner (revoking it leaves the fixtures' session alone). */
async function freshSession(f: Fixtures): Promise<Record<string, string>> {
  const data = await f.stack.query({
    query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }',
    variables: { input: { email: f.a.owner.email, password: f.a.owner.password } },
  });
  return { authorization: `Bearer ${data.createSession.token}` };
}

let audiences = 0;
/** trustIssuer's input for an audience not trusted before (one trust per issuer and audience). */
async function freshTrust(): Promise<Record<string, unknown>> {
  return { input: { issuerUrl: await discoveryDocumentIssuer(), audience: `suite-${Date.now()}-${(audiences += 1)}` } };
}

/** A trusted issuer of a workspace, made with its owner's session. */
async function trustedIssuer(f: Fixtures, headers: Record<string, string>): Promise<string> {
  return (await f.stack.query({ query: TRUST_ISSUER, variables: await freshTrust(), headers })).trustIssuer.trustedIssuer.id;
}

const REGISTER = 'mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { registered alreadyRegistered } }';

export const CASES: Record<string, AuthorizationCase> = {
  // Types and fields with their own requirement, reached through a root field.
  ApiKey: { operation: () => ({ query: `{ apiKeys ${page} }` }), path: ['apiKeys'] },
  ContentType: { operation: () => ({ query: `{ contentTypes ${page} }` }), path: ['contentTypes'] },
  ContentField: {
    operation: (f) => ({ query: 'query($id: ID!) { items(contentTypeId: $id) { nodes { contentType { fields { nodes { key } } } } } }', variables: { id: f.a.contentTypeId } }),
    path: ['items', 'nodes', 0, 'contentType'],
    alsoNeeds: ['items:read'],
  },
  Item: { operation: (f) => ({ query: 'query($id: ID!) { item(id: $id) { id } }', variables: { id: f.a.itemId } }), path: ['item'] },
  Member: { operation: () => ({ query: `{ members ${page} }` }), path: ['members'] },
  Invitation: { operation: () => ({ query: `{ invitations ${page} }` }), path: ['invitations'] },
  MemberGroup: { operation: () => ({ query: `{ memberGroups ${page} }` }), path: ['memberGroups'] },
  RequestLog: { operation: () => ({ query: `{ requestLogs ${page} }` }), path: ['requestLogs'] },
  RequestLogVolume: { operation: () => ({ query: '{ requestLogVolume { start requests errors } }' }), path: ['requestLogVolume'] },
  AuditEvent: { operation: () => ({ query: `{ auditEvents ${page} }` }), path: ['auditEvents'] },
  'User.auditEvents': { operation: () => ({ query: '{ me { auditEvents { totalCount } } }' }), path: ['me', 'auditEvents'] },
  Role: { operation: () => ({ query: '{ members { nodes { role { key } } } }' }), path: ['members', 'nodes', 0, 'role'], alsoNeeds: ['members:read'] },
  'Member.groups': { operation: () => ({ query: '{ members { nodes { groups { totalCount } } } }' }), path: ['members', 'nodes', 0, 'groups'], alsoNeeds: ['members:read'] },
  'MemberGroup.members': {
    operation: () => ({ query: '{ memberGroups { nodes { members { totalCount } } } }' }),
    path: ['memberGroups', 'nodes', 0, 'members'],
    alsoNeeds: ['groups:read'],
  },
  'Viewer.workspace': { operation: () => ({ query: '{ viewer { workspace { id } } }' }), path: ['viewer', 'workspace'] },
  'Workspace.contentTypes': {
    operation: () => ({ query: '{ workspace { contentTypes { totalCount } } }' }),
    path: ['workspace', 'contentTypes'],
    alsoNeeds: ['workspaces:read'],
  },
  'Workspace.members': { operation: () => ({ query: '{ workspace { members { totalCount } } }' }), path: ['workspace', 'members'], alsoNeeds: ['workspaces:read'] },
  'Workspace.roles': { operation: () => ({ query: '{ workspace { roles { totalCount } } }' }), path: ['workspace', 'roles'], alsoNeeds: ['workspaces:read'] },
  'Workspace.memberGroups': { operation: () => ({ query: '{ workspace { memberGroups { totalCount } } }' }), path: ['workspace', 'memberGroups'], alsoNeeds: ['workspaces:read'] },
  'Workspace.apiKeys': { operation: () => ({ query: '{ workspace { apiKeys { totalCount } } }' }), path: ['workspace', 'apiKeys'], alsoNeeds: ['workspaces:read'] },
  'Workspace.deletionPreview': { operation: () => ({ query: '{ workspace { deletionPreview { members } } }' }), path: ['workspace', 'deletionPreview'], alsoNeeds: ['workspaces:read'] },

  // Queries.
  'Query.apiKeys': { operation: () => ({ query: `{ apiKeys ${page} }` }), path: ['apiKeys'], foreign: () => ({ query: `{ apiKeys ${page} }` }) },
  'Query.contentTypes': { operation: () => ({ query: `{ contentTypes ${page} }` }), path: ['contentTypes'], foreign: () => ({ query: `{ contentTypes ${page} }` }) },
  'Query.contentType': {
    operation: (f) => ({ query: 'query($id: ID!) { contentType(id: $id) { id } }', variables: { id: f.a.contentTypeId } }),
    path: ['contentType'],
    foreign: (f) => ({ query: 'query($id: ID!) { contentType(id: $id) { id name } }', variables: { id: f.b.contentTypeId } }),
  },
  'Query.contentField': {
    operation: (f) => ({ query: 'query($id: ID!) { contentField(id: $id) { id } }', variables: { id: f.a.fieldId } }),
    path: ['contentField'],
    foreign: (f) => ({ query: 'query($id: ID!) { contentField(id: $id) { id key } }', variables: { id: f.b.fieldId } }),
  },
  'Query.item': {
    operation: (f) => ({ query: 'query($id: ID!) { item(id: $id) { id } }', variables: { id: f.a.itemId } }),
    path: ['item'],
    foreign: (f) => ({ query: 'query($id: ID!) { item(id: $id) { id values } }', variables: { id: f.b.itemId } }),
  },
  'Query.apiKey': {
    operation: (f) => ({ query: 'query($id: ID!) { apiKey(id: $id) { id } }', variables: { id: f.a.workspaceKeyId } }),
    path: ['apiKey'],
    foreign: (f) => ({ query: 'query($id: ID!) { apiKey(id: $id) { id description rotatedFrom { id } rotatedTo { id } } }', variables: { id: f.b.workspaceKeyId } }),
  },
  'Query.node': {
    operation: (f) => ({ query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id: f.a.itemId } }),
    path: ['node'],
    alsoNeeds: ['items:read'],
    foreign: (f) => ({ query: 'query($id: ID!) { node(id: $id) { id ... on Item { values } } }', variables: { id: f.b.itemId } }),
  },
  'Query.nodes': {
    operation: (f) => ({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: [f.a.memberId] } }),
    path: ['nodes'],
    alsoNeeds: ['members:read'],
    foreign: (f) => ({
      query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on ContentType { name } ... on Role { permissions } ... on Member { user { email } } ... on ApiKey { description } } }',
      variables: {
        ids: [f.b.contentTypeId, f.b.fieldId, f.b.itemId, f.b.customRoleId, f.b.memberId, f.b.groupId, f.b.invitationId, f.b.userKeyId, f.b.workspaceKeyId, f.b.workspaceId, f.b.memberUserId],
      },
    }),
  },
  'Query.items': {
    operation: (f) => ({ query: `query($id: ID!) { items(contentTypeId: $id) ${page} }`, variables: { id: f.a.contentTypeId } }),
    path: ['items'],
    foreign: (f) => ({ query: `query($id: ID!) { items(contentTypeId: $id) ${page} }`, variables: { id: f.b.contentTypeId } }),
  },
  'Query.auditEvents': {
    operation: () => ({ query: `{ auditEvents ${page} }` }),
    path: ['auditEvents'],
    foreign: (f) => ({ query: 'query($id: ID!) { auditEvents(filter: { targetId: $id }) { totalCount nodes { id targetId } } }', variables: { id: f.b.itemId } }),
  },
  'Query.me': { operation: () => ({ query: '{ me { id } }' }), path: ['me'], foreign: () => ({ query: '{ me { id } }' }) },
  'Query.invitations': {
    operation: () => ({ query: `{ invitations ${page} }` }),
    path: ['invitations'],
    foreign: () => ({ query: '{ invitations(first: 100) { totalCount nodes { id email role { id } } } }' }),
  },
  'Query.member': {
    operation: (f) => ({ query: 'query($id: ID!) { member(id: $id) { id } }', variables: { id: f.a.memberId } }),
    path: ['member'],
    foreign: (f) => ({ query: 'query($id: ID!) { member(id: $id) { id } }', variables: { id: f.b.memberId } }),
  },
  'Query.memberGroup': {
    operation: (f) => ({ query: 'query($id: ID!) { memberGroup(id: $id) { id } }', variables: { id: f.a.groupId } }),
    path: ['memberGroup'],
    foreign: (f) => ({ query: 'query($id: ID!) { memberGroup(id: $id) { id name } }', variables: { id: f.b.groupId } }),
  },
  'Query.memberGroups': { operation: () => ({ query: `{ memberGroups ${page} }` }), path: ['memberGroups'], foreign: () => ({ query: `{ memberGroups ${page} }` }) },
  'Query.members': {
    operation: () => ({ query: `{ members ${page} }` }),
    path: ['members'],
    foreign: (f) => ({
      query: 'query($role: ID, $group: ID) { byRole: members(filter: { roleId: $role }) { totalCount nodes { id } } byGroup: members(filter: { groupId: $group }) { totalCount nodes { id } } }',
      variables: { role: f.b.customRoleId, group: f.b.groupId },
    }),
  },
  // Public to any credential (the budget is the caller's own); asked for alone, not charged.
  'Query.rateLimit': { operation: () => ({ query: '{ rateLimit { limit cost remaining resetAt } }' }), path: ['rateLimit'], foreign: () => ({ query: '{ rateLimit { limit remaining } }' }) },
  'Query.requestLogs': { operation: () => ({ query: `{ requestLogs ${page} }` }), path: ['requestLogs'], foreign: () => ({ query: `{ requestLogs ${page} }` }) },
  // Schema usage (audit:read): the workspace's own traffic; schemaVersions holds no workspace's records.
  SchemaVersion: { operation: () => ({ query: '{ schemaVersions { totalCount nodes { id apiSchema } } }' }), path: ['schemaVersions'] },
  'Query.schemaUsage': {
    operation: () => ({ query: '{ schemaUsage(coordinate: "Query.items") { requests } }' }),
    path: ['schemaUsage'],
    foreign: () => ({ query: '{ schemaUsage(coordinate: "Query.items") { requests clients { name version } operations { documentHash name } } }' }),
  },
  'Query.unusedFields': {
    operation: () => ({ query: '{ unusedFields(first: 5) { totalCount nodes { coordinate } } }' }),
    path: ['unusedFields'],
    foreign: () => ({ query: '{ unusedFields(first: 5) { totalCount nodes { coordinate } } }' }),
  },
  'Query.schemaVersions': { operation: () => ({ query: `{ schemaVersions ${page} }` }), path: ['schemaVersions'], foreign: () => ({ query: `{ schemaVersions ${page} }` }) },
  'Query.requestLogVolume': {
    operation: () => ({ query: '{ requestLogVolume { start requests errors } }' }),
    path: ['requestLogVolume'],
    foreign: (f) => ({ query: 'query($key: ID!) { requestLogVolume(filter: { apiKeyId: $key }) { start requests errors } }', variables: { key: f.b.userKeyId } }),
  },
  'Query.role': {
    operation: (f) => ({ query: 'query($id: ID!) { role(id: $id) { id } }', variables: { id: f.a.customRoleId } }),
    path: ['role'],
    foreign: (f) => ({ query: 'query($id: ID!) { role(id: $id) { id name } }', variables: { id: f.b.customRoleId } }),
  },
  'Query.roles': { operation: () => ({ query: `{ roles ${page} }` }), path: ['roles'], foreign: () => ({ query: `{ roles ${page} }` }) },
  'Query.viewer': {
    operation: () => ({ query: '{ viewer { credentialKind scopes can { manageMembers } user { id } apiKey { id } workspace { id } role { key } } }' }),
    path: ['viewer'],
    foreign: () => ({ query: '{ viewer { scopes user { id } apiKey { id } workspace { id name } role { id } } }' }),
  },
  'Query.workspace': { operation: () => ({ query: '{ workspace { id } }' }), path: ['workspace'], foreign: () => ({ query: '{ workspace { id name } }' }) },
  'Query.workspaceDeletionPreview': {
    operation: () => ({ query: '{ workspaceDeletionPreview { workspaceId members items requestLogs } }' }),
    path: ['workspaceDeletionPreview'],
    foreign: () => ({ query: '{ workspaceDeletionPreview { workspaceId members roles memberGroups apiKeys contentTypes contentFields items requestLogs } }' }),
  },
  'Query.trustedIssuers': {
    operation: () => ({ query: `{ trustedIssuers ${page} }` }),
    path: ['trustedIssuers'],
    foreign: async (f) => {
      await trustedIssuer(f, f.b.ownerHeaders);
      return { query: '{ trustedIssuers(first: 100) { totalCount nodes { id issuerUrl audience } } }' };
    },
  },
  'Query.trustedDocuments': {
    operation: () => ({ query: `{ trustedDocuments ${page} }` }),
    path: ['trustedDocuments'],
    foreign: async (f) => {
      await registeredDocument(f, f.b.ownerHeaders);
      return { query: '{ trustedDocuments { totalCount nodes { id body clientName } } }' };
    },
  },
  'Query.workspaces': { operation: () => ({ query: `{ workspaces ${page} }` }), path: ['workspaces'], foreign: () => ({ query: `{ workspaces ${page} }` }) },

  // Mutations.
  'Mutation.changePassword': {
    // No scope: a session of its own user (a newcomer's here, so no fixture's password changes); keys are refused by the service.
    operation: async (f) => {
      const user = await signUp(f.stack, 'Password Changer');
      return {
        query: 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { endedSessions user { id } } }',
        variables: { input: { currentPassword: user.password, newPassword: `${user.password}-new` } },
        headers: { authorization: `Bearer ${user.token}` },
      };
    },
    path: ['changePassword'],
    foreign: () => ({ query: 'mutation { changePassword(input: { currentPassword: "x", newPassword: "long-enough-password" }) { endedSessions } }' }),
  },
  'Mutation.changeEmail': {
    // No scope: a session of its own user (a newcomer's); keys are refused by the service. Nothing changes until the mailed link is used.
    operation: async (f) => {
      const user = await signUp(f.stack, 'Email Changer');
      return {
        query: 'mutation($input: ChangeEmailInput!) { changeEmail(input: $input) { user { id } } }',
        variables: { input: { newEmail: `moved-${user.email}`, currentPassword: user.password } },
        headers: { authorization: `Bearer ${user.token}` },
      };
    },
    path: ['changeEmail'],
    foreign: () => ({ query: 'mutation { changeEmail(input: { newEmail: "suite-foreign@example.com", currentPassword: "x" }) { user { id } } }' }),
  },
  'Mutation.resendVerification': {
    // No scope: a session of a newcomer who has not verified yet; keys are refused by the service.
    operation: async (f) => ({ query: 'mutation { resendVerification { user { id } } }', headers: { authorization: `Bearer ${(await registerUnverified(f.stack, 'Unverified')).token}` } }),
    path: ['resendVerification'],
    foreign: () => ({ query: 'mutation { resendVerification { user { id } } }' }),
  },
  'Mutation.verifyEmail': {
    // @public: the mailed token is the proof (a newcomer's, read from the mail sink).
    operation: async (f) => {
      const user = await registerUnverified(f.stack, 'Verifier');
      return { query: 'mutation($token: String!) { verifyEmail(token: $token) { user { id } } }', variables: { token: await mailedToken(f.stack, user.email, '/account/verify-email') } };
    },
    path: ['verifyEmail'],
    foreign: () => ({ query: 'mutation { verifyEmail(token: "atv_00000000000000000000000000000000000000") { user { id } } }' }),
  },
  'Mutation.requestPasswordReset': {
    // @public: the same answer for any address; a newcomer's, so that a mail and an audit event follow.
    operation: async (f) => ({ query: 'mutation($email: String!) { requestPasswordReset(email: $email) { email } }', variables: { email: (await signUp(f.stack, 'Forgetful')).email } }),
    path: ['requestPasswordReset'],
    foreign: () => ({ query: 'mutation { requestPasswordReset(email: "nobody-suite-foreign@example.com") { email } }' }),
  },
  'Mutation.resetPassword': {
    // @public: the mailed token is the proof (a newcomer's reset link, read from the mail sink).
    operation: async (f) => {
      const user = await signUp(f.stack, 'Resetter');
      await f.stack.query({ query: 'mutation($email: String!) { requestPasswordReset(email: $email) { email } }', variables: { email: user.email } });
      const token = await mailedToken(f.stack, user.email, '/account/reset-password');
      return { query: 'mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { endedSessions user { id } } }', variables: { input: { token, newPassword: `${user.password}-reset` } } };
    },
    path: ['resetPassword'],
    foreign: () => ({ query: 'mutation { resetPassword(input: { token: "atr_00000000000000000000000000000000000000", newPassword: "long-enough-password" }) { endedSessions } }' }),
  },
  'Mutation.acceptInvitation': {
    // No scope: a session of the invited address, verified (here a newcomer's); keys are refused by the service (sessions only).
    operation: async (f) => {
      const invitee = await signUp(f.stack, 'Invitee');
      return {
        query: 'mutation($token: String!) { acceptInvitation(token: $token) { workspace { id } } }',
        variables: { token: (await f.fresh.invitation(invitee.email)).token },
        headers: { authorization: `Bearer ${invitee.token}` },
      };
    },
    path: ['acceptInvitation'],
    foreign: (f) => ({ query: 'mutation($token: String!) { acceptInvitation(token: $token) { workspace { id name } } }', variables: { token: f.b.invitationToken } }),
  },
  'Mutation.addMember': {
    operation: async (f) => ({
      query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
      variables: { input: { email: (await signUp(f.stack, 'Added')).email, roleId: f.a.roleIds.viewer } },
    }),
    path: ['addMember'],
    foreign: async (f) => ({
      query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
      variables: { input: { email: (await signUp(f.stack, 'Foreign')).email, roleId: f.b.customRoleId } },
    }),
  },
  'Mutation.addMemberGroupUsers': {
    operation: async (f) => ({
      query: 'mutation($g: ID!, $u: [ID!]!) { addMemberGroupUsers(groupId: $g, userIds: $u) { memberGroup { id } } }',
      variables: { g: await f.fresh.group(), u: [f.a.memberUserId] },
    }),
    path: ['addMemberGroupUsers'],
    foreign: (f) => ({ query: 'mutation($g: ID!, $u: [ID!]!) { addMemberGroupUsers(groupId: $g, userIds: $u) { memberGroup { id } } }', variables: { g: f.b.groupId, u: [f.b.memberUserId] } }),
  },
  'Mutation.addRolePermission': {
    operation: async (f) => ({ query: 'mutation($r: ID!) { addRolePermission(roleId: $r, permission: ITEMS_WRITE) { role { id } } }', variables: { r: await f.fresh.role() } }),
    path: ['addRolePermission'],
    foreign: (f) => ({ query: 'mutation($r: ID!) { addRolePermission(roleId: $r, permission: ITEMS_WRITE) { role { id } } }', variables: { r: f.b.customRoleId } }),
  },
  'Mutation.createApiKey': {
    operation: (f) => ({
      query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }',
      variables: { input: { description: 'suite', expiresIn: 'ONE_MONTH', scopes: ['READ'], workspaceIds: [f.a.workspaceId] } },
    }),
    path: ['createApiKey'],
    foreign: (f) => ({
      query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }',
      variables: { input: { description: 'suite', expiresIn: 'ONE_MONTH', scopes: ['READ'], workspaceIds: [f.b.workspaceId] } },
    }),
  },
  'Mutation.createContentType': {
    operation: () => ({ query: `mutation { createContentType(input: { name: "Suite", key: "suite_${Date.now()}" }) { contentType { id } } }` }),
    path: ['createContentType'],
    foreign: () => ({ query: 'mutation { createContentType(input: { name: "Same key as B", key: "article" }) { contentType { id } } }' }),
  },
  'Mutation.createContentField': {
    operation: async (f) => ({
      query: 'mutation($t: ID!) { createContentField(contentTypeId: $t, input: { name: "Body", key: "body", kind: LONG_TEXT }) { contentField { id } } }',
      variables: { t: await f.fresh.contentType() },
    }),
    path: ['createContentField'],
    foreign: (f) => ({
      query: 'mutation($t: ID!) { createContentField(contentTypeId: $t, input: { name: "Body", key: "body", kind: LONG_TEXT }) { contentField { id } } }',
      variables: { t: f.b.contentTypeId },
    }),
  },
  'Mutation.createItem': {
    operation: (f) => ({ query: 'mutation($t: ID!) { createItem(contentTypeId: $t, values: { title: "Suite" }) { item { id } } }', variables: { t: f.a.contentTypeId } }),
    path: ['createItem'],
    foreign: (f) => ({ query: 'mutation($t: ID!) { createItem(contentTypeId: $t, values: { title: "Suite" }) { item { id } } }', variables: { t: f.b.contentTypeId } }),
  },
  'Mutation.createMemberGroup': {
    operation: () => ({ query: `mutation { createMemberGroup(input: { name: "Suite ${Date.now()}" }) { memberGroup { id } } }` }),
    path: ['createMemberGroup'],
    foreign: () => ({ query: 'mutation($name: String!) { createMemberGroup(input: { name: $name }) { memberGroup { id } } }', variables: { name: 'Beta group' } }),
  },
  'Mutation.createRole': {
    operation: () => ({ query: `mutation { createRole(input: { name: "Suite", key: "suite_${Date.now()}", permissions: [READ] }) { role { id } } }` }),
    path: ['createRole'],
    foreign: () => ({ query: `mutation { createRole(input: { name: "Suite", key: "suite_foreign_${Date.now()}", permissions: [READ] }) { role { id } } }` }),
  },
  'Mutation.createSession': {
    operation: (f) => ({
      query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { user { id } } }',
      variables: { input: { email: f.a.owner.email, password: f.a.owner.password } },
    }),
    path: ['createSession'],
    foreign: (f) => ({
      query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { user { id } } }',
      variables: { input: { email: f.a.owner.email, password: f.a.owner.password, workspaceId: f.b.workspaceId } },
    }),
  },
  'Mutation.createSessionFromIdToken': {
    operation: async (f) => ({
      query: 'mutation($input: CreateSessionFromIdTokenInput!) { createSessionFromIdToken(input: $input) { user { id } } }',
      variables: { input: { issuer: SUITE_OIDC_PROVIDER_ID, idToken: await f.fresh.idToken() } },
    }),
    path: ['createSessionFromIdToken'],
    // Names no workspace; a token it cannot verify touches nothing.
    foreign: () => ({ query: 'mutation { createSessionFromIdToken(input: { issuer: "nobody", idToken: "x.y.z" }) { user { id } } }' }),
  },
  'Mutation.createWorkspace': {
    operation: () => ({ query: 'mutation { createWorkspace(input: { name: "Suite" }) { workspace { id } } }' }),
    path: ['createWorkspace'],
    foreign: () => ({ query: 'mutation { createWorkspace(input: { name: "Suite foreign" }) { workspace { id } } }' }),
  },
  'Mutation.createWorkspaceKey': {
    operation: () => ({ query: 'mutation { createWorkspaceKey(input: { description: "suite", expiresIn: ONE_MONTH, scopes: [READ] }) { apiKey { id } } }' }),
    path: ['createWorkspaceKey'],
    foreign: () => ({ query: 'mutation { createWorkspaceKey(input: { description: "suite", expiresIn: ONE_MONTH, scopes: [READ] }) { apiKey { id workspaces { id } } } }' }),
  },
  'Mutation.deleteContentType': {
    operation: async (f) => ({ query: 'mutation($id: ID!) { deleteContentType(id: $id, force: true) { deletedId } }', variables: { id: await f.fresh.contentType() } }),
    path: ['deleteContentType'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { deleteContentType(id: $id, force: true) { deletedId } }', variables: { id: f.b.contentTypeId } }),
  },
  'Mutation.deleteContentField': {
    operation: async (f) => ({ query: 'mutation($id: ID!) { deleteContentField(id: $id) { deletedId } }', variables: { id: await f.fresh.field() } }),
    path: ['deleteContentField'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { deleteContentField(id: $id) { deletedId } }', variables: { id: f.b.fieldId } }),
  },
  'Mutation.deleteItem': {
    operation: async (f) => ({ query: 'mutation($id: ID!) { deleteItem(id: $id) { deletedId } }', variables: { id: await f.fresh.item() } }),
    path: ['deleteItem'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { deleteItem(id: $id) { deletedId } }', variables: { id: f.b.itemId } }),
  },
  'Mutation.deleteWorkspace': {
    operation: () => ({ query: 'mutation { deleteWorkspace(confirmName: "Disposable") { deletedId } }' }),
    workspace: (f) => f.fresh.workspace(),
    path: ['deleteWorkspace'],
    foreign: () => ({ query: 'mutation { deleteWorkspace(confirmName: "Beta") { deletedId } }' }),
  },
  'Mutation.deleteMemberGroup': {
    operation: async (f) => ({ query: 'mutation($id: ID!) { deleteMemberGroup(id: $id) { deletedId } }', variables: { id: await f.fresh.group() } }),
    path: ['deleteMemberGroup'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { deleteMemberGroup(id: $id) { deletedId } }', variables: { id: f.b.groupId } }),
  },
  'Mutation.deleteRole': {
    operation: async (f) => ({ query: 'mutation($id: ID!) { deleteRole(id: $id) { deletedId } }', variables: { id: await f.fresh.role() } }),
    path: ['deleteRole'],
    foreign: (f) => ({ query: 'mutation($id: ID!, $to: ID) { deleteRole(id: $id, replacementRoleId: $to) { deletedId } }', variables: { id: f.b.customRoleId, to: f.a.roleIds.viewer } }),
  },
  'Mutation.inviteMember': {
    operation: (f) => ({
      query: 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }',
      variables: { input: { email: `suite-${Date.now()}@example.com`, roleId: f.a.roleIds.viewer } },
    }),
    path: ['inviteMember'],
    foreign: (f) => ({
      query: 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token invitation { id } } }',
      variables: { input: { email: `foreign-${Date.now()}@example.com`, roleId: f.b.customRoleId } },
    }),
  },
  'Mutation.leaveWorkspace': {
    // In a workspace of its own with another owner: the last owner cannot leave, and A keeps its owner.
    operation: () => ({ query: 'mutation { leaveWorkspace { deletedId } }' }),
    workspace: workspaceToLeave,
    path: ['leaveWorkspace'],
    foreign: () => ({ query: 'mutation { leaveWorkspace { deletedId } }' }),
  },
  'Mutation.register': {
    operation: () => ({ query: `mutation { register(input: { email: "suite${Date.now()}x${(registrations += 1)}@example.com", password: "long-enough-password", name: "Suite" }) { user { id } } }` }),
    path: ['register'],
    foreign: () => ({ query: `mutation { register(input: { email: "suite-f${Date.now()}@example.com", password: "long-enough-password", name: "Suite" }) { user { id } workspace { id } } }` }),
  },
  'Mutation.removeMember': {
    operation: async (f) => ({ query: 'mutation($id: ID!) { removeMember(id: $id) { deletedId } }', variables: { id: (await f.fresh.member()).memberId } }),
    path: ['removeMember'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { removeMember(id: $id) { deletedId } }', variables: { id: f.b.memberId } }),
  },
  'Mutation.removeMemberGroupUsers': {
    operation: (f) => ({ query: 'mutation($g: ID!, $u: [ID!]!) { removeMemberGroupUsers(groupId: $g, userIds: $u) { memberGroup { id } } }', variables: { g: f.a.groupId, u: [f.a.memberUserId] } }),
    path: ['removeMemberGroupUsers'],
    foreign: (f) => ({ query: 'mutation($g: ID!, $u: [ID!]!) { removeMemberGroupUsers(groupId: $g, userIds: $u) { memberGroup { id } } }', variables: { g: f.b.groupId, u: [f.b.memberUserId] } }),
  },
  'Mutation.removeRolePermission': {
    operation: async (f) => ({ query: 'mutation($r: ID!) { removeRolePermission(roleId: $r, permission: READ) { role { id } } }', variables: { r: await f.fresh.role() } }),
    path: ['removeRolePermission'],
    foreign: (f) => ({ query: 'mutation($r: ID!) { removeRolePermission(roleId: $r, permission: READ) { role { id } } }', variables: { r: f.b.customRoleId } }),
  },
  'Mutation.registerTrustedDocuments': {
    operation: () => ({ query: REGISTER, variables: { input: { clientName: 'suite', documents: [freshDocument()] } } }),
    path: ['registerTrustedDocuments'],
    // The same document as one of B's: registered in A as A's own, B's row untouched.
    foreign: async (f) => {
      const document = await registeredDocument(f, f.b.ownerHeaders);
      return { query: REGISTER, variables: { input: { clientName: 'suite foreign', documents: [document] } } };
    },
  },
  'Mutation.trustIssuer': {
    operation: async () => ({ query: TRUST_ISSUER, variables: await freshTrust() }),
    path: ['trustIssuer'],
    // The same issuer and audience as one of B's: trusted in A as A's own, B's untouched.
    foreign: async (f) => {
      const variables = await freshTrust();
      await f.stack.query({ query: TRUST_ISSUER, variables, headers: f.b.ownerHeaders });
      return { query: TRUST_ISSUER, variables };
    },
  },
  'Mutation.untrustIssuer': {
    operation: async (f) => ({ query: 'mutation($id: ID!) { untrustIssuer(id: $id) { deletedId } }', variables: { id: await trustedIssuer(f, f.a.ownerHeaders) } }),
    path: ['untrustIssuer'],
    foreign: async (f) => ({ query: 'mutation($id: ID!) { untrustIssuer(id: $id) { deletedId } }', variables: { id: await trustedIssuer(f, f.b.ownerHeaders) } }),
  },
  'Mutation.deleteTrustedDocument': {
    operation: async (f) => ({ query: 'mutation($id: ID!) { deleteTrustedDocument(id: $id) { deletedId } }', variables: { id: (await registeredDocument(f, f.a.ownerHeaders)).id } }),
    path: ['deleteTrustedDocument'],
    foreign: async (f) => ({ query: 'mutation($id: ID!) { deleteTrustedDocument(id: $id) { deletedId } }', variables: { id: (await registeredDocument(f, f.b.ownerHeaders)).id } }),
  },
  'Mutation.revokeApiKey': {
    operation: async (f) => ({ query: 'mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { id } } }', variables: { id: await f.fresh.userKey() } }),
    path: ['revokeApiKey'],
    foreign: (f) => ({
      query: 'mutation($a: ID!, $b: ID!) { user: revokeApiKey(id: $a) { apiKey { id } } workspace: revokeApiKey(id: $b) { apiKey { id } } }',
      variables: { a: f.b.userKeyId, b: f.b.workspaceKeyId },
    }),
  },
  'Mutation.revokeInvitation': {
    operation: async (f) => ({ query: 'mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id } } }', variables: { id: (await f.fresh.invitation()).id } }),
    path: ['revokeInvitation'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id email status } } }', variables: { id: f.b.invitationId } }),
  },
  'Mutation.resendInvitation': {
    operation: async (f) => ({ query: 'mutation($id: ID!) { resendInvitation(id: $id) { invitation { id } } }', variables: { id: (await f.fresh.invitation()).id } }),
    path: ['resendInvitation'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { resendInvitation(id: $id) { invitation { id email status } } }', variables: { id: f.b.invitationId } }),
  },
  'Mutation.revokeSession': {
    // Only a session token can sign itself out; an API key is refused with BAD_USER_INPUT.
    operation: async (f) => ({ query: 'mutation { revokeSession { user { id } } }', headers: await freshSession(f) }),
    path: ['revokeSession'],
    foreign: () => ({ query: 'mutation { revokeSession { user { id } } }' }),
  },
  'Mutation.rotateApiKey': {
    operation: async (f) => ({ query: 'mutation($id: ID!) { rotateApiKey(id: $id, gracePeriod: 60) { apiKey { id } } }', variables: { id: await f.fresh.userKey() } }),
    path: ['rotateApiKey'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { rotateApiKey(id: $id, gracePeriod: 60) { secret } }', variables: { id: f.b.userKeyId } }),
  },
  'Mutation.updateMe': {
    // A newcomer's session, so no fixture's user is renamed; a key needs keys:write, a workspace key has no user.
    operation: async (f) => {
      const user = await signUp(f.stack, 'Before Rename');
      return { query: 'mutation { updateMe(input: { name: "After Rename" }) { user { id name } } }', headers: { authorization: `Bearer ${user.token}` } };
    },
    path: ['updateMe'],
    foreign: () => ({ query: 'mutation { updateMe(input: {}) { user { id } } }' }),
  },
  'Mutation.updateWorkspace': {
    // In a workspace of its own, so A keeps its name for the suites that follow.
    operation: () => ({ query: `mutation { updateWorkspace(input: { name: "Renamed ${Date.now()}", description: "suite" }) { workspace { id name description } } }` }),
    workspace: (f) => f.fresh.workspace(),
    path: ['updateWorkspace'],
    foreign: () => ({ query: 'mutation { updateWorkspace(input: { description: "suite" }) { workspace { id } } }' }),
  },
  'Mutation.setTrustedDocumentsOnly': {
    // In a workspace of its own: turned on, it would limit every key of A in the suites that follow.
    operation: () => ({ query: 'mutation { setTrustedDocumentsOnly(enabled: true) { workspace { id trustedDocumentsOnly } } }' }),
    workspace: (f) => f.fresh.workspace(),
    path: ['setTrustedDocumentsOnly'],
    foreign: () => ({ query: 'mutation { setTrustedDocumentsOnly(enabled: false) { workspace { id trustedDocumentsOnly } } }' }),
  },
  'Mutation.setWorkspaceRateLimit': {
    // In a workspace of its own: A's budget stays the default for the suites that follow.
    operation: () => ({ query: 'mutation { setWorkspaceRateLimit(points: 2000000) { workspace { id rateLimit } } }' }),
    workspace: (f) => f.fresh.workspace(),
    path: ['setWorkspaceRateLimit'],
    // No id to aim at B: it sets the current workspace's (A's, back to the default) and nothing else.
    foreign: () => ({ query: 'mutation { setWorkspaceRateLimit(points: null) { workspace { id rateLimit } } }' }),
  },
  'Mutation.transferOwnership': {
    // In a workspace of its own: A keeps its owner for the suites that follow.
    operation: () => ({ query: 'mutation($id: ID!) { transferOwnership(id: $id) { member { id } } }', variables: { id: transferTarget } }),
    workspace: workspaceToTransfer,
    path: ['transferOwnership'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { transferOwnership(id: $id) { member { id role { key } } } }', variables: { id: f.b.memberId } }),
  },
  'Mutation.updateContentType': {
    operation: (f) => ({ query: 'mutation($id: ID!) { updateContentType(id: $id, input: { description: "suite" }) { contentType { id } } }', variables: { id: f.a.contentTypeId } }),
    path: ['updateContentType'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { updateContentType(id: $id, input: { name: "Taken over" }) { contentType { id } } }', variables: { id: f.b.contentTypeId } }),
  },
  'Mutation.updateContentField': {
    operation: (f) => ({ query: 'mutation($id: ID!) { updateContentField(id: $id, input: { name: "Heading" }) { contentField { id } } }', variables: { id: f.a.fieldId } }),
    path: ['updateContentField'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { updateContentField(id: $id, input: { name: "Taken over" }) { contentField { id } } }', variables: { id: f.b.fieldId } }),
  },
  'Mutation.updateItem': {
    operation: (f) => ({ query: 'mutation($id: ID!) { updateItem(id: $id, values: { title: "Changed" }) { item { id } } }', variables: { id: f.a.itemId } }),
    path: ['updateItem'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { updateItem(id: $id, values: { title: "Taken over" }) { item { id } } }', variables: { id: f.b.itemId } }),
  },
  'Mutation.updateMember': {
    operation: async (f) => ({
      query: 'mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { member { id } } }',
      variables: { id: (await f.fresh.member()).memberId, input: { roleId: f.a.roleIds.editor } },
    }),
    path: ['updateMember'],
    foreign: (f) => ({
      query:
        'mutation($theirs: ID!, $ours: ID!, $a: UpdateMemberInput!, $b: UpdateMemberInput!) { theirMember: updateMember(id: $theirs, input: $a) { member { id } } theirRole: updateMember(id: $ours, input: $b) { member { id } } }',
      variables: { theirs: f.b.memberId, ours: f.a.memberId, a: { roleId: f.a.roleIds.viewer }, b: { roleId: f.b.customRoleId } },
    }),
  },
  'Mutation.updateMemberGroup': {
    operation: (f) => ({ query: 'mutation($id: ID!) { updateMemberGroup(id: $id, input: { description: "updated" }) { memberGroup { id } } }', variables: { id: f.a.groupId } }),
    path: ['updateMemberGroup'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { updateMemberGroup(id: $id, input: { description: "taken over" }) { memberGroup { id } } }', variables: { id: f.b.groupId } }),
  },
  'Mutation.updateRole': {
    operation: (f) => ({ query: 'mutation($id: ID!) { updateRole(id: $id, input: { name: "Renamed" }) { role { id } } }', variables: { id: f.a.customRoleId } }),
    path: ['updateRole'],
    foreign: (f) => ({ query: 'mutation($id: ID!) { updateRole(id: $id, input: { name: "Taken over" }) { role { id } } }', variables: { id: f.b.customRoleId } }),
  },
};
