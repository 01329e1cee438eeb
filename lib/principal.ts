// The principal: who is calling, in which workspace, with which effective scopes. The
// gateway gets it from identity's internal lookup and forwards it, signed, to every
// subgraph. This file is the contract between the gateway and identity.

/** `jwt`: a Bearer JWT from an issuer the workspace trusts (lib/trusted-issuers.ts), acting for the user whose verified email it carries. */
export type CredentialKind = 'user_key' | 'workspace_key' | 'session' | 'jwt';

export interface Principal {
  /** `anonymous` only ever reaches the root fields marked @public (register, createSession). */
  readonly kind: CredentialKind | 'anonymous';
  readonly userId?: string;
  /** Set for both key kinds. */
  readonly keyId?: string;
  readonly sessionId?: string;
  /** The workspace the request works in: the header's, or the only one the credential may use. */
  readonly workspaceId?: string;
  /**
   * Effective fine scopes. In a workspace: credential scopes ∩ the user's role permissions
   * there (a workspace key: its own scopes). Without one: the credential's own scopes.
   */
  readonly scopes: readonly string[];
  /** Workspaces this credential may act in right now (a user key: authorized ∩ still a member). */
  readonly workspaceIds: readonly string[];
  /**
   * Trusted-documents mode: the gateway runs only documents registered for the workspace
   * (lib/trusted-documents.ts). Identity sets it for a key whose own flag is set or whose
   * workspace's is; never for a session. Absent means false (principals made elsewhere:
   * anonymous, tests, scripts).
   */
  readonly trustedDocumentsOnly?: boolean;
  /**
   * Budget overrides set in identity, in points per window (see gateway/rate-limits/):
   * the workspace's budget replaces the deployment default of the credential's kind, and a
   * key's own budget can only lower it. Absent: the default. Identity sets it; the gateway
   * charges against it.
   */
  readonly budget?: BudgetOverrides;
  /**
   * The client a key was created with (ApiKey.client, valid per lib/client-name.ts): the
   * name the gateway records the request under when it carries no `apollographql-client-name`
   * header. Only keys have one; absent for sessions, JWTs and keys created without.
   */
  readonly clientName?: string;
  /**
   * Where the credential's budget stands after this request (set by the gateway's
   * rate-limit step, per request, never cached): what the `rateLimit` field answers.
   */
  readonly rateLimit?: RateLimitState;
  /**
   * The client's address, as the gateway read it (through TRUSTED_PROXIES). The gateway adds
   * it to the copy it signs for one subgraph request, never to a cached principal, so a
   * client cannot choose it; identity throttles sign-ins by it. Absent on the services' own
   * calls, and when the gateway could not tell.
   */
  readonly clientIp?: string;
}

export interface BudgetOverrides {
  /** The budget of the workspace the request acts in, when its owners set one. */
  readonly workspacePoints?: number;
  /** The key's own budget, when it was created with one. */
  readonly keyPoints?: number;
}

export interface RateLimitState {
  /** The credential's budget: points per window. */
  readonly limit: number;
  /** Points this request was charged (0 for a request that only reads `rateLimit`). */
  readonly cost: number;
  /** Points left in the window after this request. */
  readonly remaining: number;
  /** ISO time the window ends and the budget is whole again. */
  readonly resetAt: string;
}

export const ANONYMOUS_PRINCIPAL: Principal = { kind: 'anonymous', scopes: [], workspaceIds: [] };

export type LookupFailureReason = 'UNKNOWN' | 'EXPIRED' | 'REVOKED' | 'WORKSPACE_NOT_AUTHORIZED' | 'NOT_A_MEMBER';

export interface PrincipalLookupRequest {
  /** SHA-256 hex of the presented secret; the secret itself never leaves the gateway. */
  readonly credentialHash: string;
  readonly credentialKind: CredentialKind;
  /** The x-workspace-id header, when given. */
  readonly workspaceId?: string;
}

export type PrincipalLookupResult =
  | {
      readonly ok: true;
      readonly principal: Principal;
      /** ISO time after which the answer must not be reused (credential expiry or grace end). */
      readonly validUntil?: string;
    }
  | { readonly ok: false; readonly reason: LookupFailureReason };

export interface KeyUsageReport {
  /** Key id → ISO time it was last used. */
  readonly lastUsed: Readonly<Record<string, string>>;
}

/** Identity's internal endpoints: not GraphQL, callable only with the gateway's signature. */
export const PRINCIPAL_LOOKUP_PATH = '/internal/principal';
export const KEY_USAGE_PATH = '/internal/key-usage';

/**
 * PostgreSQL NOTIFY channel on which identity announces changes that alter principals
 * (key revoked or rotated, member removed, role changed). Payload: a JSON
 * `PrincipalInvalidation`. Every gateway hears it, within a second.
 */
export const INVALIDATION_CHANNEL = 'atrium_principal_invalidation';

/** Whose cached principals to drop; a principal matching any one of the lists goes. */
export interface PrincipalInvalidation {
  readonly keyIds?: readonly string[];
  readonly userIds?: readonly string[];
  readonly sessionIds?: readonly string[];
  readonly workspaceIds?: readonly string[];
}

/**
 * Response extension in which identity also lists what a GraphQL request of its own
 * invalidated (`PrincipalInvalidation[]`), so that the gateway that sent the request drops
 * those principals before it answers: read-your-writes, without waiting for the NOTIFY.
 * The gateway removes it; clients never see it.
 */
export const INVALIDATIONS_EXTENSION = 'atriumInvalidations';

/** The invalidations in a response's extensions; anything malformed counts as none. */
export function invalidationsIn(extensions: Readonly<Record<string, unknown>> | undefined): PrincipalInvalidation[] {
  const listed = extensions?.[INVALIDATIONS_EXTENSION];
  if (!Array.isArray(listed)) return [];
  const ids = (value: unknown) => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);
  return listed
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .map((item) => ({ keyIds: ids(item.keyIds), userIds: ids(item.userIds), sessionIds: ids(item.sessionIds), workspaceIds: ids(item.workspaceIds) }));
}

/** Identity's internal membership check: `{ workspaceId, userIds }` → `{ members }` (the ids that are members). */
export const MEMBERS_PATH = '/internal/members';
