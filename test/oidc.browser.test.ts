// Signing in with an OpenID provider in a real browser (Debian's chromium, driven by
// playwright-core) against a real provider (oidc-provider, in-process): the gateway's start →
// the provider's login and consent pages → the callback → "Signed in as …"; then the page's own
// fetch('/graphql') is answered for the signed-in user through the HttpOnly session cookie, and
// signing out ends it. Every request that leaves this machine is aborted.
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { repositoryPath } from '../lib/paths.js';
import type { OidcProviderSetting } from '../lib/oidc-settings.js';
import { startOidcProvider, TestOidcProvider } from './oidc-provider.js';
import { launchChromium, LOCAL_HOSTS, skipWithoutChromium } from './browser.js';
import { startStack, TestStack } from './testkit.js';

const skipped = skipWithoutChromium('OpenID browser test');
const ARTIFACTS = repositoryPath('test-artifacts');

let idp: TestOidcProvider;
let stack: TestStack;
let browser: Browser;
let page: Page;
let gateway: string;
const sub = `ada-${randomBytes(4).toString('hex')}`;
const email = `${sub}@acme.com`;

describe.skipIf(skipped)('signing in with an OpenID provider in a browser', () => {
  beforeAll(async () => {
    idp = await startOidcProvider({ accounts: [{ sub, email, email_verified: true, name: 'Ada Lovelace' }] });
    const providers: OidcProviderSetting[] = [{ id: 'acme', issuer: idp.issuer, clientId: 'atrium-web', clientSecret: 'web-secret-0123456789', allowedDomains: [], label: 'Acme SSO' }];
    [stack, browser] = await Promise.all([startStack({ settings: { oidcProviders: providers }, gateway: { oidcProviders: providers } }), launchChromium()]);
    gateway = new URL(stack.gatewayUrl).origin;
    idp.addClient({ clientId: 'atrium-web', clientSecret: 'web-secret-0123456789', redirectUris: [`${gateway}/auth/oidc/acme/callback`] });
    const context = await browser.newContext();
    // The provider's pages import a web font: nothing leaves this machine.
    await context.route('**/*', (route) => (LOCAL_HOSTS.has(new URL(route.request().url()).hostname) ? route.continue() : route.abort('internetdisconnected')));
    page = await context.newPage();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await idp?.stop();
  });

  async function graphqlFromPage(query: string): Promise<{ status: number; body: Record<string, unknown> }> {
    return page.evaluate(async (operation) => {
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: operation }) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }, query);
  }

  it('goes start → provider login → consent → callback, and the page is signed in', async () => {
    await page.goto(`${gateway}/auth/oidc/acme/start?returnTo=/graphql`);
    // The provider's login page (devInteractions): any password for a known account.
    await expect.poll(() => page.url()).toContain(`${idp.issuer}/interaction/`);
    await page.locator('input[name="login"]').fill(sub);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    // Consent: the provider asks whether Atrium may have the email and profile.
    await expect.poll(() => page.locator('input[name="prompt"]').getAttribute('value')).toBe('consent');
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.url()).toContain(`${gateway}/auth/oidc/acme/callback`);
    await expect.poll(() => page.locator('#signed-in').innerText()).toBe(`Signed in as Ada Lovelace (${email}) with Acme SSO.`);
    expect(await page.locator('#continue').getAttribute('href')).toBe('/graphql');
    await page.screenshot({ path: `${ARTIFACTS}/oidc-signed-in.png` });
    // The session cookie is out of the page's scripts' reach.
    expect(await page.evaluate(() => document.cookie)).not.toContain('atrium_session');

    const answer = await graphqlFromPage('{ viewer { credentialKind user { email emailVerified name } } }');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ data: { viewer: { credentialKind: 'SESSION', user: { email, emailVerified: true, name: 'Ada Lovelace' } } } });
  });

  it('signs out: the cookie is gone and the next request is anonymous', async () => {
    const signedOut = await page.evaluate(async () => (await fetch('/auth/sign-out', { method: 'POST', headers: { accept: 'application/json' } })).json());
    expect(signedOut).toEqual({ signedOut: true });
    const answer = await graphqlFromPage('{ me { email } }');
    expect(answer.status).toBe(401);
  });
});
