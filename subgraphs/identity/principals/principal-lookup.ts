// Identity's internal principal lookup, called by the gateway (signature checked before
// this runs): credential hash + requested workspace → principal, or why not.
import { hashesEqual } from '../../../lib/api-key-format.js';
import { isId } from '../../../lib/ids.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { CredentialKind, LookupFailureReason, Principal, PrincipalLookupRequest, PrincipalLookupResult } from '../../../lib/principal.js';
import { FINE_SCOPES, expandScopes, intersectScopes } from '../../../lib/scopes.js';
import { ApiKey } from '../api-keys/api-key.entity.js';
import { ApiKeyKind } from '../api-keys/api-key.enums.js';
import { membershipsOf } from '../members/membership.repository.js';
import { Session } from '../sessions/session.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';

/** What a principal takes from the workspace it acts in: one read, by primary key. */
type WorkspacePolicy = Pick<Workspace, 'trustedDocumentsOnly' | 'rateLimit'>;

async function workspacePolicy(em: SubgraphEntityManager, workspaceId: string | undefined): Promise<WorkspacePolicy | null> {
  if (workspaceId === undefined) return null;
  return em.findOne(Workspace, { id: workspaceId }, { fields: ['trustedDocumentsOnly', 'rateLimit'] });
}

/**
 * Whether a key runs only trusted documents: its own flag, or that of the workspace it acts
 * in. Sessions are never limited by the workspace's flag: they are people at the console or
 * the playground, and an admin must always be able to manage the workspace (turning the mode
 * off included) without registering the console's operations first.
 */
function keyTrustedDocumentsOnly(key: ApiKey, workspace: WorkspacePolicy | null): boolean {
  return key.trustedDocumentsOnly || workspace?.trustedDocumentsOnly === true;
}

/**
 * The budget overrides the gateway charges against: the workspace's and the key's own
 * (the gateway takes the lower, the workspace's standing in for the default). Absent when
 * neither is set, so that most principals carry nothing more.
 */
function budgetOverrides(workspace: WorkspacePolicy | null, key?: ApiKey): Pick<Principal, 'budget'> {
  const workspacePoints = workspace?.rateLimit ?? undefined;
  const keyPoints = key?.rateLimit ?? undefined;
  if (workspacePoints === undefined && keyPoints === undefined) return {};
  return { budget: { ...(workspacePoints !== undefined ? { workspacePoints } : {}), ...(keyPoints !== undefined ? { keyPoints } : {}) } };
}

/** The key's client name (schema usage), absent when it has none, so that most principals carry nothing more. */
function clientOf(key: ApiKey): Pick<Principal, 'clientName'> {
  return key.client ? { clientName: key.client } : {};
}

const CREDENTIAL_KINDS = new Set<CredentialKind>(['user_key', 'workspace_key', 'session']);

function refuse(reason: LookupFailureReason): PrincipalLookupResult {
  return { ok: false, reason };
}

export function parseLookupRequest(body: unknown): PrincipalLookupRequest | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { credentialHash, credentialKind, workspaceId } = body as Record<string, unknown>;
  if (typeof credentialHash !== 'string' || !/^[0-9a-f]{64}$/.test(credentialHash)) return undefined;
  if (typeof credentialKind !== 'string' || !CREDENTIAL_KINDS.has(credentialKind as CredentialKind)) return undefined;
  if (workspaceId !== undefined && typeof workspaceId !== 'string') return undefined;
  return { credentialHash, credentialKind: credentialKind as CredentialKind, workspaceId };
}

function earliest(...times: (Date | null | undefined)[]): string | undefined {
  const future = times.filter((time): time is Date => time instanceof Date).map((time) => time.getTime());
  return future.length > 0 ? new Date(Math.min(...future)).toISOString() : undefined;
}

