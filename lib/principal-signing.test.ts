import { describe, expect, it } from 'vitest';
import { InProcessNonceStore, SIGNATURE_WINDOW_MS, signPrincipal, verifyPrincipal, type SignatureError } from './principal-signing.js';
import type { Principal } from './principal.js';

const principal: Principal = { kind: 'user_key', userId: 'u1', keyId: 'k1', workspaceId: 'w1', scopes: ['items:read'], workspaceIds: ['w1'] };
const body = '{"query":"{ items { totalCount } }"}';
const secrets = ['secret'];

/** The verdict of content verifying `header`: 'accepted' or the failure reason. */
async function reason(header: string | undefined, options: { body?: string; nonces?: InProcessNonceStore; secrets?: string[] } = {}): Promise<string> {
  try {
    await verifyPrincipal(header, options.body ?? body, { audience: 'content', secrets: options.secrets ?? secrets, nonces: options.nonces ?? new InProcessNonceStore() });
    return 'accepted';
  } catch (error) {
    return (error as SignatureError).reason;
  }
}

describe('principal signing', () => {
  it('round-trips with the current or a previous secret', async () => {
    const header = signPrincipal(principal, 'content', body, ['old-secret']);
    expect(await verifyPrincipal(header, body, { audience: 'content', secrets: ['new-secret', 'old-secret'], nonces: new InProcessNonceStore() })).toEqual(principal);
  });

  it('refuses missing, malformed, forged, other-body, stale and replayed signatures', async () => {
    expect(await reason(undefined)).toBe('MISSING');
    expect(await reason('a.b.c.d')).toBe('MALFORMED');
    expect(await reason(signPrincipal(principal, 'content', body, ['other']))).toBe('FORGED');
    expect(await reason(signPrincipal(principal, 'content', body, secrets), { body: `${body} ` })).toBe('FORGED');
    const elevated = signPrincipal(principal, 'content', body, secrets).split('.');
    elevated[0] = Buffer.from(JSON.stringify({ ...principal, scopes: ['*'] })).toString('base64url');
    expect(await reason(elevated.join('.'))).toBe('FORGED');
    const old = Date.now() - SIGNATURE_WINDOW_MS - 1000;
    expect(await reason(signPrincipal(principal, 'content', body, secrets, old))).toBe('STALE');
    const nonces = new InProcessNonceStore();
    const header = signPrincipal(principal, 'content', body, secrets);
    expect(await reason(header, { nonces })).toBe('accepted');
    expect(await reason(header, { nonces })).toBe('REPLAYED');
  });

  it('accepts a header only at the subgraph it was signed for', async () => {
    expect(await reason(signPrincipal(principal, 'identity', body, secrets))).toBe('WRONG_AUDIENCE');
    expect(await reason(signPrincipal(principal, 'audit', body, secrets))).toBe('WRONG_AUDIENCE');
    // The audience is signed: relabelling a header for identity as content breaks it.
    const relabelled = signPrincipal(principal, 'identity', body, secrets).split('.');
    relabelled[1] = 'content';
    expect(await reason(relabelled.join('.'))).toBe('FORGED');
  });

  it('records only nonces of headers that pass every other check', async () => {
    const nonces = new InProcessNonceStore();
    const forIdentity = signPrincipal(principal, 'identity', body, secrets);
    expect(await reason(forIdentity, { nonces })).toBe('WRONG_AUDIENCE');
    const stale = signPrincipal(principal, 'content', body, secrets, Date.now() - SIGNATURE_WINDOW_MS - 1000);
    expect(await reason(stale, { nonces })).toBe('STALE');
    expect(await nonces.remember(forIdentity.split('.')[3], Date.now() + 1000)).toBe(true);
    expect(await nonces.remember(stale.split('.')[3], Date.now() + 1000)).toBe(true);
  });
});
