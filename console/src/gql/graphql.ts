/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Who a key belongs to. */
export type ApiKeyKind =
  /** A user's key: acts as that user in the workspaces it is authorized for. */
  | 'USER'
  /** A workspace's key: no user, one workspace. */
  | 'WORKSPACE';

/** Whether a key works now. */
export type ApiKeyStatus =
  /** Works. */
  | 'ACTIVE'
  /** Past its expiry. */
  | 'EXPIRED'
  /** Revoked, or rotated and past its grace period. */
  | 'REVOKED';

/** What happened, as `<target type>_<verb>`: `API_KEY_CREATED`, `MEMBER_ROLE_CHANGED`, `ITEM_UPDATED`. */
export type AuditAction =
  /** `apiKey.created`. */
  | 'API_KEY_CREATED'
  /** `apiKey.revoked`. */
  | 'API_KEY_REVOKED'
  /** `apiKey.rotated`. */
  | 'API_KEY_ROTATED'
  /** `contentField.created`. */
  | 'CONTENT_FIELD_CREATED'
  /** `contentField.deleted`. */
  | 'CONTENT_FIELD_DELETED'
  /** `contentField.updated`. */
  | 'CONTENT_FIELD_UPDATED'
  /** `contentType.created`. */
  | 'CONTENT_TYPE_CREATED'
  /** `contentType.deleted`. */
  | 'CONTENT_TYPE_DELETED'
  /** `contentType.updated`. */
  | 'CONTENT_TYPE_UPDATED'
  /** `invitation.accepted`. */
  | 'INVITATION_ACCEPTED'
  /** `invitation.created`. */
  | 'INVITATION_CREATED'
  /** `invitation.resent`. */
  | 'INVITATION_RESENT'
  /** `invitation.revoked`. */
  | 'INVITATION_REVOKED'
  /** `item.created`. */
  | 'ITEM_CREATED'
  /** `item.deleted`. */
  | 'ITEM_DELETED'
  /** `item.updated`. */
  | 'ITEM_UPDATED'
  /** `member.added`. */
  | 'MEMBER_ADDED'
  /** `memberGroup.created`. */
  | 'MEMBER_GROUP_CREATED'
  /** `memberGroup.deleted`. */
  | 'MEMBER_GROUP_DELETED'
  /** `memberGroup.updated`. */
  | 'MEMBER_GROUP_UPDATED'
  /** `memberGroup.usersAdded`. */
  | 'MEMBER_GROUP_USERS_ADDED'
  /** `memberGroup.usersRemoved`. */
  | 'MEMBER_GROUP_USERS_REMOVED'
  /** `member.joined`. */
  | 'MEMBER_JOINED'
  /** `member.left`. */
  | 'MEMBER_LEFT'
  /** `member.ownershipGivenAway`. */
  | 'MEMBER_OWNERSHIP_GIVEN_AWAY'
  /** `member.ownershipReceived`. */
  | 'MEMBER_OWNERSHIP_RECEIVED'
  /** `member.removed`. */
  | 'MEMBER_REMOVED'
  /** `member.roleChanged`. */
  | 'MEMBER_ROLE_CHANGED'
  /** `role.created`. */
  | 'ROLE_CREATED'
  /** `role.deleted`. */
  | 'ROLE_DELETED'
  /** `role.permissionAdded`. */
  | 'ROLE_PERMISSION_ADDED'
  /** `role.permissionRemoved`. */
  | 'ROLE_PERMISSION_REMOVED'
  /** `role.updated`. */
  | 'ROLE_UPDATED'
  /** `session.created`. */
  | 'SESSION_CREATED'
  /** `session.revoked`. */
  | 'SESSION_REVOKED'
  /** `trustedDocument.deleted`. */
  | 'TRUSTED_DOCUMENT_DELETED'
  /** `trustedDocument.registered`. */
  | 'TRUSTED_DOCUMENT_REGISTERED'
  /** `trustedIssuer.created`. */
  | 'TRUSTED_ISSUER_CREATED'
  /** `trustedIssuer.deleted`. */
  | 'TRUSTED_ISSUER_DELETED'
  /** `user.emailChanged`. */
  | 'USER_EMAIL_CHANGED'
  /** `user.emailChangeRequested`. */
  | 'USER_EMAIL_CHANGE_REQUESTED'
  /** `user.emailVerified`. */
  | 'USER_EMAIL_VERIFIED'
  /** `user.oidcLinked`. */
  | 'USER_OIDC_LINKED'
  /** `user.passwordChanged`. */
  | 'USER_PASSWORD_CHANGED'
  /** `user.passwordReset`. */
  | 'USER_PASSWORD_RESET'
  /** `user.passwordResetRequested`. */
  | 'USER_PASSWORD_RESET_REQUESTED'
  /** `user.registered`. */
  | 'USER_REGISTERED'
  /** `user.updated`. */
  | 'USER_UPDATED'
  /** `user.verificationRequested`. */
  | 'USER_VERIFICATION_REQUESTED'
  /** `workspace.created`. */
  | 'WORKSPACE_CREATED'
  /** `workspace.deleted`. */
  | 'WORKSPACE_DELETED'
  /** `workspace.updated`. */
  | 'WORKSPACE_UPDATED';

