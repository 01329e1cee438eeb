// Trusted issuers of the current workspace: trust one (after reading its discovery
// document), list them, untrust one. Every change is audited and announced: the gateways
// drop the workspace's cached issuers and JWT principals on the next request (the one that
// made the change) and within a second everywhere else.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import type { Connection, PageArgs } from '../../../lib/connection.js';
import { invalidInput, notFound, requireWorkspace, type FieldProblem } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { idColumn, keysetOrder, pageQuery } from '../../../lib/paging.js';
import type { Principal } from '../../../lib/principal.js';
import { DEFAULT_EMAIL_CLAIM, DEFAULT_EMAIL_VERIFIED_CLAIM, issuerAddressProblem, issuerUrlProblem } from '../../../lib/trusted-issuers.js';
import { announceInvalidation } from '../invalidation.js';
import { discoverIssuer } from './trusted-issuer-discovery.js';
import { TrustedIssuer } from './trusted-issuer.entity.js';
import type { TrustIssuerInput } from './trusted-issuer.input.js';

/** Oldest first: ids are UUIDv7, so id order is creation order. */
const TRUSTED_ISSUER_ORDER = keysetOrder<TrustedIssuer>('trustedIssuers', [idColumn('asc')]);

const MAX_TEXT_LENGTH = 500;
/** A JSON member name a claim mapping may use: printable, no spaces (claims are `email`, `upn`, `https://example.com/email`). */
const CLAIM_NAME = /^[\x21-\x7e]{1,200}$/;

function claimProblem(field: string, value: string): FieldProblem | undefined {
  return CLAIM_NAME.test(value) ? undefined : { field, reason: 'must be a claim name: 1 to 200 printable characters, no spaces' };
}

/** What the audit trail and the gateway know a trust by. */
function snapshot(issuer: TrustedIssuer): Record<string, unknown> {
  return { issuerUrl: issuer.issuerUrl, audience: issuer.audience, emailClaim: issuer.emailClaim, emailVerifiedClaim: issuer.emailVerifiedClaim };
}

export class TrustedIssuerService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
    private readonly allowLoopbackHttp: boolean,
  ) {}

  list(page: PageArgs): Promise<Connection<TrustedIssuer>> {
    return pageQuery(this.em, { entity: TrustedIssuer, where: { workspaceId: requireWorkspace(this.principal.workspaceId) }, order: TRUSTED_ISSUER_ORDER, page });
  }

  async trust(input: TrustIssuerInput): Promise<TrustedIssuer> {
    const workspaceId = requireWorkspace(this.principal.workspaceId);
    const issuerUrl = input.issuerUrl.trim();
    const audience = input.audience.trim();
    const emailClaim = input.claimMappings?.email?.trim() || DEFAULT_EMAIL_CLAIM;
    const emailVerifiedClaim = input.claimMappings?.emailVerified?.trim() || DEFAULT_EMAIL_VERIFIED_CLAIM;
    const problems: FieldProblem[] = [];
    const urlProblem = issuerUrl.length > MAX_TEXT_LENGTH ? `must be at most ${MAX_TEXT_LENGTH} characters` : issuerUrlProblem(issuerUrl, this.allowLoopbackHttp);
    if (urlProblem) problems.push({ field: 'issuerUrl', reason: urlProblem });
    if (audience.length === 0 || audience.length > MAX_TEXT_LENGTH) problems.push({ field: 'audience', reason: `must be 1 to ${MAX_TEXT_LENGTH} characters` });
    for (const problem of [claimProblem('claimMappings.email', emailClaim), claimProblem('claimMappings.emailVerified', emailVerifiedClaim)]) if (problem) problems.push(problem);
    if (problems.length > 0) throw invalidInput(problems);

    // Nothing is fetched from inside the network (SSRF): the issuer and its keys must be public addresses.
    const addressProblem = await issuerAddressProblem(issuerUrl, this.allowLoopbackHttp);
    if (addressProblem) throw invalidInput([{ field: 'issuerUrl', reason: addressProblem }]);
    // Before any write: a provider that does not answer as an OpenID issuer is refused with the reason.
    const discovered = await discoverIssuer(issuerUrl, audience, this.allowLoopbackHttp);
    if (!discovered.ok) throw invalidInput([{ field: 'issuerUrl', reason: discovered.reason }]);
    const jwksProblem = issuerUrlProblem(discovered.jwksUri, this.allowLoopbackHttp) ?? (await issuerAddressProblem(discovered.jwksUri, this.allowLoopbackHttp));
    if (jwksProblem) throw invalidInput([{ field: 'issuerUrl', reason: `its jwks_uri ${jwksProblem}` }]);

    try {
      return await this.em.transactional(async (em) => {
        const issuer = em.create(TrustedIssuer, {
          workspaceId,
          issuerUrl: discovered.issuer,
          audience,
          jwksUri: discovered.jwksUri,
          emailClaim,
          emailVerifiedClaim,
          createdByUserId: this.principal.userId ?? null,
          createdByKeyId: this.principal.keyId ?? null,
        });
        recordAuditEvent(em, this.principal, { targetType: 'TrustedIssuer', verb: 'created', targetId: issuer.id, workspaceId, changes: changedFields(null, snapshot(issuer)) });
        // A gateway may hold the workspace's list from before: the new issuer counts from the next request.
        await announceInvalidation(em, { workspaceIds: [workspaceId] });
        await em.flush();
        return issuer;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw invalidInput([{ field: 'audience', reason: 'this issuer is already trusted for this audience in the workspace' }]);
      throw error;
    }
  }

  /** Stops trusting an issuer: its tokens are refused (untrusted_issuer) on every gateway within a second. */
  async untrust(id: string): Promise<TrustedIssuer> {
    const workspaceId = requireWorkspace(this.principal.workspaceId);
    const issuer = isId(id) ? await this.em.findOne(TrustedIssuer, { id }) : null;
    if (!issuer) throw notFound('Trusted issuer');
    await this.em.transactional(async (em) => {
      await em.nativeDelete(TrustedIssuer, { id: issuer.id });
      recordAuditEvent(em, this.principal, { targetType: 'TrustedIssuer', verb: 'deleted', targetId: issuer.id, workspaceId, changes: changedFields(snapshot(issuer), null) });
      // Every gateway drops the workspace's issuers, verified tokens and JWT principals.
      await announceInvalidation(em, { workspaceIds: [workspaceId] });
      await em.flush();
    });
    return issuer;
  }
}