export async function lookupPrincipal(em: SubgraphEntityManager, request: PrincipalLookupRequest, now = new Date()): Promise<PrincipalLookupResult> {
  const requested = request.workspaceId;
  if (requested !== undefined && !isId(requested)) return refuse('WORKSPACE_NOT_AUTHORIZED');
  if (request.credentialKind === 'session') return lookupSession(em, request.credentialHash, requested, now);

  const key = await em.findOne(ApiKey, { secretHash: request.credentialHash });
  if (!key || !hashesEqual(key.secretHash, request.credentialHash)) return refuse('UNKNOWN');
  const expectedKind = request.credentialKind === 'user_key' ? ApiKeyKind.USER : ApiKeyKind.WORKSPACE;
  if (key.kind !== expectedKind) return refuse('UNKNOWN');
  if (key.revokedAt && key.revokedAt <= now) return refuse('REVOKED');
  if (key.expiresAt && key.expiresAt <= now) return refuse('EXPIRED');
  const validUntil = earliest(key.expiresAt, key.revokedAt);

  if (key.kind === ApiKeyKind.WORKSPACE) {
    const own = key.workspaceId!;
    if (requested !== undefined && requested !== own) return refuse('WORKSPACE_NOT_AUTHORIZED');
    const workspace = await workspacePolicy(em, own);
    const principal: Principal = {
      kind: 'workspace_key',
      keyId: key.id,
      workspaceId: own,
      scopes: [...expandScopes(key.scopes)],
      workspaceIds: [own],
      trustedDocumentsOnly: keyTrustedDocumentsOnly(key, workspace),
      ...budgetOverrides(workspace, key),
      ...clientOf(key),
    };
    return { ok: true, principal, validUntil };
  }

  const memberships = await membershipsOf(em, key.userId!);
  const byWorkspace = new Map(memberships.map((membership) => [membership.workspaceId, membership]));
  const authorized = key.workspaceIds.filter((workspaceId) => byWorkspace.has(workspaceId));
  let workspaceId = requested;
  if (workspaceId !== undefined) {
    if (!key.workspaceIds.includes(workspaceId)) return refuse('WORKSPACE_NOT_AUTHORIZED');
    if (!byWorkspace.has(workspaceId)) return refuse('NOT_A_MEMBER');
  } else if (authorized.length === 1) {
    workspaceId = authorized[0];
  }
  const scopes = workspaceId ? intersectScopes(key.scopes, byWorkspace.get(workspaceId)!.permissions) : [...expandScopes(key.scopes)];
  const workspace = await workspacePolicy(em, workspaceId);
  const principal: Principal = {
    kind: 'user_key',
    userId: key.userId!,
    keyId: key.id,
    workspaceId,
    scopes,
    workspaceIds: authorized,
    trustedDocumentsOnly: keyTrustedDocumentsOnly(key, workspace),
    ...budgetOverrides(workspace, key),
    ...clientOf(key),
  };
  return { ok: true, principal, validUntil };
}

async function lookupSession(em: SubgraphEntityManager, tokenHash: string, requested: string | undefined, now: Date): Promise<PrincipalLookupResult> {
  const session = await em.findOne(Session, { tokenHash });
  if (!session || !hashesEqual(session.tokenHash, tokenHash)) return refuse('UNKNOWN');
  if (session.revokedAt && session.revokedAt <= now) return refuse('REVOKED');
  if (session.expiresAt <= now) return refuse('EXPIRED');
  const memberships = await membershipsOf(em, session.userId);
  const byWorkspace = new Map(memberships.map((membership) => [membership.workspaceId, membership]));
  let workspaceId = requested;
  if (workspaceId !== undefined && !byWorkspace.has(workspaceId)) return refuse('NOT_A_MEMBER');
  // A session acts in the workspace chosen at sign-in when the request names none; it is
  // not narrowed to a lone membership on its own, so user-level actions keep full authority.
  if (workspaceId === undefined && session.workspaceId && byWorkspace.has(session.workspaceId)) workspaceId = session.workspaceId;
  const scopes = workspaceId ? [...expandScopes(byWorkspace.get(workspaceId)!.permissions)] : [...FINE_SCOPES];
  const principal: Principal = {
    kind: 'session',
    userId: session.userId,
    sessionId: session.id,
    workspaceId,
    scopes,
    workspaceIds: memberships.map((membership) => membership.workspaceId),
    trustedDocumentsOnly: false,
    ...budgetOverrides(await workspacePolicy(em, workspaceId)),
  };
  return { ok: true, principal, validUntil: earliest(session.expiresAt, session.revokedAt) };
}
