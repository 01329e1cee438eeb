// How Atrium checks a JWT from an identity provider, in one place: identity's ID-token
// verifier (createSessionFromIdToken, the OpenID sign-in) and the gateway's Bearer JWT check
// (a workspace's trusted issuers) both verify with jose against the issuer's published keys,
// with the same algorithms, clock tolerance and key-set fetching.
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/** Asymmetric only: a JWKS publishes public keys (`none` and HMAC never verify here). */
export const ISSUER_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** Seconds a token's times (exp, nbf, iat) may be off: the clocks of two machines. */
export const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * jose's key-set cooldown: no refetch within this long of the previous one. jose's default
 * (30 s) would refuse a freshly rotated key for up to 30 s; one second still holds a flood of
 * tokens naming unknown keys to one fetch a second per issuer.
 */
export const JWKS_COOLDOWN_MS = 1000;

/** Longest wait for an issuer's discovery document or key set. */
export const ISSUER_FETCH_TIMEOUT_MS = 5000;

/**
 * An issuer's key set, fetched when first needed, kept (jose refreshes it after 10 minutes),
 * and fetched again when a token names a key it does not know: a rotated key is picked up
 * without a restart, and a removed one stops counting once the set is fetched again.
 */
export function issuerKeySet(jwksUri: string, options: { readonly cooldownMs?: number; readonly timeoutMs?: number } = {}): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: options.cooldownMs ?? JWKS_COOLDOWN_MS, timeoutDuration: options.timeoutMs ?? ISSUER_FETCH_TIMEOUT_MS });
}