/** Which audit events to list. The time range defaults to the last 24 hours. */
export type AuditEventFilter = {
  /** Only this action, e.g. `API_KEY_CREATED`. */
  action?: AuditAction | null | undefined;
  /** Only changes made by this user, or with this API key. */
  actorId?: string | number | null | undefined;
  /** Created at or after (default: 24 hours ago; at most the retention window back). */
  createdAfter?: string | null | undefined;
  /** Created before (default: now). */
  createdBefore?: string | null | undefined;
  /** Only changes to this record. */
  targetId?: string | number | null | undefined;
  /** Only changes to records of this type, e.g. `ITEM`. */
  targetType?: AuditTargetType | null | undefined;
};

/** The type of record an audit event is about. */
export type AuditTargetType =
  /** A `ApiKey`. */
  | 'API_KEY'
  /** A `ContentField`. */
  | 'CONTENT_FIELD'
  /** A `ContentType`. */
  | 'CONTENT_TYPE'
  /** A `Invitation`. */
  | 'INVITATION'
  /** A `Item`. */
  | 'ITEM'
  /** A `Member`. */
  | 'MEMBER'
  /** A `MemberGroup`. */
  | 'MEMBER_GROUP'
  /** A `Role`. */
  | 'ROLE'
  /** A `Session`. */
  | 'SESSION'
  /** A `TrustedDocument`. */
  | 'TRUSTED_DOCUMENT'
  /** A `TrustedIssuer`. */
  | 'TRUSTED_ISSUER'
  /** A `User`. */
  | 'USER'
  /** A `Workspace`. */
  | 'WORKSPACE';

/** A new user key. */
export type CreateApiKeyInput = {
  /** The client name the gateway records the key's requests under (schema usage) when a request carries no `apollographql-client-name` header: 1 to 64 characters, of letters (A-Z, a-z), digits, spaces and `. - _ / @ :` (`web`, `ios-app`, `@acme/dashboard`), trimmed. Empty or absent: none. Fixed for the key's life. */
  client?: string | null | undefined;
  /** What the key is for, 1 to 200 characters. */
  description: string;
  /** How long the key lives. */
  expiresIn: KeyExpiry;
  /** The key's own budget in points per rate-limit window, from 1 to the deployment's ceiling (RATE_LIMIT_MAX_POINTS). It only lowers the budget: the key never gets more than the workspace it acts in. Default: the workspace's budget. Fixed for the key's life. */
  rateLimit?: number | null | undefined;
  /** Scopes: `READ`, `WRITE`, `DELETE` (every resource but keys) or one per resource and action (`ITEMS_READ`). `KEYS_*` must be named. */
  scopes: Array<Scope>;
  /** True limits the key to trusted documents (registered operations) of the workspace it acts in, even where the workspace accepts any; default false. Fixed for the key's life. */
  trustedDocumentsOnly?: boolean | null | undefined;
  /** Workspaces the key may act in; you must be a member of each. */
  workspaceIds: Array<string | number>;
};

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

