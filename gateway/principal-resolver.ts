// Turns a credential into a principal by asking identity, and remembers the answer
// briefly. Entries end at the earliest of: the TTL, the credential's own validity
// (expiry, rotation grace end), and an invalidation from identity (in the response to
// the mutation that made it, or by NOTIFY from another gateway's request). An answer
// that was being looked up while an invalidation arrived is neither cached nor shared
// with later requests: it may predate the change. The principals of Bearer JWTs' subjects
// (gateway/jwt-authenticator.ts) are cached here too, by the same rules.
import { hashCredential } from '../lib/api-key-format.js';
import { PRINCIPAL_LOOKUP_PATH, type CredentialKind, type PrincipalInvalidation, type PrincipalLookupRequest, type PrincipalLookupResult } from '../lib/principal.js';
import { JWT_PRINCIPAL_PATH, type JwtPrincipalRequest, type JwtPrincipalResult } from '../lib/trusted-issuers.js';
import type { IdentityClient } from './identity-client.js';

type LookupResult = PrincipalLookupResult | JwtPrincipalResult;

interface CacheEntry {
  readonly result: LookupResult;
  readonly expiresAt: number;
}

/** Another cache whose entries the same invalidations end (the JWT authenticator's issuer lists). */
export interface DependentCache {
  invalidate(message: PrincipalInvalidation): void;
  setCaching(enabled: boolean): void;
}

export interface PrincipalResolverOptions {
  readonly identity: IdentityClient;
  readonly ttlMs: number;
  /** Bounds memory under a flood of unknown keys: the oldest entries go first. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

export class PrincipalResolver {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, { readonly lookup: Promise<LookupResult>; readonly generation: number }>();
  private readonly dependents: DependentCache[] = [];
  private caching = true;
  /** Bumped by every invalidation: a lookup begun in an older generation may hold a stale answer. */
  private generation = 0;
  /** Lookups sent to identity (tests and metrics). */
  lookups = 0;

  constructor(private readonly options: PrincipalResolverOptions) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Has `dependent` hear every invalidation this resolver hears. */
  attach(dependent: DependentCache): void {
    this.dependents.push(dependent);
  }

  resolve(secret: string, kind: CredentialKind, workspaceId: string | undefined): Promise<PrincipalLookupResult> {
    const credentialHash = hashCredential(secret);
    const request: PrincipalLookupRequest = { credentialHash, credentialKind: kind, ...(workspaceId ? { workspaceId } : {}) };
    return this.cached(`${credentialHash}|${workspaceId ?? ''}`, PRINCIPAL_LOOKUP_PATH, request, true) as Promise<PrincipalLookupResult>;
  }

  /**
   * The principal of a verified Bearer JWT's subject in a workspace. Refusals are not cached:
   * the user may verify the address or join the workspace the next moment.
   */
  resolveJwtSubject(request: JwtPrincipalRequest): Promise<JwtPrincipalResult> {
    // Fixed-length ids first: the email (free text) cannot make two keys collide.
    return this.cached(`jwt|${request.trustedIssuerId}|${request.workspaceId}|${request.email.toLowerCase()}`, JWT_PRINCIPAL_PATH, request, false);
  }

  private async cached(cacheKey: string, path: string, request: unknown, cacheUnknown: boolean): Promise<LookupResult> {
    const cached = this.cache.get(cacheKey);
    if (cached && cached.expiresAt > this.now()) return cached.result;
    if (cached) this.cache.delete(cacheKey);
    const pending = this.inFlight.get(cacheKey);
    if (pending && pending.generation === this.generation) return pending.lookup;
    const generation = this.generation;
    const lookup = (async () => {
      this.lookups += 1;
      const result = await this.options.identity.post<LookupResult>(path, request);
      if (generation === this.generation && (result.ok || cacheUnknown)) this.remember(cacheKey, result);
      return result;
    })();
    const entry = { lookup, generation };
    this.inFlight.set(cacheKey, entry);
    try {
      return await lookup;
    } finally {
      if (this.inFlight.get(cacheKey) === entry) this.inFlight.delete(cacheKey);
    }
  }

  private remember(cacheKey: string, result: LookupResult): void {
    if (!this.caching || this.options.ttlMs <= 0) return;
    // Principals and unknown keys are cached; other refusals are rare and cheap to re-ask.
    if (!result.ok && result.reason !== 'UNKNOWN') return;
    let expiresAt = this.now() + this.options.ttlMs;
    if (result.ok && 'validUntil' in result && result.validUntil) expiresAt = Math.min(expiresAt, Date.parse(result.validUntil));
    this.cache.delete(cacheKey);
    this.cache.set(cacheKey, { result, expiresAt });
    const maxEntries = this.options.maxEntries ?? 10_000;
    while (this.cache.size > maxEntries) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Drops every cached principal an invalidation concerns. */
  invalidate(message: PrincipalInvalidation): void {
    this.generation += 1;
    for (const dependent of this.dependents) dependent.invalidate(message);
    const keyIds = new Set(message.keyIds ?? []);
    const userIds = new Set(message.userIds ?? []);
    const sessionIds = new Set(message.sessionIds ?? []);
    const workspaceIds = new Set(message.workspaceIds ?? []);
    for (const [cacheKey, { result }] of this.cache) {
      if (!result.ok) continue;
      const principal = result.principal;
      if (
        (principal.keyId && keyIds.has(principal.keyId)) ||
        (principal.userId && userIds.has(principal.userId)) ||
        (principal.sessionId && sessionIds.has(principal.sessionId)) ||
        (principal.workspaceId && workspaceIds.has(principal.workspaceId)) ||
        principal.workspaceIds.some((id) => workspaceIds.has(id))
      ) {
        this.cache.delete(cacheKey);
      }
    }
  }

  /** While invalidations cannot be heard, nothing may be cached. */
  setCaching(enabled: boolean): void {
    this.caching = enabled;
    // Changes announced while deaf were missed: nothing looked up before now may be kept.
    this.generation += 1;
    if (!enabled) this.cache.clear();
    for (const dependent of this.dependents) dependent.setCaching(enabled);
  }

  get size(): number {
    return this.cache.size;
  }
}
