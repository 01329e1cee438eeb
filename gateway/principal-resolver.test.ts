// The principal cache, with an in-process stand-in for identity's lookup endpoint so the
// clock and the answers are under the test's control.
import { describe, expect, it } from 'vitest';
import { generateCredential, hashCredential } from '../lib/api-key-format.js';
import type { KeyUsageReport, PrincipalLookupRequest, PrincipalLookupResult } from '../lib/principal.js';
import type { IdentityClient } from './identity-client.js';
import { KeyUsageRecorder } from './key-usage-recorder.js';
import { PrincipalResolver } from './principal-resolver.js';
import { createLogger } from '../lib/logger.js';

function fakeIdentity(answer: (request: PrincipalLookupRequest) => PrincipalLookupResult) {
  // Both endpoints' requests land here: a lookup, or a key-usage report.
  const calls: { path: string; payload: Partial<PrincipalLookupRequest & KeyUsageReport> }[] = [];
  const client: IdentityClient = {
    async post<T>(path: string, payload: unknown): Promise<T> {
      calls.push({ path, payload: payload as Partial<PrincipalLookupRequest & KeyUsageReport> });
      // An answer that comes back on a later turn of the event loop, as a real one does: lookups started together overlap.
      await new Promise((resolve) => setImmediate(resolve));
      return answer(payload as PrincipalLookupRequest) as T;
    },
  };
  return { client, calls };
}

const ok = (keyId: string, validUntil?: string): PrincipalLookupResult => ({
  ok: true,
  principal: { kind: 'user_key', keyId, userId: 'u', workspaceId: 'w', scopes: [], workspaceIds: ['w'] },
  validUntil,
});

describe('PrincipalResolver', () => {
  it('sends only the hash, shares in-flight lookups and caches for the TTL', async () => {
    let now = 1_000_000;
    const identity = fakeIdentity(() => ok('k1'));
    const resolver = new PrincipalResolver({ identity: identity.client, ttlMs: 5000, now: () => now });
    const secret = generateCredential('user_key');
    await Promise.all([resolver.resolve(secret, 'user_key', 'w'), resolver.resolve(secret, 'user_key', 'w')]);
    await resolver.resolve(secret, 'user_key', 'w');
    expect(identity.calls).toHaveLength(1);
    expect(identity.calls[0].payload).toEqual({ credentialHash: hashCredential(secret), credentialKind: 'user_key', workspaceId: 'w' });
    expect(JSON.stringify(identity.calls)).not.toContain(secret);
    now += 5001;
    await resolver.resolve(secret, 'user_key', 'w');
    expect(identity.calls).toHaveLength(2);
  });

  it("never caches past the credential's own end, and forgets what an invalidation names", async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const identity = fakeIdentity(() => ok('k1', new Date(now + 1000).toISOString()));
    const resolver = new PrincipalResolver({ identity: identity.client, ttlMs: 60_000, now: () => now });
    const secret = generateCredential('user_key');
    await resolver.resolve(secret, 'user_key', undefined);
    now += 1500;
    await resolver.resolve(secret, 'user_key', undefined);
    expect(identity.calls).toHaveLength(2);
    resolver.invalidate({ keyIds: ['k1'] });
    await resolver.resolve(secret, 'user_key', undefined);
    expect(identity.calls).toHaveLength(3);
  });

  it('neither caches nor shares an answer that was being looked up when an invalidation arrived', async () => {
    // Identity answers only when the test says so: lookups stay in flight across the invalidation.
    const pending: ((result: PrincipalLookupResult) => void)[] = [];
    const client: IdentityClient = { post: <T>() => new Promise<T>((resolve) => pending.push(resolve as (result: PrincipalLookupResult) => void)) };
    const resolver = new PrincipalResolver({ identity: client, ttlMs: 60_000 });
    const secret = generateCredential('user_key');
    const revoked: PrincipalLookupResult = { ok: false, reason: 'REVOKED' };

    const begunBefore = resolver.resolve(secret, 'user_key', 'w');
    resolver.invalidate({ keyIds: ['k1'] });
    const begunAfter = resolver.resolve(secret, 'user_key', 'w');
    // The later request does not join the older lookup: that one may have read the key before its revocation.
    expect(pending).toHaveLength(2);
    pending[1](revoked);
    expect(await begunAfter).toEqual(revoked);
    // The older lookup returns last, with the stale principal: its own caller gets it, the cache does not.
    pending[0](ok('k1'));
    expect(await begunBefore).toEqual(ok('k1'));
    const next = resolver.resolve(secret, 'user_key', 'w');
    expect(pending).toHaveLength(3);
    pending[2](revoked);
    expect(await next).toEqual(revoked);
    expect(resolver.size).toBe(0);
  });

  it('drops, on an invalidation, every principal it concerns and only those', async () => {
    const principals: Record<string, PrincipalLookupResult> = {
      userKey: { ok: true, principal: { kind: 'user_key', keyId: 'k-user', userId: 'u1', workspaceId: 'w1', scopes: [], workspaceIds: ['w1', 'w2'] } },
      userKeyNoWorkspace: { ok: true, principal: { kind: 'user_key', keyId: 'k-user2', userId: 'u2', scopes: [], workspaceIds: ['w2'] } },
      workspaceKey: { ok: true, principal: { kind: 'workspace_key', keyId: 'k-ws', workspaceId: 'w3', scopes: [], workspaceIds: ['w3'] } },
      session: { ok: true, principal: { kind: 'session', userId: 'u3', sessionId: 's1', scopes: [], workspaceIds: [] } },
    };
    const secrets = Object.fromEntries(Object.keys(principals).map((name) => [name, generateCredential('user_key')]));
    const byHash = new Map(Object.entries(secrets).map(([name, secret]) => [hashCredential(secret), principals[name]]));
    const identity = fakeIdentity((request) => byHash.get(request.credentialHash)!);
    const cases: [Parameters<PrincipalResolver['invalidate']>[0], string[]][] = [
      [{ keyIds: ['k-ws'] }, ['workspaceKey']],
      [{ userIds: ['u1'] }, ['userKey']],
      [{ sessionIds: ['s1'] }, ['session']],
      [{ userIds: ['u3'] }, ['session']],
      // A deleted workspace or a changed role: the principal working in it, and any that may act in it.
      [{ workspaceIds: ['w2'] }, ['userKey', 'userKeyNoWorkspace']],
      [{ workspaceIds: ['w3'] }, ['workspaceKey']],
      [{ keyIds: ['other'], userIds: ['other'], sessionIds: ['other'], workspaceIds: ['other'] }, []],
    ];
    for (const [message, dropped] of cases) {
      const resolver = new PrincipalResolver({ identity: identity.client, ttlMs: 60_000 });
      for (const secret of Object.values(secrets)) await resolver.resolve(secret, 'user_key', undefined);
      const before = identity.calls.length;
      resolver.invalidate(message);
      for (const secret of Object.values(secrets)) await resolver.resolve(secret, 'user_key', undefined);
      const asked = identity.calls.slice(before).map((call) => Object.keys(secrets).find((name) => hashCredential(secrets[name]) === call.payload.credentialHash));
      expect(asked, JSON.stringify(message)).toEqual(dropped);
    }
  });

  it('remembers unknown keys within a bounded size, and caches nothing while deaf to invalidations', async () => {
    const identity = fakeIdentity(() => ({ ok: false, reason: 'UNKNOWN' }));
    const resolver = new PrincipalResolver({ identity: identity.client, ttlMs: 5000, maxEntries: 100 });
    const secrets = Array.from({ length: 150 }, () => generateCredential('user_key'));
    for (const secret of secrets) await resolver.resolve(secret, 'user_key', undefined);
    expect(resolver.size).toBe(100);
    await resolver.resolve(secrets[149], 'user_key', undefined);
    expect(identity.calls).toHaveLength(150);
    resolver.setCaching(false);
    await resolver.resolve(secrets[149], 'user_key', undefined);
    await resolver.resolve(secrets[149], 'user_key', undefined);
    expect(identity.calls).toHaveLength(152);
  });
});

