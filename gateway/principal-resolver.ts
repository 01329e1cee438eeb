// Turns a credential into a principal by asking identity, and remembers the answer
// briefly. Entries end at the earliest of: the TTL, the credential's own validity
// (expiry, rotation grace end), and an invalidation from identity (in the response to
// the mutation that made it, or by NOTIFY from another gateway's request). An answer
// that was being looked up while an invalidation arrived is neither cached nor shared
// with later requests: it may predate the change.
import { hashCredential } from '../lib/api-key-format.js';
import { PRINCIPAL_LOOKUP_PATH, type CredentialKind, type PrincipalInvalidation, type PrincipalLookupRequest, type PrincipalLookupResult } from '../lib/principal.js';
import type { IdentityClient } from './identity-client.js';

interface CacheEntry {
  readonly result: PrincipalLookupResult;
  readonly expiresAt: number;
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
  private readonly inFlight = new Map<string, { readonly lookup: Promise<PrincipalLookupResult>; readonly generation: number }>();
  private caching = true;
  /** Bumped by every invalidation: a lookup begun in an older generation may hold a stale answer. */
  private generation = 0;
  /** Lookups sent to identity (tests and metrics). */
  lookups = 0;

  constructor(private readonly options: PrincipalResolverOptions) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async resolve(secret: string, kind: CredentialKind, workspaceId: string | undefined): Promise<PrincipalLookupResult> {
    const credentialHash = hashCredential(secret);
    const cacheKey = `${credentialHash}|${workspaceId ?? ''}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.expiresAt > this.now()) return cached.result;
    if (cached) this.cache.delete(cacheKey);
    const pending = this.inFlight.get(cacheKey);
    if (pending && pending.generation === this.generation) return pending.lookup;
    const request: PrincipalLookupRequest = { credentialHash, credentialKind: kind, ...(workspaceId ? { workspaceId } : {}) };
    const generation = this.generation;
    const lookup = (async () => {
      this.lookups += 1;
      const result = await this.options.identity.post<PrincipalLookupResult>(PRINCIPAL_LOOKUP_PATH, request);
      if (generation === this.generation) this.remember(cacheKey, result);
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

  private remember(cacheKey: string, result: PrincipalLookupResult): void {
    if (!this.caching || this.options.ttlMs <= 0) return;
    // Principals and unknown keys are cached; other refusals are rare and cheap to re-ask.
    if (!result.ok && result.reason !== 'UNKNOWN') return;
    let expiresAt = this.now() + this.options.ttlMs;
    if (result.ok && result.validUntil) expiresAt = Math.min(expiresAt, Date.parse(result.validUntil));
    this.cache.delete(cacheKey);
    this.cache.set(cacheKey, { result, expiresAt });
    const maxEntries = this.options.maxEntries ?? 10_000;
    while (this.cache.size > maxEntries) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Drops every cached principal an invalidation concerns. */
  invalidate(message: PrincipalInvalidation): void {
    this.generation += 1;
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
  }

  get size(): number {
    return this.cache.size;
  }
}
