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

/** A new user key. */
export type CreateApiKeyInput = {
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

export type TokensKeyFieldsFragment = { id: string, kind: ApiKeyKind, description: string, hint: string, scopes: Array<Scope>, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, status: ApiKeyStatus, workspaces: Array<{ id: string, name: string }>, rotatedFrom: { id: string, hint: string } | null, rotatedTo: { id: string, hint: string } | null };

export type TokensListQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type TokensListQuery = { apiKeys: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, kind: ApiKeyKind, description: string, hint: string, scopes: Array<Scope>, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, status: ApiKeyStatus, workspaces: Array<{ id: string, name: string }>, rotatedFrom: { id: string, hint: string } | null, rotatedTo: { id: string, hint: string } | null }> } | null };

export type TokensWorkspaceKeysQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type TokensWorkspaceKeysQuery = { workspace: { id: string, name: string, apiKeys: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, kind: ApiKeyKind, description: string, hint: string, scopes: Array<Scope>, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, status: ApiKeyStatus, workspaces: Array<{ id: string, name: string }>, rotatedFrom: { id: string, hint: string } | null, rotatedTo: { id: string, hint: string } | null }> } | null } | null };

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
export const TokensKeyFieldsFragmentDoc = new TypedDocumentString(`
    fragment TokensKeyFields on ApiKey {
  id
  kind
  description
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