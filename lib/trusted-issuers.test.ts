import { describe, expect, it } from 'vitest';
import { issuerAddressProblem } from './trusted-issuers.js';

describe('issuerAddressProblem (what trustIssuer may fetch from)', () => {
  it.each([
    'https://10.1.2.3',
    'https://172.20.0.5/realm',
    'https://192.168.1.1',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1',
    'https://0.0.0.0',
    'https://[fd00::1]',
    'https://[fe80::1]',
    'https://[::ffff:10.0.0.1]',
  ])('refuses %s, inside the network', async (url) => {
    expect(await issuerAddressProblem(url, true)).toMatch(/private, link-local or reserved/);
  });

  it('refuses loopback unless development or tests allow it, by address or by name', async () => {
    for (const url of ['https://127.0.0.1', 'http://[::1]:8080', 'https://localhost']) {
      expect(await issuerAddressProblem(url, false), url).toMatch(/loopback/);
      expect(await issuerAddressProblem(url, true), url).toBeUndefined();
    }
  });

  it('accepts public addresses', async () => {
    expect(await issuerAddressProblem('https://8.8.8.8', false)).toBeUndefined();
    expect(await issuerAddressProblem('https://[2001:4860:4860::8888]', false)).toBeUndefined();
  });

  it('refuses a name that does not resolve', async () => {
    expect(await issuerAddressProblem('https://no-such-host.invalid', false)).toMatch(/does not resolve/);
  });
});
