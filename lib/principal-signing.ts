// The one header that carries the principal from the gateway to a subgraph:
//
//   x-atrium-principal: <base64url(JSON principal)>.<timestamp ms>.<nonce>.<hex HMAC-SHA256>
//
// The HMAC covers principal, timestamp, nonce and the SHA-256 of the subgraph request
// body, so a captured header is useless with another body, after the window, or twice
// (each nonce is accepted once). Secrets are a list: the first signs, any verifies, so
// the secret can rotate without downtime.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from './principal.js';

export const PRINCIPAL_HEADER = 'x-atrium-principal';
/** How far a signature's timestamp may be from the verifier's clock. */
export const SIGNATURE_WINDOW_MS = 30_000;

export type SignatureFailure = 'MISSING' | 'MALFORMED' | 'FORGED' | 'STALE' | 'REPLAYED';

export class SignatureError extends Error {
  constructor(readonly reason: SignatureFailure) {
    super(`Invalid gateway signature (${reason.toLowerCase()})`);
  }
}

function bodyHash(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}

function mac(secret: string, payload: string, timestamp: string, nonce: string, body: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(`${payload}.${timestamp}.${nonce}.${bodyHash(body)}`).digest();
}

export function signPrincipal(principal: Principal, body: Buffer | string, secrets: readonly string[], now = Date.now()): string {
  const secret = secrets[0];
  if (!secret) throw new Error('No principal signing secret configured');
  const payload = Buffer.from(JSON.stringify(principal)).toString('base64url');
  const timestamp = String(now);
  const nonce = randomBytes(12).toString('base64url');
  return `${payload}.${timestamp}.${nonce}.${mac(secret, payload, timestamp, nonce, body).toString('hex')}`;
}

/** Remembers nonces for one signature window, so that a replay inside it is refused. */
export class NonceRegistry {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs = SIGNATURE_WINDOW_MS) {}

  /** False when the nonce was already used. */
  remember(nonce: string, now = Date.now()): boolean {
    if (this.seen.size > 10_000) {
      for (const [known, expiry] of this.seen) if (expiry < now) this.seen.delete(known);
    }
    const expiry = this.seen.get(nonce);
    if (expiry !== undefined && expiry >= now) return false;
    this.seen.set(nonce, now + 2 * this.windowMs);
    return true;
  }
}

/** Verifies the header against the exact body received; returns the principal or throws SignatureError. */
export function verifyPrincipal(
  header: string | undefined,
  body: Buffer | string,
  secrets: readonly string[],
  nonces: NonceRegistry,
  now = Date.now(),
): Principal {
  if (!header) throw new SignatureError('MISSING');
  const parts = header.split('.');
  if (parts.length !== 4 || parts.some((part) => part.length === 0)) throw new SignatureError('MALFORMED');
  const [payload, timestamp, nonce, signature] = parts as [string, string, string, string];
  if (!/^\d{1,16}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) throw new SignatureError('MALFORMED');
  const presented = Buffer.from(signature, 'hex');
  const valid = secrets.some((secret) => timingSafeEqual(mac(secret, payload, timestamp, nonce, body), presented));
  if (!valid) throw new SignatureError('FORGED');
  if (Math.abs(now - Number(timestamp)) > SIGNATURE_WINDOW_MS) throw new SignatureError('STALE');
  if (!nonces.remember(nonce, now)) throw new SignatureError('REPLAYED');
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Principal;
  } catch {
    throw new SignatureError('MALFORMED');
  }
}
