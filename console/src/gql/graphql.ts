/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A new group. */
export type CreateMemberGroupInput = {
  /** What the group is for. */
  description?: string | null | undefined;
  /** Name, unique in the workspace, 1 to 100 characters. */
  name: string;
};

/** A new role. */
export type CreateRoleInput = {
  /** Stable identifier, unique in the workspace (`^[a-z][a-z0-9_]*$`). */
  key: string;
  /** Display name, 1 to 100 characters. */
  name: string;
  /** Permissions in the scope vocabulary. */
  permissions: Array<Scope>;
};

/** Credentials to sign in with. */
export type CreateSessionInput = {
  /** Email address of the account. */
  email: string;
  /** Password of the account. */
  password: string;
  /** Workspace the session works in when a request names none. */
  workspaceId?: string | number | null | undefined;
};

/** The kind of credential a request was made with. */
export type CredentialKind =
  /** A Bearer JWT from an identity provider the workspace trusts (trustIssuer): acts for the member whose verified email it carries, with that member's role. */
  | 'JWT'
  /** A session token from createSession or register. */
  | 'SESSION'
  /** A user's API key: acts for its user, within the key's scopes and the user's role. */
  | 'USER_KEY'
  /** A workspace key: acts for no user, in its one workspace, within its own scopes. */
  | 'WORKSPACE_KEY';

/** Where an invitation stands. */
export type InvitationStatus =
  /** Accepted: `acceptedBy` joined the workspace; the token works no more. */
  | 'ACCEPTED'
  /** Not accepted before `expiresAt`; the token works no more. */
  | 'EXPIRED'
  /** Waiting: the user with the invited email, verified, can accept it until `expiresAt`. */
  | 'PENDING'
  /** Revoked before anyone accepted it; the token works no more. */
  | 'REVOKED';

/** Whom to invite, with which role, for how long. */
export type InviteMemberInput = {
  /** Email address of the person invited: the invitation is mailed there, and only the account with this email, verified, can accept it. */
  email: string;
  /** Hours the invitation stays valid: 1 to 720; by default the deployment's INVITATION_TTL_HOURS (168, a week, unless configured). */
  expiresInHours?: number | null | undefined;
  /** Role they get on accepting. You may grant only what you hold (the owner role: only an owner). */
  roleId: string | number;
};

/** A scope of the vocabulary (README "Scopes"). Keys, headers and the requirements closing descriptions spell it `<resource>:<action>` (or `read`, `write`, `delete`); the API spells it as this enum: `items:read` is `ITEMS_READ`, `read` is `READ`. */
export type Scope =
  /** `audit:delete`: delete audit. */
  | 'AUDIT_DELETE'
  /** `audit:read`: read audit. */
  | 'AUDIT_READ'
  /** `audit:write`: write audit. */
  | 'AUDIT_WRITE'
  /** `delete`: delete on every resource but keys (`keys:delete` must be granted by name). */
  | 'DELETE'
  /** `groups:delete`: delete groups. */
  | 'GROUPS_DELETE'
  /** `groups:read`: read groups. */
  | 'GROUPS_READ'
  /** `groups:write`: write groups. */
  | 'GROUPS_WRITE'
  /** `items:delete`: delete items. */
  | 'ITEMS_DELETE'
  /** `items:read`: read items. */
  | 'ITEMS_READ'
  /** `items:write`: write items. */
  | 'ITEMS_WRITE'
  /** `keys:delete`: delete keys. */
  | 'KEYS_DELETE'
  /** `keys:read`: read keys. */
  | 'KEYS_READ'
  /** `keys:write`: write keys. */
  | 'KEYS_WRITE'
  /** `members:delete`: delete members. */
  | 'MEMBERS_DELETE'
  /** `members:read`: read members. */
  | 'MEMBERS_READ'
  /** `members:write`: write members. */
  | 'MEMBERS_WRITE'
  /** `read`: read on every resource but keys (`keys:read` must be granted by name). */
  | 'READ'
  /** `roles:delete`: delete roles. */
  | 'ROLES_DELETE'
  /** `roles:read`: read roles. */
  | 'ROLES_READ'
  /** `roles:write`: write roles. */
  | 'ROLES_WRITE'
  /** `types:delete`: delete types. */
  | 'TYPES_DELETE'
  /** `types:read`: read types. */
  | 'TYPES_READ'
  /** `types:write`: write types. */
  | 'TYPES_WRITE'
  /** `workspaces:delete`: delete workspaces. */
  | 'WORKSPACES_DELETE'
  /** `workspaces:read`: read workspaces. */
  | 'WORKSPACES_READ'
  /** `workspaces:write`: write workspaces. */
  | 'WORKSPACES_WRITE'
  /** `write`: write on every resource but keys (`keys:write` must be granted by name). */
  | 'WRITE';

