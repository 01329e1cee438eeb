// The one header that carries the principal from the gateway to a subgraph:
//
//   x-atrium-principal: <base64url(JSON principal)>.<audience>.<timestamp ms>.<nonce>.<hex HMAC-SHA256>
//
// The HMAC covers principal, audience, timestamp, nonce and the SHA-256 of the request
// body, so a captured header is useless with another body, at another subgraph (each
// verifier accepts only its own name as audience), after the window, or twice (each
// nonce is accepted once, across every instance of the subgraph: see NonceStore).
// Secrets are a list: the first signs, any verifies, so the secret can rotate without
// downtime.
//
// Replay across instances: each subgraph keeps the nonces it accepted in its schema's
// UNLOGGED seen_nonces table (lib/seen-nonces/), one insert per request: about 0.3 ms
// measured on this machine, against a window alone (per-process nonces) which would let
// a captured header be replayed once to every other instance for as long as it is fresh.
//
// Why HMAC and not Ed25519 (the gateway signing, subgraphs holding only the public key):
// measured here, an Ed25519 signature costs about 37 µs (sign and verify about 125 µs)
// against about 6 µs for an HMAC sign and verify. The gateway signs once per subgraph
// call, so a request touching two subgraphs would spend about 2.5 % of its ~3000 µs of
// gateway CPU on signing, over the 2 % budget; and the subgraphs sign too (internal calls,
// the outbox relay), so each would need a private key of its own and every verifier a
// key per caller. Left for when a subgraph's compromise matters more than that.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Principal } from './principal.js';
import { pooledRandomBytes } from './random-pool.js';
import type { SubgraphName } from './subgraph-list.js';

export const PRINCIPAL_HEADER = 'x-atrium-principal';
/**
 * How far a signature's timestamp may be from the verifier's clock. Short, because the
 * gateway signs the moment it sends; wide enough for clocks a few seconds apart. A
 * nonce is remembered until its header's window ends, which bounds the nonce table.
 */
export const SIGNATURE_WINDOW_MS = 15_000;

export type SignatureFailure = 'MISSING' | 'MALFORMED' | 'FORGED' | 'WRONG_AUDIENCE' | 'STALE' | 'REPLAYED';

export class SignatureError extends Error {
  constructor(readonly reason: SignatureFailure) {
    super(`Invalid gateway signature (${reason.toLowerCase()})`);
  }
}

/**
 * Where a verifier remembers the nonces it accepted. It must be shared by every instance
 * of a subgraph (lib/seen-nonces.ts keeps them in the subgraph's PostgreSQL schema):
 * a store per process would let a header accepted by one instance be replayed to another.
 */
export interface NonceStore {
  /** Records the nonce until expiresAt (ms); false when it was already recorded. */
  remember(nonce: string, expiresAt: number): Promise<boolean>;
}

/** A NonceStore for one process only: unit tests, never a subgraph. */
export class InProcessNonceStore implements NonceStore {
  private readonly seen = new Map<string, number>();

  remember(nonce: string, expiresAt: number, now = Date.now()): Promise<boolean> {
    if (this.seen.size > 10_000) {
      for (const [known, expiry] of this.seen) if (expiry < now) this.seen.delete(known);
    }
    const expiry = this.seen.get(nonce);
    if (expiry !== undefined && expiry >= now) return Promise.resolve(false);
    this.seen.set(nonce, expiresAt);
    return Promise.resolve(true);
  }
}

function bodyHash(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}

function mac(secret: string, payload: string, audience: string, timestamp: string, nonce: string, body: Buffer | string): Buffer {
  return createHmac('sha256', secret)
    .update(`${payload}.${audience}.${timestamp}.${nonce}.${bodyHash(body)}`)
    .digest();
}

/** The principal as the header carries it: base64url of its JSON. Encode it once, sign it per call. */
export function encodePrincipal(principal: Principal): string {
  return Buffer.from(JSON.stringify(principal)).toString('base64url');
}

/** Signs an encoded principal (encodePrincipal) for one request with `body` to the subgraph `audience`. */
export function signEncodedPrincipal(payload: string, audience: SubgraphName, body: Buffer | string, secrets: readonly string[], now = Date.now()): string {
  const secret = secrets[0];
  if (!secret) throw new Error('No principal signing secret configured');
  const timestamp = String(now);
  const nonce = pooledRandomBytes(12).toString('base64url');
  return `${payload}.${audience}.${timestamp}.${nonce}.${mac(secret, payload, audience, timestamp, nonce, body).toString('hex')}`;
}

/** Signs `principal` for one request with `body` to the subgraph `audience`. */
export function signPrincipal(principal: Principal, audience: SubgraphName, body: Buffer | string, secrets: readonly string[], now = Date.now()): string {
  return signEncodedPrincipal(encodePrincipal(principal), audience, body, secrets, now);
}

export interface VerifyOptions {
  /** The verifying subgraph's own name: the only audience it accepts. */
  readonly audience: SubgraphName;
  readonly secrets: readonly string[];
  readonly nonces: NonceStore;
  readonly now?: number;
}

/** Verifies the header against the exact body received; returns the principal or throws SignatureError. */
export async function verifyPrincipal(header: string | undefined, body: Buffer | string, options: VerifyOptions): Promise<Principal> {
  const now = options.now ?? Date.now();
  if (!header) throw new SignatureError('MISSING');
  const parts = header.split('.');
  if (parts.length !== 5 || parts.some((part) => part.length === 0)) throw new SignatureError('MALFORMED');
  const [payload, audience, timestamp, nonce, signature] = parts as [string, string, string, string, string];
  if (!/^\d{1,16}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature) || !/^[A-Za-z0-9_-]{1,64}$/.test(nonce)) throw new SignatureError('MALFORMED');
  const presented = Buffer.from(signature, 'hex');
  const valid = options.secrets.some((secret) => timingSafeEqual(mac(secret, payload, audience, timestamp, nonce, body), presented));
  if (!valid) throw new SignatureError('FORGED');
  // Checked after the MAC, so that only headers the gateway really signed reach the shared store.
  if (audience !== options.audience) throw new SignatureError('WRONG_AUDIENCE');
  if (Math.abs(now - Number(timestamp)) > SIGNATURE_WINDOW_MS) throw new SignatureError('STALE');
  let principal: Principal;
  try {
    principal = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Principal;
  } catch {
    throw new SignatureError('MALFORMED');
  }
  // Kept past the window's far edge, so a nonce is remembered for as long as its header could be fresh.
  if (!(await options.nonces.remember(nonce, Number(timestamp) + SIGNATURE_WINDOW_MS + 1000))) throw new SignatureError('REPLAYED');
  return principal;
}