/** A new key of the current workspace, with no user. */
export type CreateWorkspaceKeyInput = {
  /** The client name the gateway records the key's requests under (schema usage) when a request carries no `apollographql-client-name` header: 1 to 64 characters, of letters (A-Z, a-z), digits, spaces and `. - _ / @ :` (`web`, `ios-app`, `@acme/dashboard`), trimmed. Empty or absent: none. Fixed for the key's life. */
  client?: string | null | undefined;
  /** What the key is for, 1 to 200 characters. */
  description: string;
  /** How long the key lives. */
  expiresIn: KeyExpiry;
  /** The key's own budget in points per rate-limit window, from 1 to the deployment's ceiling (RATE_LIMIT_MAX_POINTS). It only lowers the budget: the key never gets more than the workspace it acts in. Default: the workspace's budget. Fixed for the key's life. */
  rateLimit?: number | null | undefined;
  /** Scopes, within your own permissions in the workspace. */
  scopes: Array<Scope>;
  /** True limits the key to trusted documents (registered operations) of the workspace it acts in, even where the workspace accepts any; default false. Fixed for the key's life. */
  trustedDocumentsOnly?: boolean | null | undefined;
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

/** How long a new key lives. The deployment may cap it (API_KEY_MAX_EXPIRY). */
export type KeyExpiry =
  /** Does not expire. */
  | 'NEVER'
  /** 30 days. */
  | 'ONE_MONTH'
  /** 365 days. */
  | 'ONE_YEAR'
  /** 180 days. */
  | 'SIX_MONTHS'
  /** 90 days. */
  | 'THREE_MONTHS'
  /** 60 days. */
  | 'TWO_MONTHS'
  /** 730 days. */
  | 'TWO_YEARS';

/** The kind of GraphQL operation a request ran. */
export type OperationType =
  /** A mutation. */
  | 'MUTATION'
  /** A query. */
  | 'QUERY'
  /** A subscription. */
  | 'SUBSCRIPTION';

/** A new account. */
export type RegisterInput = {
  /** Email address to sign in with. */
  email: string;
  /** Display name. */
  name: string;
  /** At least 12 characters. */
  password: string;
};

/** Which request logs to list. The time range defaults to the last 24 hours. */
export type RequestLogFilter = {
  /** Only requests made with this API key. */
  apiKeyId?: string | number | null | undefined;
  /** Created at or after (default: 24 hours ago; at most the retention window back). */
  createdAfter?: string | null | undefined;
  /** Created before (default: now). */
  createdBefore?: string | null | undefined;
  /** Only your own requests (made as your user: with your keys and sessions; a workspace key: its own), even with `audit:read`. Without `audit:read` you see only your own anyway. */
  mine?: boolean | null | undefined;
  /** Only this operation name. */
  operationName?: string | null | undefined;
  /** Only requests with this outcome (`OK`, or an error code the response carried, e.g. `INSUFFICIENT_SCOPE`). */
  outcome?: RequestOutcome | null | undefined;
};

/** How a request ended: `OK`, or one of the error codes of its response (docs/errors.md), or how the HTTP exchange failed. */
export type RequestOutcome =
  /** The response carried `ALIAS_LIMIT_EXCEEDED` (docs/errors.md). */
  | 'ALIAS_LIMIT_EXCEEDED'
  /** The response carried `BAD_REQUEST` (docs/errors.md). */
  | 'BAD_REQUEST'
  /** The response carried `BAD_USER_INPUT` (docs/errors.md). */
  | 'BAD_USER_INPUT'
  /** The client hung up before its answer was complete. */
  | 'CLIENT_CLOSED'
  /** The response carried `COST_LIMIT_EXCEEDED` (docs/errors.md). */
  | 'COST_LIMIT_EXCEEDED'
  /** The response carried `DEPTH_LIMIT_EXCEEDED` (docs/errors.md). */
  | 'DEPTH_LIMIT_EXCEEDED'
  /** The response carried `DIRECTIVE_LIMIT_EXCEEDED` (docs/errors.md). */
  | 'DIRECTIVE_LIMIT_EXCEEDED'
  /** The response carried `DOCUMENT_TOO_LARGE` (docs/errors.md). */
  | 'DOCUMENT_TOO_LARGE'
  /** The response carried `EMAIL_NOT_VERIFIED` (docs/errors.md). */
  | 'EMAIL_NOT_VERIFIED'
  /** The response carried `FORBIDDEN` (docs/errors.md). */
  | 'FORBIDDEN'
  /** The response carried `GRAPHQL_PARSE_FAILED` (docs/errors.md). */
  | 'GRAPHQL_PARSE_FAILED'
  /** The response carried `GRAPHQL_VALIDATION_FAILED` (docs/errors.md). */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** An HTTP error status without an error code (such as 408): `httpStatus` says which. */
  | 'HTTP_ERROR'
  /** The response carried `INSUFFICIENT_SCOPE` (docs/errors.md). */
  | 'INSUFFICIENT_SCOPE'
  /** The response carried `INTERNAL_SERVER_ERROR` (docs/errors.md). */
  | 'INTERNAL_SERVER_ERROR'
  /** The response carried `INVALID_TOKEN` (docs/errors.md). */
  | 'INVALID_TOKEN'
  /** The response carried `NOT_FOUND` (docs/errors.md). */
  | 'NOT_FOUND'
  /** The response carried no error. */
  | 'OK'
  /** The response carried `OPERATION_NOT_ALLOWED` (docs/errors.md). */
  | 'OPERATION_NOT_ALLOWED'
  /** The response carried `OPERATION_RESOLUTION_FAILURE` (docs/errors.md). */
  | 'OPERATION_RESOLUTION_FAILURE'
  /** The response carried `PAYLOAD_TOO_LARGE` (docs/errors.md). */
  | 'PAYLOAD_TOO_LARGE'
  /** The response carried `PERSISTED_QUERY_NOT_FOUND` (docs/errors.md). */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** The response carried `PERSISTED_QUERY_NOT_SUPPORTED` (docs/errors.md). */
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  /** The response carried `RATE_LIMITED` (docs/errors.md). */
  | 'RATE_LIMITED'
  /** The response carried `ROOT_FIELD_LIMIT_EXCEEDED` (docs/errors.md). */
  | 'ROOT_FIELD_LIMIT_EXCEEDED'
  /** The response carried `SERVICE_UNAVAILABLE` (docs/errors.md). */
  | 'SERVICE_UNAVAILABLE'
  /** The response carried `SUBGRAPH_UNAVAILABLE` (docs/errors.md). */
  | 'SUBGRAPH_UNAVAILABLE'
  /** The response carried `TOKEN_LIMIT_EXCEEDED` (docs/errors.md). */
  | 'TOKEN_LIMIT_EXCEEDED'
  /** The response carried `UNAUTHENTICATED` (docs/errors.md). */
  | 'UNAUTHENTICATED'
  /** An error whose code is not one of these. */
  | 'UNKNOWN'
  /** The response carried `VARIABLES_LIMIT_EXCEEDED` (docs/errors.md). */
  | 'VARIABLES_LIMIT_EXCEEDED'
  /** The response carried `WORKSPACE_REQUIRED` (docs/errors.md). */
  | 'WORKSPACE_REQUIRED';

/** What a schema coordinate names. */
export type SchemaCoordinateKind =
  /** An argument of a field (`Query.items(first:)`). */
  | 'ARGUMENT'
  /** A value of an enum (`OperationType.QUERY`). */
  | 'ENUM_VALUE'
  /** A field of an object or interface type (`Item.title`). */
  | 'FIELD'
  /** A field of an input type (`ItemFilter.createdAfter`). */
  | 'INPUT_FIELD'
  /** A type (`Item`). */
  | 'TYPE';

/** Whose requests a usage answer counts. */
export type SchemaUsageScope =
  /** Every workspace's requests, and those made without a workspace (the operators' workspace, `OPERATOR_WORKSPACE_ID`, reads these). */
  | 'DEPLOYMENT'
  /** The current workspace's requests only. */
  | 'WORKSPACE';

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

/** The width of one bucket of `requestLogVolume`. */
export type VolumeInterval =
  /** One bucket per day, midnight to midnight in the time zone asked for. */
  | 'DAY'
  /** One bucket per hour (of the time zone asked for). */
  | 'HOUR'
  /** One bucket per minute. */
  | 'MINUTE';

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

export type SchemaUsageQueryVariables = Exact<{
  coordinate: string;
  from?: string | null | undefined;
}>;


export type SchemaUsageQuery = { schemaUsage: { coordinate: string, from: string, to: string, scope: SchemaUsageScope, requests: number, lastSeen: string | null, clients: Array<{ name: string | null, version: string | null, requests: number, lastSeen: string }>, operations: Array<{ documentHash: string, name: string | null, type: OperationType, requests: number, lastSeen: string, clients: Array<{ name: string | null, version: string | null, requests: number }> }> } | null };

export type SchemaUsageScopeQueryVariables = Exact<{
  from?: string | null | undefined;
}>;


export type SchemaUsageScopeQuery = { schemaUsage: { scope: SchemaUsageScope } | null };

export type SchemaUsageUnusedQueryVariables = Exact<{
  days?: number | null | undefined;
  kinds?: Array<SchemaCoordinateKind> | SchemaCoordinateKind | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SchemaUsageUnusedQuery = { unusedFields: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ coordinate: string, kind: SchemaCoordinateKind, deprecationReason: string | null }> } | null };

