// The client address behind proxies: X-Forwarded-For counts only when it comes from a
// proxy we trust, and only up to the first address we do not trust.
import { describe, expect, it } from 'vitest';
import { NO_TRUSTED_PROXIES, clientAddress, createTrustedProxies, trustedProxyProblems } from './trusted-proxies.js';

const proxies = createTrustedProxies(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1']);

describe('clientAddress', () => {
  it('is the socket peer when nobody is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('198.51.100.4', '203.0.113.9', NO_TRUSTED_PROXIES)).toBe('198.51.100.4');
    expect(clientAddress('::ffff:198.51.100.4', undefined, NO_TRUSTED_PROXIES)).toBe('198.51.100.4');
  });

  it('is the socket peer when the peer is not a trusted proxy (a spoofed header is ignored)', () => {
    expect(clientAddress('198.51.100.4', '203.0.113.9', proxies)).toBe('198.51.100.4');
  });

  it('walks X-Forwarded-For from the right past trusted proxies to the first untrusted address', () => {
    expect(clientAddress('10.1.2.3', '203.0.113.9', proxies)).toBe('203.0.113.9');
    // The client wrote "1.1.1.1" itself; the first untrusted hop from the right is the client.
    expect(clientAddress('10.1.2.3', '1.1.1.1, 203.0.113.9, 192.168.1.7', proxies)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:10.1.2.3', ['1.1.1.1', '203.0.113.9:5123'], proxies)).toBe('203.0.113.9');
    expect(clientAddress('::1', '2001:db8::5, fd12::1', proxies)).toBe('2001:db8::5');
    expect(clientAddress('::1', '[2001:db8::5]:443', proxies)).toBe('2001:db8::5');
  });

  it('stops at the last trusted hop when an element is not an address, and at the leftmost when all are trusted', () => {
    expect(clientAddress('10.1.2.3', 'unknown, 10.9.9.9', proxies)).toBe('10.9.9.9');
    expect(clientAddress('10.1.2.3', '', proxies)).toBe('10.1.2.3');
    expect(clientAddress('10.1.2.3', '10.5.5.5, 10.6.6.6', proxies)).toBe('10.5.5.5');
  });
});

describe('trustedProxyProblems', () => {
  it('accepts addresses and CIDR ranges of both families', () => {
    expect(trustedProxyProblems(['127.0.0.1', '10.0.0.0/8', '::1', '2001:db8::/32', '0.0.0.0/0'])).toEqual([]);
  });

  it('names every bad entry', () => {
    expect(trustedProxyProblems(['10.0.0.0/33', 'proxy.local', '1.2.3.4/8/9', '::1/129', '10.0.0.0/x'])).toEqual([
      '"10.0.0.0/33" has a prefix length outside 0-32',
      '"proxy.local" is not an IP address or CIDR range',
      '"1.2.3.4/8/9" is not an IP address or CIDR range',
      '"::1/129" has a prefix length outside 0-128',
      '"10.0.0.0/x" has a prefix length outside 0-32',
    ]);
  });
});
