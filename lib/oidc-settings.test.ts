// OIDC_PROVIDERS: presets fill in the issuer, every problem is listed at start (through
// loadConfig, with the others), and no problem quotes a client secret.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { parseOidcProviders } from './oidc-settings.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('OIDC_PROVIDERS', () => {
  it('reads presets and generic issuers', () => {
    const { providers, problems } = parseOidcProviders(
      JSON.stringify([
        { id: 'google', preset: 'google', clientId: 'g-client', clientSecret: 'g-secret' },
        { id: 'microsoft', preset: 'microsoft', tenant: TENANT, clientId: 'm-client' },
        { id: 'acme', issuer: 'https://idp.acme.com', clientId: 'a', clientSecret: 's', allowedDomains: ['Acme.com'], label: 'Acme SSO' },
      ]),
    );
    expect(problems).toEqual([]);
    expect(providers).toEqual([
      { id: 'google', issuer: 'https://accounts.google.com', clientId: 'g-client', clientSecret: 'g-secret', allowedDomains: [], label: 'Google', preset: 'google' },
      { id: 'microsoft', issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`, clientId: 'm-client', allowedDomains: [], label: 'Microsoft', preset: 'microsoft' },
      { id: 'acme', issuer: 'https://idp.acme.com', clientId: 'a', clientSecret: 's', allowedDomains: ['acme.com'], label: 'Acme SSO' },
    ]);
    expect(parseOidcProviders(undefined)).toEqual({ providers: [], problems: [] });
  });

  it('lists every problem at start, without quoting a secret', () => {
    const secret = 'do-not-print-me-0123456789';
    const environment = {
      NODE_ENV: 'test',
      PRINCIPAL_SIGNING_SECRETS: 'x'.repeat(40),
      OIDC_PROVIDERS: JSON.stringify([
        { id: 'Bad Id', issuer: 'https://idp.example.com', clientId: 'a' },
        { id: 'ms', preset: 'microsoft', tenant: 'common', clientId: 'a', clientSecret: secret },
        { id: 'plain', issuer: 'http://idp.example.com', clientId: 'a', clientSecret: secret },
        { id: 'none', clientId: '' },
        { id: 'dup', preset: 'google', clientId: 'a' },
        { id: 'dup', preset: 'google', clientId: 'a', extra: secret },
      ]),
      PORT: 'not-a-port',
    };
    let error: unknown;
    try {
      loadConfig(environment);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: /),
        'OIDC_PROVIDERS: provider "Bad Id": id must be 1 to 32 lower-case letters, digits or dashes',
        'OIDC_PROVIDERS: provider "ms": the microsoft preset needs tenant: your directory (tenant) id, a GUID from the Azure portal',
        'OIDC_PROVIDERS: provider "plain": issuer must be an https URL (http only on 127.0.0.1 or localhost)',
        'OIDC_PROVIDERS: provider "none": clientId is required',
        'OIDC_PROVIDERS: provider "none": issuer is required (or a preset: google, microsoft)',
        'OIDC_PROVIDERS: provider "dup": unknown field(s) extra',
      ]),
    );
    expect(problems.join('\n')).not.toContain(secret);
    expect(() => loadConfig({ ...environment, PORT: '4000', OIDC_PROVIDERS: '{not json' })).toThrow(/OIDC_PROVIDERS: must be a JSON list/);
  });
});