export type SignInRegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type SignInRegisterMutation = { register: { token: string, user: { id: string, name: string, email: string } } };

export type SignInRequestPasswordResetMutationVariables = Exact<{
  email: string;
}>;


export type SignInRequestPasswordResetMutation = { requestPasswordReset: { email: string } };

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

export type AuditTrailEventFragment = { id: string, createdAt: string, action: AuditAction, targetType: AuditTargetType, targetId: string, credentialKind: CredentialKind | null, correlationId: string | null, actor: { id: string, name: string, email: string } | null, workspace: { id: string, name: string } | null, changes: Array<{ field: string, old: unknown, new: unknown, valuesHidden: boolean }> };

export type AuditTrailWorkspaceEventsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: AuditEventFilter | null | undefined;
}>;


export type AuditTrailWorkspaceEventsQuery = { auditEvents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, createdAt: string, action: AuditAction, targetType: AuditTargetType, targetId: string, credentialKind: CredentialKind | null, correlationId: string | null, actor: { id: string, name: string, email: string } | null, workspace: { id: string, name: string } | null, changes: Array<{ field: string, old: unknown, new: unknown, valuesHidden: boolean }> }> } | null };

export type AuditTrailMyEventsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: AuditEventFilter | null | undefined;
}>;


export type AuditTrailMyEventsQuery = { me: { id: string, auditEvents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, createdAt: string, action: AuditAction, targetType: AuditTargetType, targetId: string, credentialKind: CredentialKind | null, correlationId: string | null, actor: { id: string, name: string, email: string } | null, workspace: { id: string, name: string } | null, changes: Array<{ field: string, old: unknown, new: unknown, valuesHidden: boolean }> }> } | null } | null };