/** Changes to a group; omitted fields stay as they are. */
export type UpdateMemberGroupInput = {
  /** New description. */
  description?: string | null | undefined;
  /** New name. */
  name?: string | null | undefined;
};

/** A member's new role. */
export type UpdateMemberInput = {
  /** The role the member gets. */
  roleId: string | number;
};

/** Changes to a role; omitted fields stay as they are. */
export type UpdateRoleInput = {
  /** New display name. */
  name?: string | null | undefined;
  /** The complete new set of permissions. */
  permissions?: Array<Scope> | null | undefined;
};

/** Changes to the current workspace; omitted fields stay as they are. */
export type UpdateWorkspaceInput = {
  /** New description, at most 1000 characters; null or blank removes it. */
  description?: string | null | undefined;
  /** New display name, 1 to 100 characters. */
  name?: string | null | undefined;
};

export type GroupsListQueryVariables = Exact<{ [key: string]: never; }>;


export type GroupsListQuery = { memberGroups: { nodes: Array<{ id: string, name: string, description: string | null, members: { nodes: Array<{ id: string, user: { id: string, name: string, email: string } | null }>, pageInfo: { hasNextPage: boolean } } | null }>, pageInfo: { hasNextPage: boolean } } | null };

export type GroupsMembersQueryVariables = Exact<{ [key: string]: never; }>;


export type GroupsMembersQuery = { members: { nodes: Array<{ id: string, user: { id: string, name: string, email: string } | null }> } | null };

export type GroupsCreateMutationVariables = Exact<{
  input: CreateMemberGroupInput;
}>;


export type GroupsCreateMutation = { createMemberGroup: { memberGroup: { id: string, name: string } | null } };

export type GroupsUpdateMutationVariables = Exact<{
  id: string | number;
  input: UpdateMemberGroupInput;
}>;


export type GroupsUpdateMutation = { updateMemberGroup: { memberGroup: { id: string, name: string } | null } };

export type GroupsDeleteMutationVariables = Exact<{
  id: string | number;
}>;


export type GroupsDeleteMutation = { deleteMemberGroup: { deletedId: string } };

export type GroupsAddUsersMutationVariables = Exact<{
  groupId: string | number;
  userIds: Array<string | number> | string | number;
}>;


export type GroupsAddUsersMutation = { addMemberGroupUsers: { memberGroup: { id: string } | null } };

export type GroupsRemoveUsersMutationVariables = Exact<{
  groupId: string | number;
  userIds: Array<string | number> | string | number;
}>;


export type GroupsRemoveUsersMutation = { removeMemberGroupUsers: { memberGroup: { id: string } | null } };

