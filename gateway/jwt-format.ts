// Tells a Bearer JWT apart from Atrium's own secrets in the Authorization header, with no
// I/O: three base64url parts joined by dots (our keys and session tokens carry no dot).
// What the token says is checked by the principal step (gateway/jwt-authenticator.ts).

/** Longest JWT read; ID tokens are 1–2 KB, and Node refuses headers past 16 KB anyway. */
export const MAX_JWT_LENGTH = 8192;

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The JWT of an `Authorization: Bearer <JWT>` header; undefined when the header holds no
 * JWT at all (another scheme, or a secret without dots), null when it looks like one but
 * is malformed (too long, wrong alphabet, not three parts).
 */
export function readBearerJwt(authorization: string): string | null | undefined {
  const match = /^bearer +(\S*\.\S*)$/i.exec(authorization.trim());
  if (!match) return undefined;
  const token = match[1];
  return token.length <= MAX_JWT_LENGTH && JWT.test(token) ? token : null;
}