export type RequestLogsKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type RequestLogsKeysQuery = { apiKeys: { nodes: Array<{ id: string, description: string, hint: string, status: ApiKeyStatus }> } | null };

export type RequestLogsPageQueryVariables = Exact<{
  filter?: RequestLogFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RequestLogsPageQuery = { requestLogs: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, createdAt: string, operationName: string | null, operationType: OperationType | null, outcome: Array<RequestOutcome>, httpStatus: number, durationMs: number, clientIp: string | null, correlationId: string }> } | null };

export type RequestLogsVolumeQueryVariables = Exact<{
  filter?: RequestLogFilter | null | undefined;
  interval?: VolumeInterval | null | undefined;
  timeZone?: string | null | undefined;
}>;


export type RequestLogsVolumeQuery = { requestLogVolume: Array<{ start: string, requests: number, errors: number }> | null };

export type TokensKeyFieldsFragment = { id: string, kind: ApiKeyKind, description: string, client: string | null, hint: string, scopes: Array<Scope>, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, status: ApiKeyStatus, workspaces: Array<{ id: string, name: string }>, rotatedFrom: { id: string, hint: string } | null, rotatedTo: { id: string, hint: string } | null };

export type TokensListQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type TokensListQuery = { apiKeys: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, kind: ApiKeyKind, description: string, client: string | null, hint: string, scopes: Array<Scope>, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, status: ApiKeyStatus, workspaces: Array<{ id: string, name: string }>, rotatedFrom: { id: string, hint: string } | null, rotatedTo: { id: string, hint: string } | null }> } | null };

export type TokensWorkspaceKeysQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type TokensWorkspaceKeysQuery = { workspace: { id: string, name: string, apiKeys: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, kind: ApiKeyKind, description: string, client: string | null, hint: string, scopes: Array<Scope>, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, status: ApiKeyStatus, workspaces: Array<{ id: string, name: string }>, rotatedFrom: { id: string, hint: string } | null, rotatedTo: { id: string, hint: string } | null }> } | null } | null };

export type TokensCreateMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type TokensCreateMutation = { createApiKey: { secret: string, apiKey: { id: string, hint: string } | null } };

export type TokensCreateWorkspaceKeyMutationVariables = Exact<{
  input: CreateWorkspaceKeyInput;
}>;


export type TokensCreateWorkspaceKeyMutation = { createWorkspaceKey: { secret: string, apiKey: { id: string, hint: string } | null } };

