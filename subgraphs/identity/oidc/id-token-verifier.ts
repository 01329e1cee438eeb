// Verifies ID tokens from the configured OpenID providers with jose (never hand-written JWT
// code): the signature against the provider's JWKS, `iss`, `aud` (the client id), `exp` with a
// small clock tolerance, and the nonce. One verifier per identity process: each provider's
// discovery document and key set are fetched once and kept, and jose fetches the key set again
// when a token names a key it does not know, which is how a rotated key is picked up without a
// restart (and how a removed one stops counting: the refetched set no longer has it).
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { CLOCK_TOLERANCE_SECONDS, ISSUER_ALGORITHMS, ISSUER_FETCH_TIMEOUT_MS, issuerKeySet } from '../../../lib/issuer-keys.js';
import { invalidToken, type InvalidTokenReason } from '../../../lib/errors.js';
import { claimsOf, type OidcProviderSetting, type VerifiedClaims } from '../../../lib/oidc-settings.js';

export type { VerifiedClaims } from '../../../lib/oidc-settings.js';

/** Real ID tokens are 1–2 KB; anything far larger is not one. */
const MAX_TOKEN_LENGTH = 16_384;

const MESSAGES: Record<Extract<InvalidTokenReason, 'malformed' | 'signature' | 'expired' | 'audience' | 'issuer' | 'nonce'>, string> = {
  malformed: 'The ID token is not a well-formed signed JWT with the claims an ID token has (sub, exp, iat); send the id_token the provider returned, unchanged',
  signature: "The ID token's signature does not verify against the provider's published keys",
  expired: 'The ID token has expired (or is not valid yet); get a fresh one from the provider',
  audience: 'The ID token was issued to another client (aud); it must be issued to the client id configured for this provider',
  issuer: 'The ID token was issued by another issuer (iss) than the configured provider',
  nonce: 'The ID token carries another nonce than the one given (or only one of them has a nonce)',
};

function refuse(reason: keyof typeof MESSAGES): never {
  throw invalidToken(reason, MESSAGES[reason]);
}

export class ProviderUnavailableError extends Error {
  constructor(providerId: string, reason: string) {
    super(`OpenID provider "${providerId}" could not be reached: ${reason}`);
    this.name = 'ProviderUnavailableError';
  }
}

/** https, or http on this machine (a local provider in development and tests): the same rule as the issuer's. */
function isAcceptableJwksUri(value: unknown): value is string {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
}

export class IdTokenVerifier {
  /** Issuer → its key set (fetched lazily by jose, kept, refetched on an unknown key id). */
  private readonly keySets = new Map<string, Promise<JWTVerifyGetKey>>();

  /** The provider's key set, through its discovery document (fetched once; a failure is not kept, the next token tries again). */
  private keySetOf(provider: OidcProviderSetting): Promise<JWTVerifyGetKey> {
    let keySet = this.keySets.get(provider.issuer);
    if (!keySet) {
      keySet = (async () => {
        const discoveryUrl = `${provider.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
        let document: { issuer?: unknown; jwks_uri?: unknown };
        try {
          const response = await fetch(discoveryUrl, { signal: AbortSignal.timeout(ISSUER_FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
          if (!response.ok) throw new Error(`discovery answered HTTP ${response.status}`);
          document = (await response.json()) as typeof document;
        } catch (error) {
          throw new ProviderUnavailableError(provider.id, (error as Error).message);
        }
        if (document.issuer !== provider.issuer) throw new ProviderUnavailableError(provider.id, 'its discovery document names another issuer than the configured one');
        if (!isAcceptableJwksUri(document.jwks_uri)) throw new ProviderUnavailableError(provider.id, 'its discovery document has no usable jwks_uri');
        return issuerKeySet(document.jwks_uri);
      })();
      keySet.catch(() => this.keySets.delete(provider.issuer));
      this.keySets.set(provider.issuer, keySet);
    }
    return keySet;
  }

  /**
   * The claims of `idToken` once it proves itself, or INVALID_TOKEN with the reason; a
   * provider that cannot be reached is a ProviderUnavailableError (not the token's fault).
   * `nonce`: the one the app sent in its authorization request; a token that carries a nonce
   * must carry this one, and a nonce given for a token without one is refused too.
   */
  async verify(provider: OidcProviderSetting, idToken: string, nonce?: string | null): Promise<VerifiedClaims> {
    if (typeof idToken !== 'string' || idToken.length > MAX_TOKEN_LENGTH || idToken.split('.').length !== 3) refuse('malformed');
    let unverified: JWTPayload;
    try {
      decodeProtectedHeader(idToken);
      unverified = decodeJwt(idToken);
    } catch {
      refuse('malformed');
    }
    // Before any key is fetched: a token from elsewhere costs this provider no request.
    if (unverified.iss !== provider.issuer) refuse('issuer');
    const keySet = await this.keySetOf(provider);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, keySet, {
        issuer: provider.issuer,
        audience: provider.clientId,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        algorithms: ISSUER_ALGORITHMS,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) refuse('expired');
      if (error instanceof errors.JWTClaimValidationFailed) {
        if (error.claim === 'aud') refuse('audience');
        if (error.claim === 'iss') refuse('issuer');
        if (error.claim === 'nbf') refuse('expired');
        refuse('malformed');
      }
      if (
        error instanceof errors.JWSSignatureVerificationFailed ||
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JWKSMultipleMatchingKeys ||
        error instanceof errors.JOSEAlgNotAllowed
      )
        refuse('signature');
      if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) throw new ProviderUnavailableError(provider.id, 'its key set could not be fetched');
      // The token's own faults have codes of their own; the generic one is a key set that did not answer 200.
      if (error instanceof errors.JOSEError && error.code !== 'ERR_JOSE_GENERIC') refuse('malformed');
      throw new ProviderUnavailableError(provider.id, (error as Error).message);
    }
    // Several audiences: the ID token must name this client as its authorized party (OIDC Core 3.1.3.7).
    if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== provider.clientId) refuse('audience');
    const tokenNonce = payload.nonce;
    if (tokenNonce !== undefined || (nonce !== undefined && nonce !== null)) {
      if (typeof tokenNonce !== 'string' || tokenNonce !== nonce) refuse('nonce');
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) refuse('malformed');
    return claimsOf(provider, payload);
  }
}
