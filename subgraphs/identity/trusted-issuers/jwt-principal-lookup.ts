// Identity's internal endpoints for Bearer JWTs, called by the gateway (signature checked
// before these run): a workspace's trusted issuers, and the principal of a verified token's
// email. The gateway has already checked the token; identity answers who that is.
import { HttpError } from '../../../lib/http-server.js';
import { isId } from '../../../lib/ids.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';
import { expandScopes } from '../../../lib/scopes.js';
import type { JwtPrincipalRequest, JwtPrincipalResult, TrustedIssuersResponse } from '../../../lib/trusted-issuers.js';
import { scopeToWorkspace } from '../../../lib/workspace-filter.js';
import { membershipsOf } from '../members/membership.repository.js';
import { User } from '../users/user.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { TrustedIssuer } from './trusted-issuer.entity.js';

/** Longest email address worth looking up (RFC 5321). */
const MAX_EMAIL_LENGTH = 254;

function workspaceIdOf(body: unknown): string {
  const workspaceId = (body as { workspaceId?: unknown } | null)?.workspaceId;
  if (typeof workspaceId !== 'string' || !isId(workspaceId)) throw new HttpError(400, 'BAD_REQUEST', 'Malformed trusted-issuer request');
  return workspaceId;
}

export async function listTrustedIssuers(em: SubgraphEntityManager, body: unknown): Promise<TrustedIssuersResponse> {
  const workspaceId = workspaceIdOf(body);
  const issuers = await scopeToWorkspace(em, workspaceId).find(TrustedIssuer, {}, { orderBy: { id: 'asc' } });
  return {
    issuers: issuers.map((issuer) => ({
      id: issuer.id,
      issuerUrl: issuer.issuerUrl,
      audience: issuer.audience,
      jwksUri: issuer.jwksUri,
      emailClaim: issuer.emailClaim,
      emailVerifiedClaim: issuer.emailVerifiedClaim,
    })),
  };
}

export function parseJwtPrincipalRequest(body: unknown): JwtPrincipalRequest {
  const workspaceId = workspaceIdOf(body);
  const { trustedIssuerId, email } = body as Record<string, unknown>;
  if (typeof trustedIssuerId !== 'string' || !isId(trustedIssuerId) || typeof email !== 'string' || email.length === 0 || email.length > MAX_EMAIL_LENGTH) {
    throw new HttpError(400, 'BAD_REQUEST', 'Malformed JWT principal lookup');
  }
  return { workspaceId, trustedIssuerId, email };
}

/**
 * The principal of the member whose VERIFIED email is the token's: that member's role
 * permissions in the workspace, nothing more (a JWT proves a person, not a key's scopes).
 * The issuer must still be trusted by the workspace: the gateway's list may be a moment old.
 */
export async function lookupJwtPrincipal(em: SubgraphEntityManager, request: JwtPrincipalRequest): Promise<JwtPrincipalResult> {
  const scoped = scopeToWorkspace(em, request.workspaceId);
  const trusted = await scoped.count(TrustedIssuer, { id: request.trustedIssuerId });
  if (trusted === 0) return { ok: false, reason: 'untrusted_issuer' };
  // Emails are stored lower-cased; an address counts only once its owner proved it (DESIGN.md "Trust invariants").
  const user = await em.findOne(User, { email: request.email.trim().toLowerCase(), emailVerifiedAt: { $ne: null } }, { fields: ['id'] });
  if (!user) return { ok: false, reason: 'unknown_user' };
  const membership = (await membershipsOf(em, user.id)).find((candidate) => candidate.workspaceId === request.workspaceId);
  if (!membership) return { ok: false, reason: 'unknown_user' };
  const workspace = await em.findOne(Workspace, { id: request.workspaceId }, { fields: ['trustedDocumentsOnly', 'rateLimit'] });
  const principal: Principal = {
    kind: 'jwt',
    userId: user.id,
    workspaceId: request.workspaceId,
    scopes: [...expandScopes(membership.permissions)],
    workspaceIds: [request.workspaceId],
    // An app acting with its users' tokens is API traffic, as a key's is: the workspace's mode applies.
    trustedDocumentsOnly: workspace?.trustedDocumentsOnly === true,
    ...(workspace?.rateLimit != null ? { budget: { workspacePoints: workspace.rateLimit } } : {}),
  };
  return { ok: true, principal };
}