export type MembersListQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type MembersListQuery = { members: { nodes: Array<{ id: string, createdAt: string, user: { id: string, name: string, email: string } | null, role: { id: string, key: string, name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type MembersRolesQueryVariables = Exact<{ [key: string]: never; }>;


export type MembersRolesQuery = { roles: { nodes: Array<{ id: string, key: string, name: string }> } | null };

export type MembersInvitationsQueryVariables = Exact<{ [key: string]: never; }>;


export type MembersInvitationsQuery = { pending: { nodes: Array<{ id: string, email: string, status: InvitationStatus, createdAt: string, expiresAt: string, lastSentAt: string | null, sendCount: number, role: { id: string, name: string } | null, invitedBy: { id: string, name: string } | null }> } | null, expired: { nodes: Array<{ id: string, email: string, status: InvitationStatus, createdAt: string, expiresAt: string, lastSentAt: string | null, sendCount: number, role: { id: string, name: string } | null, invitedBy: { id: string, name: string } | null }> } | null };

export type MembersInvitationFragment = { id: string, email: string, status: InvitationStatus, createdAt: string, expiresAt: string, lastSentAt: string | null, sendCount: number, role: { id: string, name: string } | null, invitedBy: { id: string, name: string } | null };

export type MembersInviteMutationVariables = Exact<{
  input: InviteMemberInput;
}>;


export type MembersInviteMutation = { inviteMember: { invitation: { id: string, email: string, expiresAt: string } | null } };

export type MembersResendInvitationMutationVariables = Exact<{
  id: string | number;
}>;


export type MembersResendInvitationMutation = { resendInvitation: { invitation: { id: string, expiresAt: string } | null } };

export type MembersRevokeInvitationMutationVariables = Exact<{
  id: string | number;
}>;


export type MembersRevokeInvitationMutation = { revokeInvitation: { invitation: { id: string, status: InvitationStatus } | null } };

export type MembersChangeRoleMutationVariables = Exact<{
  id: string | number;
  input: UpdateMemberInput;
}>;


export type MembersChangeRoleMutation = { updateMember: { member: { id: string, role: { id: string, key: string, name: string } | null } | null } };

export type MembersRemoveMutationVariables = Exact<{
  id: string | number;
}>;


export type MembersRemoveMutation = { removeMember: { deletedId: string } };

export type RolesListQueryVariables = Exact<{ [key: string]: never; }>;


export type RolesListQuery = { roles: { nodes: Array<{ id: string, key: string, name: string, builtIn: boolean, permissions: Array<Scope>, memberCount: number }>, pageInfo: { hasNextPage: boolean } } | null };

export type RolesCreateMutationVariables = Exact<{
  input: CreateRoleInput;
}>;


export type RolesCreateMutation = { createRole: { role: { id: string, name: string } | null } };

export type RolesUpdateMutationVariables = Exact<{
  id: string | number;
  input: UpdateRoleInput;
}>;


export type RolesUpdateMutation = { updateRole: { role: { id: string, name: string, permissions: Array<Scope> } | null } };

export type RolesDeleteMutationVariables = Exact<{
  id: string | number;
  replacementRoleId?: string | number | null | undefined;
}>;


export type RolesDeleteMutation = { deleteRole: { deletedId: string } };

export type WorkspaceSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type WorkspaceSettingsQuery = { workspace: { id: string, name: string, description: string | null, createdAt: string, statistics: { members: number, contentTypes: number, items: number, apiKeys: number } | null } | null };

export type WorkspaceDeletionPreviewQueryVariables = Exact<{ [key: string]: never; }>;


export type WorkspaceDeletionPreviewQuery = { workspaceDeletionPreview: { members: number, invitations: number, roles: number, memberGroups: number, apiKeys: number, contentTypes: number, contentFields: number, items: number, requestLogs: number } | null };

export type WorkspaceUpdateMutationVariables = Exact<{
  input: UpdateWorkspaceInput;
}>;


export type WorkspaceUpdateMutation = { updateWorkspace: { workspace: { id: string, name: string, description: string | null } } };

export type WorkspaceDeleteMutationVariables = Exact<{
  confirmName: string;
}>;


export type WorkspaceDeleteMutation = { deleteWorkspace: { deletedId: string } };

export type ConsoleSignInMutationVariables = Exact<{
  input: CreateSessionInput;
}>;


export type ConsoleSignInMutation = { createSession: { token: string, expiresAt: string } };

export type ConsoleWhoAmIQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleWhoAmIQuery = { me: { id: string, name: string, email: string, emailVerified: boolean } | null, workspaces: { nodes: Array<{ id: string, name: string }> } | null };

export type ConsoleSignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type ConsoleSignOutMutation = { revokeSession: { user: { id: string } } };

export type ConsoleViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleViewerQuery = { viewer: { credentialKind: CredentialKind, scopes: Array<Scope>, can: { administerWorkspace: boolean, deleteWorkspace: boolean, createWorkspaces: boolean, manageMembers: boolean, manageRoles: boolean, manageGroups: boolean, createApiKeys: boolean, manageWorkspaceKeys: boolean, editContentTypes: boolean, editContent: boolean, readAuditLog: boolean } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const MembersInvitationFragmentDoc = new TypedDocumentString(`
    fragment MembersInvitation on Invitation {
  id
  email
  status
  createdAt
  expiresAt
  lastSentAt
  sendCount
  role {
    id
    name
  }
  invitedBy {
    id
    name
  }
}
    `, {"fragmentName":"MembersInvitation"}) as unknown as TypedDocumentString<MembersInvitationFragment, unknown>;
export const GroupsListDocument = new TypedDocumentString(`
    query GroupsList {
  memberGroups(first: 30) {
    nodes {
      id
      name
      description
      members(first: 50) {
        nodes {
          id
          user {
            id
            name
            email
          }
        }
        pageInfo {
          hasNextPage
        }
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<GroupsListQuery, GroupsListQueryVariables>;
export const GroupsMembersDocument = new TypedDocumentString(`
    query GroupsMembers {
  members(first: 100) {
    nodes {
      id
      user {
        id
        name
        email
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GroupsMembersQuery, GroupsMembersQueryVariables>;
export const GroupsCreateDocument = new TypedDocumentString(`
    mutation GroupsCreate($input: CreateMemberGroupInput!) {
  createMemberGroup(input: $input) {
    memberGroup {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<GroupsCreateMutation, GroupsCreateMutationVariables>;
export const GroupsUpdateDocument = new TypedDocumentString(`
    mutation GroupsUpdate($id: ID!, $input: UpdateMemberGroupInput!) {
  updateMemberGroup(id: $id, input: $input) {
    memberGroup {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<GroupsUpdateMutation, GroupsUpdateMutationVariables>;
export const GroupsDeleteDocument = new TypedDocumentString(`
    mutation GroupsDelete($id: ID!) {
  deleteMemberGroup(id: $id) {
    deletedId
  }
}
    `) as unknown as TypedDocumentString<GroupsDeleteMutation, GroupsDeleteMutationVariables>;
export const GroupsAddUsersDocument = new TypedDocumentString(`
    mutation GroupsAddUsers($groupId: ID!, $userIds: [ID!]!) {
  addMemberGroupUsers(groupId: $groupId, userIds: $userIds) {
    memberGroup {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<GroupsAddUsersMutation, GroupsAddUsersMutationVariables>;
export const GroupsRemoveUsersDocument = new TypedDocumentString(`
    mutation GroupsRemoveUsers($groupId: ID!, $userIds: [ID!]!) {
  removeMemberGroupUsers(groupId: $groupId, userIds: $userIds) {
    memberGroup {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<GroupsRemoveUsersMutation, GroupsRemoveUsersMutationVariables>;
export const MembersListDocument = new TypedDocumentString(`
    query MembersList($after: String) {
  members(first: 50, after: $after) {
    nodes {
      id
      createdAt
      user {
        id
        name
        email
      }
      role {
        id
        key
        name
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<MembersListQuery, MembersListQueryVariables>;
export const MembersRolesDocument = new TypedDocumentString(`
    query MembersRoles {
  roles(first: 100) {
    nodes {
      id
      key
      name
    }
  }
}
    `) as unknown as TypedDocumentString<MembersRolesQuery, MembersRolesQueryVariables>;
export const MembersInvitationsDocument = new TypedDocumentString(`
    query MembersInvitations {
  pending: invitations(first: 100, filter: {status: PENDING}) {
    nodes {
      ...MembersInvitation
    }
  }
  expired: invitations(first: 100, filter: {status: EXPIRED}) {
    nodes {
      ...MembersInvitation
    }
  }
}
    fragment MembersInvitation on Invitation {
  id
  email
  status
  createdAt
  expiresAt
  lastSentAt
  sendCount
  role {
    id
    name
  }
  invitedBy {
    id
    name
  }
}`) as unknown as TypedDocumentString<MembersInvitationsQuery, MembersInvitationsQueryVariables>;
export const MembersInviteDocument = new TypedDocumentString(`
    mutation MembersInvite($input: InviteMemberInput!) {
  inviteMember(input: $input) {
    invitation {
      id
      email
      expiresAt
    }
  }
}
    `) as unknown as TypedDocumentString<MembersInviteMutation, MembersInviteMutationVariables>;
export const MembersResendInvitationDocument = new TypedDocumentString(`
    mutation MembersResendInvitation($id: ID!) {
  resendInvitation(id: $id) {
    invitation {
      id
      expiresAt
    }
  }
}
    `) as unknown as TypedDocumentString<MembersResendInvitationMutation, MembersResendInvitationMutationVariables>;
export const MembersRevokeInvitationDocument = new TypedDocumentString(`
    mutation MembersRevokeInvitation($id: ID!) {
  revokeInvitation(id: $id) {
    invitation {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<MembersRevokeInvitationMutation, MembersRevokeInvitationMutationVariables>;
export const MembersChangeRoleDocument = new TypedDocumentString(`
    mutation MembersChangeRole($id: ID!, $input: UpdateMemberInput!) {
  updateMember(id: $id, input: $input) {
    member {
      id
      role {
        id
        key
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MembersChangeRoleMutation, MembersChangeRoleMutationVariables>;
export const MembersRemoveDocument = new TypedDocumentString(`
    mutation MembersRemove($id: ID!) {
  removeMember(id: $id) {
    deletedId
  }
}
    `) as unknown as TypedDocumentString<MembersRemoveMutation, MembersRemoveMutationVariables>;
export const RolesListDocument = new TypedDocumentString(`
    query RolesList {
  roles(first: 100) {
    nodes {
      id
      key
      name
      builtIn
      permissions
      memberCount
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<RolesListQuery, RolesListQueryVariables>;
export const RolesCreateDocument = new TypedDocumentString(`
    mutation RolesCreate($input: CreateRoleInput!) {
  createRole(input: $input) {
    role {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<RolesCreateMutation, RolesCreateMutationVariables>;
export const RolesUpdateDocument = new TypedDocumentString(`
    mutation RolesUpdate($id: ID!, $input: UpdateRoleInput!) {
  updateRole(id: $id, input: $input) {
    role {
      id
      name
      permissions
    }
  }
}
    `) as unknown as TypedDocumentString<RolesUpdateMutation, RolesUpdateMutationVariables>;
export const RolesDeleteDocument = new TypedDocumentString(`
    mutation RolesDelete($id: ID!, $replacementRoleId: ID) {
  deleteRole(id: $id, replacementRoleId: $replacementRoleId) {
    deletedId
  }
}
    `) as unknown as TypedDocumentString<RolesDeleteMutation, RolesDeleteMutationVariables>;
export const WorkspaceSettingsDocument = new TypedDocumentString(`
    query WorkspaceSettings {
  workspace {
    id
    name
    description
    createdAt
    statistics {
      members
      contentTypes
      items
      apiKeys
    }
  }
}
    `) as unknown as TypedDocumentString<WorkspaceSettingsQuery, WorkspaceSettingsQueryVariables>;
export const WorkspaceDeletionPreviewDocument = new TypedDocumentString(`
    query WorkspaceDeletionPreview {
  workspaceDeletionPreview {
    members
    invitations
    roles
    memberGroups
    apiKeys
    contentTypes
    contentFields
    items
    requestLogs
  }
}
    `) as unknown as TypedDocumentString<WorkspaceDeletionPreviewQuery, WorkspaceDeletionPreviewQueryVariables>;
export const WorkspaceUpdateDocument = new TypedDocumentString(`
    mutation WorkspaceUpdate($input: UpdateWorkspaceInput!) {
  updateWorkspace(input: $input) {
    workspace {
      id
      name
      description
    }
  }
}
    `) as unknown as TypedDocumentString<WorkspaceUpdateMutation, WorkspaceUpdateMutationVariables>;
export const WorkspaceDeleteDocument = new TypedDocumentString(`
    mutation WorkspaceDelete($confirmName: String!) {
  deleteWorkspace(confirmName: $confirmName) {
    deletedId
  }
}
    `) as unknown as TypedDocumentString<WorkspaceDeleteMutation, WorkspaceDeleteMutationVariables>;
export const ConsoleSignInDocument = new TypedDocumentString(`
    mutation ConsoleSignIn($input: CreateSessionInput!) {
  createSession(input: $input) {
    token
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleSignInMutation, ConsoleSignInMutationVariables>;
export const ConsoleWhoAmIDocument = new TypedDocumentString(`
    query ConsoleWhoAmI {
  me {
    id
    name
    email
    emailVerified
  }
  workspaces(first: 100) {
    nodes {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleWhoAmIQuery, ConsoleWhoAmIQueryVariables>;
export const ConsoleSignOutDocument = new TypedDocumentString(`
    mutation ConsoleSignOut {
  revokeSession {
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSignOutMutation, ConsoleSignOutMutationVariables>;
export const ConsoleViewerDocument = new TypedDocumentString(`
    query ConsoleViewer {
  viewer {
    credentialKind
    scopes
    can {
      administerWorkspace
      deleteWorkspace
      createWorkspaces
      manageMembers
      manageRoles
      manageGroups
      createApiKeys
      manageWorkspaceKeys
      editContentTypes
      editContent
      readAuditLog
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleViewerQuery, ConsoleViewerQueryVariables>;