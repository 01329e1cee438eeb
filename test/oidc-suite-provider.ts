// The OpenID provider of the generated authorization suite (test/authorization): started once
// per worker when the suite's stack starts, so that the case of createSessionFromIdToken
// (@public) can sign in with a real ID token. One account; every token is a fresh one for it.
import type { OidcProviderSetting } from '../lib/oidc-settings.js';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider.js';

export const SUITE_OIDC_PROVIDER_ID = 'suite';
const CLIENT = { clientId: 'atrium-suite', clientSecret: 'suite-secret-0123456789', redirectUris: ['http://127.0.0.1:9/unused'] };
const ACCOUNT = { sub: 'suite-user', email: 'suite-oidc-user@example.com', email_verified: true, name: 'Suite OIDC User' };

let provider: TestOidcProvider | undefined;

/** Starts the provider (once) and answers the settings that trust it, for startStack. */
export async function startSuiteOidcProvider(): Promise<OidcProviderSetting[]> {
  provider ??= await startOidcProvider({ clients: [CLIENT], accounts: [ACCOUNT] });
  return [{ id: SUITE_OIDC_PROVIDER_ID, issuer: provider.issuer, clientId: CLIENT.clientId, allowedDomains: [], label: 'Suite' }];
}

/** A fresh ID token for the suite's account. */
export async function suiteIdToken(): Promise<string> {
  if (!provider) throw new Error('startSuiteOidcProvider() first');
  return (await provider.idTokenFor(ACCOUNT.sub)).idToken;
}

export async function stopSuiteOidcProvider(): Promise<void> {
  await provider?.stop();
  provider = undefined;
}
