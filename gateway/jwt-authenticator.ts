// Bearer JWTs from a workspace's trusted issuers, verified here with no round trip per
// request: the workspace's trusted issuers are cached (dropped on invalidation), each
// issuer's keys are cached by jose's remote JWKS set (fetched again for an unknown key id,
// so a provider's key rotation needs no restart), the token is checked with jose's
// jwtVerify (signature, iss, aud, exp, nbf), the mapped email_verified claim must be true,
// and the principal of that email is asked of identity once and cached like a key's
// (PrincipalResolver). A verified token is remembered until its exp, by its SHA-256, so a
// client sending the same token again costs a hash and three map reads.
import { createHash } from 'node:crypto';
import { decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { CLOCK_TOLERANCE_SECONDS, ISSUER_ALGORITHMS, issuerKeySet } from '../lib/issuer-keys.js';
import { LRUCache } from 'lru-cache';
import type { InvalidTokenReason } from '../lib/errors.js';
import { PeerUnavailableError } from '../lib/internal-call.js';
import type { Principal, PrincipalInvalidation } from '../lib/principal.js';
import { TRUSTED_ISSUERS_PATH, type TrustedIssuerDescription, type TrustedIssuersResponse } from '../lib/trusted-issuers.js';
import type { IdentityClient } from './identity-client.js';
import type { PrincipalResolver } from './principal-resolver.js';

export type JwtAuthentication = { readonly ok: true; readonly principal: Principal } | { readonly ok: false; readonly reason: InvalidTokenReason };

/** One message per refusal reason; none ever quotes the token or its claims. */
export const JWT_REFUSAL_MESSAGES: Readonly<Record<InvalidTokenReason, string>> = {
  malformed: 'The Bearer token is not a JWT this gateway can use: it needs three base64url parts, an exp, and an email in the claim the workspace maps',
  signature: "The token's signature does not verify against the keys its issuer publishes",
  expired: 'The token has expired or is not valid yet: get a fresh one from your identity provider',
  audience: "The token's audience (aud) is not one this workspace trusts its issuer for",
  issuer: 'The token names no issuer (iss)',
  nonce: 'The token was issued for another sign-in (nonce)',
  untrusted_issuer: "The token's issuer is not trusted by this workspace (trustIssuer)",
  email_not_verified: 'The token does not say its email is verified: the claim the workspace maps (default email_verified) must be true',
  domain_not_allowed: "The token's email domain is not allowed",
  unknown_user: 'No member of this workspace has verified the email this token carries',
};

export interface JwtAuthenticatorOptions {
  readonly identity: IdentityClient;
  /** Caches the principal of each (issuer, workspace, email); its invalidations reach this authenticator too. */
  readonly resolver: PrincipalResolver;
  /** How long a workspace's list of trusted issuers is reused (the principal cache's TTL). */
  readonly ttlMs: number;
  /** Least time between two JWKS fetches for unknown key ids (jose's cooldown); default JWKS_COOLDOWN_MS (1 s, lib/issuer-keys.ts). */
  readonly jwksCooldownMs?: number;
  /** Longest wait for a JWKS; default 5 s. */
  readonly jwksTimeoutMs?: number;
  /** Verified tokens remembered until their exp (0 turns the cache off, to measure it); default 10,000. */
  readonly maxVerifiedTokens?: number;
  readonly now?: () => number;
}

interface VerifiedToken {
  readonly trustedIssuerId: string;
  readonly email: string;
}

interface IssuerList {
  readonly issuers: readonly TrustedIssuerDescription[];
  readonly expiresAt: number;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** Which check a jose error is about; undefined when the keys could not be fetched (the provider, not the token). */
function reasonOf(error: unknown): InvalidTokenReason | undefined {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'audience';
    if (error.claim === 'iss') return 'issuer';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'expired';
    return 'malformed';
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSEAlgNotAllowed
  ) {
    return 'signature';
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) return 'malformed';
  return undefined;
}

export class JwtAuthenticator {
  private readonly issuersByWorkspace = new Map<string, IssuerList>();
  private readonly issuersInFlight = new Map<string, { readonly lookup: Promise<readonly TrustedIssuerDescription[]>; readonly generation: number }>();
  /** jose's key sets, one per JWKS address: shared by every workspace that trusts the issuer. */
  private readonly keySets = new LRUCache<string, JWTVerifyGetKey>({ max: 1000 });
  private readonly verifiedTokens: LRUCache<string, VerifiedToken> | undefined;
  private caching = true;
  private generation = 0;
  /** Trusted-issuer lists fetched from identity (tests and metrics). */
  issuerLookups = 0;

  constructor(private readonly options: JwtAuthenticatorOptions) {
    const max = options.maxVerifiedTokens ?? 10_000;
    // lru-cache's per-entry TTL ends each entry at its token's exp; `now` follows the authenticator's clock.
    this.verifiedTokens = max > 0 ? new LRUCache<string, VerifiedToken>({ max, ttl: 1, ttlAutopurge: false, perf: { now: () => this.now() } }) : undefined;
    options.resolver.attach(this);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The principal a token proves in `workspaceId`, or which check refused it. Throws PeerUnavailableError when identity or the issuer's keys cannot be reached. */
  async authenticate(token: string, workspaceId: string): Promise<JwtAuthentication> {
    const tokenKey = this.verifiedTokens ? `${sha256(token)}|${workspaceId}` : '';
    const issuers = await this.trustedIssuers(workspaceId);
    const remembered = this.verifiedTokens?.get(tokenKey);
    // Remembered for this workspace, and its issuer still trusted there (untrusting drops the list, not each token).
    if (remembered && issuers.some((issuer) => issuer.id === remembered.trustedIssuerId)) return this.principalOf(remembered, workspaceId);

    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof claims.iss !== 'string' || claims.iss.length === 0) return { ok: false, reason: 'issuer' };
    // Only issuers the workspace trusts are ever fetched from: a token cannot point the gateway at a URL of its choosing.
    const candidates = issuers.filter((issuer) => issuer.issuerUrl === claims.iss);
    if (candidates.length === 0) return { ok: false, reason: 'untrusted_issuer' };

    let payload: JWTPayload;
    try {
      // One JWKS per issuer in practice; the signature is checked before any claim.
      ({ payload } = await jwtVerify(token, this.keySet(candidates[0].jwksUri), {
        issuer: candidates[0].issuerUrl,
        audience: candidates.map((issuer) => issuer.audience),
        algorithms: ISSUER_ALGORITHMS,
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      const reason = reasonOf(error);
      if (reason) return { ok: false, reason };
      throw new PeerUnavailableError('identity provider', `keys of ${candidates[0].issuerUrl} unavailable (${(error as Error).name})`);
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    const issuer = candidates.find((candidate) => audiences.includes(candidate.audience))!;
    const email = payload[issuer.emailClaim];
    const verified = payload[issuer.emailVerifiedClaim];
    // Some providers (Cognito) send the flag as a string.
    if (verified !== true && verified !== 'true') return { ok: false, reason: 'email_not_verified' };
    if (typeof email !== 'string' || !email.includes('@') || email.length > 254) return { ok: false, reason: 'malformed' };

    const subject: VerifiedToken = { trustedIssuerId: issuer.id, email };
    const ttl = payload.exp! * 1000 + CLOCK_TOLERANCE_SECONDS * 1000 - this.now();
    if (this.caching && ttl > 0) this.verifiedTokens?.set(tokenKey, subject, { ttl });
    return this.principalOf(subject, workspaceId);
  }

  private async principalOf(subject: VerifiedToken, workspaceId: string): Promise<JwtAuthentication> {
    const result = await this.options.resolver.resolveJwtSubject({ workspaceId, trustedIssuerId: subject.trustedIssuerId, email: subject.email });
    if (result.ok) return { ok: true, principal: result.principal };
    return { ok: false, reason: result.reason === 'untrusted_issuer' ? 'untrusted_issuer' : 'unknown_user' };
  }

  private keySet(jwksUri: string): JWTVerifyGetKey {
    let keySet = this.keySets.get(jwksUri);
    if (!keySet) {
      keySet = issuerKeySet(jwksUri, { cooldownMs: this.options.jwksCooldownMs, timeoutMs: this.options.jwksTimeoutMs });
      this.keySets.set(jwksUri, keySet);
    }
    return keySet;
  }

  /** The workspace's trusted issuers: cached for the TTL, one lookup in flight at a time, never kept when an invalidation crossed it. */
  private async trustedIssuers(workspaceId: string): Promise<readonly TrustedIssuerDescription[]> {
    const cached = this.issuersByWorkspace.get(workspaceId);
    if (cached && cached.expiresAt > this.now()) return cached.issuers;
    const pending = this.issuersInFlight.get(workspaceId);
    if (pending && pending.generation === this.generation) return pending.lookup;
    const generation = this.generation;
    const lookup = (async () => {
      this.issuerLookups += 1;
      const { issuers } = await this.options.identity.post<TrustedIssuersResponse>(TRUSTED_ISSUERS_PATH, { workspaceId });
      if (generation === this.generation && this.caching && this.options.ttlMs > 0) {
        this.issuersByWorkspace.set(workspaceId, { issuers, expiresAt: this.now() + this.options.ttlMs });
        // Bounded like the principal cache: the oldest workspaces go first.
        while (this.issuersByWorkspace.size > 10_000) this.issuersByWorkspace.delete(this.issuersByWorkspace.keys().next().value!);
      }
      return issuers;
    })();
    const entry = { lookup, generation };
    this.issuersInFlight.set(workspaceId, entry);
    try {
      return await lookup;
    } finally {
      if (this.issuersInFlight.get(workspaceId) === entry) this.issuersInFlight.delete(workspaceId);
    }
  }

  /** A change in a workspace (an issuer trusted or untrusted among others) drops its issuer list; JWT principals go with the resolver's cache. */
  invalidate(message: PrincipalInvalidation): void {
    this.generation += 1;
    for (const workspaceId of message.workspaceIds ?? []) this.issuersByWorkspace.delete(workspaceId);
  }

  /** While invalidations cannot be heard, no issuer list and no verified token is kept. */
  setCaching(enabled: boolean): void {
    this.caching = enabled;
    this.generation += 1;
    if (!enabled) {
      this.issuersByWorkspace.clear();
      this.verifiedTokens?.clear();
    }
  }
}
