/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A new user key. */
export type CreateApiKeyInput = {
  /** The client name the gateway records the key's requests under (schema usage) when a request carries no `apollographql-client-name` header: 1 to 64 letters, digits, spaces and `. - _ / @ :` (`web`, `ios-app`, `@acme/dashboard`), trimmed. Empty or absent: none. Fixed for the key's life. */
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

export type TourSignInMutationVariables = Exact<{
  input: CreateSessionInput;
}>;


export type TourSignInMutation = { createSession: { token: string } };

export type TourMyWorkspacesQueryVariables = Exact<{ [key: string]: never; }>;


export type TourMyWorkspacesQuery = { workspaces: { nodes: Array<{ id: string }> } | null };

export type TourViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type TourViewerQuery = { viewer: { credentialKind: CredentialKind, scopes: Array<Scope>, user: { name: string } | null, workspace: { id: string, name: string } | null, can: { editContentTypes: boolean, createApiKeys: boolean, readAuditLog: boolean } } };

export type TourContentTypesBackwardsQueryVariables = Exact<{
  last: number;
  before?: string | null | undefined;
}>;


export type TourContentTypesBackwardsQuery = { contentTypes: { totalCount: number, nodes: Array<{ id: string, name: string }>, pageInfo: { hasPreviousPage: boolean, startCursor: string | null } } | null };

export type TourCreateReadKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type TourCreateReadKeyMutation = { createApiKey: { secret: string } };

export type TourWorkspaceAndKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type TourWorkspaceAndKeysQuery = { workspace: { name: string } | null, apiKeys: { totalCount: number } | null };

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

export const TourSignInDocument = new TypedDocumentString(`
    mutation TourSignIn($input: CreateSessionInput!) {
  createSession(input: $input) {
    token
  }
}
    `) as unknown as TypedDocumentString<TourSignInMutation, TourSignInMutationVariables>;
export const TourMyWorkspacesDocument = new TypedDocumentString(`
    query TourMyWorkspaces {
  workspaces(first: 1) {
    nodes {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<TourMyWorkspacesQuery, TourMyWorkspacesQueryVariables>;
export const TourViewerDocument = new TypedDocumentString(`
    query TourViewer {
  viewer {
    credentialKind
    scopes
    user {
      name
    }
    workspace {
      id
      name
    }
    can {
      editContentTypes
      createApiKeys
      readAuditLog
    }
  }
}
    `) as unknown as TypedDocumentString<TourViewerQuery, TourViewerQueryVariables>;
export const TourContentTypesBackwardsDocument = new TypedDocumentString(`
    query TourContentTypesBackwards($last: Int!, $before: String) {
  contentTypes(last: $last, before: $before) {
    totalCount
    nodes {
      id
      name
    }
    pageInfo {
      hasPreviousPage
      startCursor
    }
  }
}
    `) as unknown as TypedDocumentString<TourContentTypesBackwardsQuery, TourContentTypesBackwardsQueryVariables>;
export const TourCreateReadKeyDocument = new TypedDocumentString(`
    mutation TourCreateReadKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
  }
}
    `) as unknown as TypedDocumentString<TourCreateReadKeyMutation, TourCreateReadKeyMutationVariables>;
export const TourWorkspaceAndKeysDocument = new TypedDocumentString(`
    query TourWorkspaceAndKeys {
  workspace {
    name
  }
  apiKeys {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<TourWorkspaceAndKeysQuery, TourWorkspaceAndKeysQueryVariables>;