export type TokensRotateMutationVariables = Exact<{
  id: string | number;
  gracePeriod: number;
}>;


export type TokensRotateMutation = { rotateApiKey: { secret: string, apiKey: { id: string, hint: string } | null } };

export type TokensRevokeMutationVariables = Exact<{
  id: string | number;
}>;


export type TokensRevokeMutation = { revokeApiKey: { apiKey: { id: string, status: ApiKeyStatus } | null } };

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
export const AuditTrailEventFragmentDoc = new TypedDocumentString(`
    fragment AuditTrailEvent on AuditEvent {
  id
  createdAt
  action
  targetType
  targetId
  credentialKind
  correlationId
  actor {
    id
    name
    email
  }
  workspace {
    id
    name
  }
  changes {
    field
    old
    new
    valuesHidden
  }
}
    `, {"fragmentName":"AuditTrailEvent"}) as unknown as TypedDocumentString<AuditTrailEventFragment, unknown>;
export const TokensKeyFieldsFragmentDoc = new TypedDocumentString(`
    fragment TokensKeyFields on ApiKey {
  id
  kind
  description
  client
  hint
  scopes
  createdAt
  expiresAt
  lastUsedAt
  status
  workspaces {
    id
    name
  }
  rotatedFrom {
    id
    hint
  }
  rotatedTo {
    id
    hint
  }
}
    `, {"fragmentName":"TokensKeyFields"}) as unknown as TypedDocumentString<TokensKeyFieldsFragment, unknown>;
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
export const SchemaUsageDocument = new TypedDocumentString(`
    query SchemaUsage($coordinate: String!, $from: DateTime) {
  schemaUsage(coordinate: $coordinate, from: $from) {
    coordinate
    from
    to
    scope
    requests
    lastSeen
    clients {
      name
      version
      requests
      lastSeen
    }
    operations {
      documentHash
      name
      type
      requests
      lastSeen
      clients {
        name
        version
        requests
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SchemaUsageQuery, SchemaUsageQueryVariables>;
export const SchemaUsageScopeDocument = new TypedDocumentString(`
    query SchemaUsageScope($from: DateTime) {
  schemaUsage(coordinate: "Query", from: $from) {
    scope
  }
}
    `) as unknown as TypedDocumentString<SchemaUsageScopeQuery, SchemaUsageScopeQueryVariables>;
export const SchemaUsageUnusedDocument = new TypedDocumentString(`
    query SchemaUsageUnused($days: Int, $kinds: [SchemaCoordinateKind!], $first: Int, $after: String) {
  unusedFields(days: $days, kinds: $kinds, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      coordinate
      kind
      deprecationReason
    }
  }
}
    `) as unknown as TypedDocumentString<SchemaUsageUnusedQuery, SchemaUsageUnusedQueryVariables>;
export const SignInRegisterDocument = new TypedDocumentString(`
    mutation SignInRegister($input: RegisterInput!) {
  register(input: $input) {
    token
    user {
      id
      name
      email
    }
  }
}
    `) as unknown as TypedDocumentString<SignInRegisterMutation, SignInRegisterMutationVariables>;
export const SignInRequestPasswordResetDocument = new TypedDocumentString(`
    mutation SignInRequestPasswordReset($email: String!) {
  requestPasswordReset(email: $email) {
    email
  }
}
    `) as unknown as TypedDocumentString<SignInRequestPasswordResetMutation, SignInRequestPasswordResetMutationVariables>;
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
export const AuditTrailWorkspaceEventsDocument = new TypedDocumentString(`
    query AuditTrailWorkspaceEvents($first: Int!, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...AuditTrailEvent
    }
  }
}
    fragment AuditTrailEvent on AuditEvent {
  id
  createdAt
  action
  targetType
  targetId
  credentialKind
  correlationId
  actor {
    id
    name
    email
  }
  workspace {
    id
    name
  }
  changes {
    field
    old
    new
    valuesHidden
  }
}`) as unknown as TypedDocumentString<AuditTrailWorkspaceEventsQuery, AuditTrailWorkspaceEventsQueryVariables>;
export const AuditTrailMyEventsDocument = new TypedDocumentString(`
    query AuditTrailMyEvents($first: Int!, $after: String, $filter: AuditEventFilter) {
  me {
    id
    auditEvents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...AuditTrailEvent
      }
    }
  }
}
    fragment AuditTrailEvent on AuditEvent {
  id
  createdAt
  action
  targetType
  targetId
  credentialKind
  correlationId
  actor {
    id
    name
    email
  }
  workspace {
    id
    name
  }
  changes {
    field
    old
    new
    valuesHidden
  }
}`) as unknown as TypedDocumentString<AuditTrailMyEventsQuery, AuditTrailMyEventsQueryVariables>;
export const RequestLogsKeysDocument = new TypedDocumentString(`
    query RequestLogsKeys {
  apiKeys(first: 100) {
    nodes {
      id
      description
      hint
      status
    }
  }
}
    `) as unknown as TypedDocumentString<RequestLogsKeysQuery, RequestLogsKeysQueryVariables>;
export const RequestLogsPageDocument = new TypedDocumentString(`
    query RequestLogsPage($filter: RequestLogFilter, $first: Int, $after: String) {
  requestLogs(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      createdAt
      operationName
      operationType
      outcome
      httpStatus
      durationMs
      clientIp
      correlationId
    }
  }
}
    `) as unknown as TypedDocumentString<RequestLogsPageQuery, RequestLogsPageQueryVariables>;
export const RequestLogsVolumeDocument = new TypedDocumentString(`
    query RequestLogsVolume($filter: RequestLogFilter, $interval: VolumeInterval, $timeZone: String) {
  requestLogVolume(filter: $filter, interval: $interval, timeZone: $timeZone) {
    start
    requests
    errors
  }
}
    `) as unknown as TypedDocumentString<RequestLogsVolumeQuery, RequestLogsVolumeQueryVariables>;
export const TokensListDocument = new TypedDocumentString(`
    query TokensList($first: Int!, $after: String) {
  apiKeys(
    first: $first
    after: $after
    orderBy: {by: CREATED_AT, direction: DESC}
    filter: {owner: ME}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...TokensKeyFields
    }
  }
}
    fragment TokensKeyFields on ApiKey {
  id
  kind
  description
  client
  hint
  scopes
  createdAt
  expiresAt
  lastUsedAt
  status
  workspaces {
    id
    name
  }
  rotatedFrom {
    id
    hint
  }
  rotatedTo {
    id
    hint
  }
}`) as unknown as TypedDocumentString<TokensListQuery, TokensListQueryVariables>;
export const TokensWorkspaceKeysDocument = new TypedDocumentString(`
    query TokensWorkspaceKeys($first: Int!, $after: String) {
  workspace {
    id
    name
    apiKeys(
      first: $first
      after: $after
      orderBy: {by: CREATED_AT, direction: DESC}
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...TokensKeyFields
      }
    }
  }
}
    fragment TokensKeyFields on ApiKey {
  id
  kind
  description
  client
  hint
  scopes
  createdAt
  expiresAt
  lastUsedAt
  status
  workspaces {
    id
    name
  }
  rotatedFrom {
    id
    hint
  }
  rotatedTo {
    id
    hint
  }
}`) as unknown as TypedDocumentString<TokensWorkspaceKeysQuery, TokensWorkspaceKeysQueryVariables>;
export const TokensCreateDocument = new TypedDocumentString(`
    mutation TokensCreate($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey {
      id
      hint
    }
  }
}
    `) as unknown as TypedDocumentString<TokensCreateMutation, TokensCreateMutationVariables>;
export const TokensCreateWorkspaceKeyDocument = new TypedDocumentString(`
    mutation TokensCreateWorkspaceKey($input: CreateWorkspaceKeyInput!) {
  createWorkspaceKey(input: $input) {
    secret
    apiKey {
      id
      hint
    }
  }
}
    `) as unknown as TypedDocumentString<TokensCreateWorkspaceKeyMutation, TokensCreateWorkspaceKeyMutationVariables>;
export const TokensRotateDocument = new TypedDocumentString(`
    mutation TokensRotate($id: ID!, $gracePeriod: Int!) {
  rotateApiKey(id: $id, gracePeriod: $gracePeriod) {
    secret
    apiKey {
      id
      hint
    }
  }
}
    `) as unknown as TypedDocumentString<TokensRotateMutation, TokensRotateMutationVariables>;
export const TokensRevokeDocument = new TypedDocumentString(`
    mutation TokensRevoke($id: ID!) {
  revokeApiKey(id: $id) {
    apiKey {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<TokensRevokeMutation, TokensRevokeMutationVariables>;
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