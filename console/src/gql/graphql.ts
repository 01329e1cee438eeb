/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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