describe('KeyUsageRecorder', () => {
  it('reports many uses in one request, each key at most once a minute, and everything on stop', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const identity = fakeIdentity(() => ({ ok: false, reason: 'UNKNOWN' }));
    const recorder = new KeyUsageRecorder({ identity: identity.client, logger: createLogger('silent'), flushIntervalMs: 60_000, now: () => now });
    for (let use = 0; use < 1000; use += 1) recorder.record(`key-${use % 3}`);
    await recorder.flush();
    expect(identity.calls).toHaveLength(1);
    expect(Object.keys(identity.calls[0].payload.lastUsed ?? {}).sort()).toEqual(['key-0', 'key-1', 'key-2']);
    now += 30_000;
    recorder.record('key-0');
    recorder.record('key-3');
    await recorder.flush();
    expect(Object.keys(identity.calls[1].payload.lastUsed ?? {})).toEqual(['key-3']);
    now += 31_000;
    await recorder.flush();
    expect(Object.keys(identity.calls[2].payload.lastUsed ?? {})).toEqual(['key-0']);
    recorder.record('key-1');
    await recorder.stop();
    expect(Object.keys(identity.calls[3].payload.lastUsed ?? {})).toEqual(['key-1']);
  });

  it('forgets a reported key once its minute has passed: keys used once do not pile up for the life of the gateway', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const identity = fakeIdentity(() => ({ ok: false, reason: 'UNKNOWN' }));
    const recorder = new KeyUsageRecorder({ identity: identity.client, logger: createLogger('silent'), flushIntervalMs: 60_000, now: () => now });
    for (let key = 0; key < 100; key += 1) recorder.record(`key-${key}`);
    await recorder.flush();
    expect(recorder.recentlyReportedKeys).toBe(100);
    now += 61_000;
    recorder.record('key-100');
    recorder.record('key-0');
    await recorder.flush();
    expect(Object.keys(identity.calls[1].payload.lastUsed ?? {}).sort()).toEqual(['key-0', 'key-100']);
    expect(recorder.recentlyReportedKeys).toBe(2);
  });
});
