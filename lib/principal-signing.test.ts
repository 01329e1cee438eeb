import { describe, expect, it } from 'vitest';
import { NonceRegistry, SIGNATURE_WINDOW_MS, signPrincipal, verifyPrincipal } from './principal-signing.js';
import type { Principal } from './principal.js';

const principal: Principal = { kind: 'user_key', userId: 'u1', keyId: 'k1', workspaceId: 'w1', scopes: ['items:read'], workspaceIds: ['w1'] };
const body = '{"query":"{ items { totalCount } }"}';

describe('principal signing', () => {
  it('round-trips with the current or a previous secret', () => {
    const header = signPrincipal(principal, body, ['old-secret']);
    expect(verifyPrincipal(header, body, ['new-secret', 'old-secret'], new NonceRegistry())).toEqual(principal);
  });

  it('refuses missing, forged, other-body, stale and replayed signatures', () => {
    const secrets = ['secret'];
    const reason = (run: () => unknown) => {
      try {
        run();
        return 'accepted';
      } catch (error) {
        return (error as { reason: string }).reason;
      }
    };
    expect(reason(() => verifyPrincipal(undefined, body, secrets, new NonceRegistry()))).toBe('MISSING');
    expect(reason(() => verifyPrincipal('a.b.c', body, secrets, new NonceRegistry()))).toBe('MALFORMED');
    expect(reason(() => verifyPrincipal(signPrincipal(principal, body, ['other']), body, secrets, new NonceRegistry()))).toBe('FORGED');
    expect(reason(() => verifyPrincipal(signPrincipal(principal, body, secrets), `${body} `, secrets, new NonceRegistry()))).toBe('FORGED');
    const elevated = signPrincipal(principal, body, secrets).split('.');
    elevated[0] = Buffer.from(JSON.stringify({ ...principal, scopes: ['keys:write'] })).toString('base64url');
    expect(reason(() => verifyPrincipal(elevated.join('.'), body, secrets, new NonceRegistry()))).toBe('FORGED');
    const old = Date.now() - SIGNATURE_WINDOW_MS - 1000;
    expect(reason(() => verifyPrincipal(signPrincipal(principal, body, secrets, old), body, secrets, new NonceRegistry()))).toBe('STALE');
    const nonces = new NonceRegistry();
    const header = signPrincipal(principal, body, secrets);
    expect(reason(() => verifyPrincipal(header, body, secrets, nonces))).toBe('accepted');
    expect(reason(() => verifyPrincipal(header, body, secrets, nonces))).toBe('REPLAYED');
  });
});
