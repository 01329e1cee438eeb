// The console's sign-in page in a real browser: creating an account (the verification mail
// arrives, then on into the console), asking for a password reset (the same answer whether or
// not the account exists, and the mail only when it does), and signing in with an OpenID
// provider end to end against a real one (oidc-provider, in-process): the console's button →
// the provider's login and consent → the callback → Continue → the console signed in through
// the HttpOnly session cookie; signing out clears it, and a reload shows the sign-in page.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { OidcProviderSetting } from '../lib/oidc-settings.js';
import { signUp, type SignedUpUser } from './identity-seeds.js';
import { launchChromium, skipWithoutChromium } from './browser.js';
import { openConsole, screenshots, seriousViolations, type ConsoleSession } from './console.js';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider.js';
import { startStack, type TestStack } from './testkit.js';

const skipped = skipWithoutChromium('console sign-in browser test');
const SLOW = { timeout: 150_000 };
const SIGN_IN_HEADING = 'Sign in to the Atrium console';

let idp: TestOidcProvider;
let stack: TestStack;
let browser: Browser;
let existing: SignedUpUser;
let session: ConsoleSession;
let oidcSession: ConsoleSession;
const sub = `grace-${randomBytes(4).toString('hex')}`;
const oidcEmail = `${sub}@acme.com`;

describe.skipIf(skipped)('the sign-in page of the console', () => {
  beforeAll(async () => {
    idp = await startOidcProvider({ accounts: [{ sub, email: oidcEmail, email_verified: true, name: 'Grace Hopper' }] });
    const providers: OidcProviderSetting[] = [{ id: 'acme', issuer: idp.issuer, clientId: 'atrium-console', clientSecret: 'console-secret-0123456789', allowedDomains: [], label: 'Acme SSO' }];
    [stack, browser] = await Promise.all([startStack({ settings: { oidcProviders: providers }, gateway: { oidcProviders: providers } }), launchChromium()]);
    idp.addClient({ clientId: 'atrium-console', clientSecret: 'console-secret-0123456789', redirectUris: [`${new URL(stack.gatewayUrl).origin}/auth/oidc/acme/callback`] });
    existing = await signUp(stack, 'Existing User');
    session = await openConsole(browser, stack);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await idp?.stop();
  });

  it('creates an account: the verification mail arrives, and the console opens', SLOW, async () => {
    const { page } = session;
    await expect.poll(() => page.getByRole('heading', { name: SIGN_IN_HEADING }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Create an Atrium account' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    // An address that has an account already: refused, saying what to do.
    await page.getByLabel('Name').fill('Second Try');
    await page.getByLabel('Email').fill(existing.email);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/cannot be used.*sign in or reset your password/);
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'sign-in-register');

    const email = `new-${randomBytes(4).toString('hex')}@example.com`;
    const sentBefore = stack.mail.messages().length;
    await page.getByLabel('Name').fill('Ada Newcomer');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Your account is ready' }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText(`We sent a verification link to ${email}`).isVisible()).toBe(true);
    const mail = await stack.mail.waitFor((caught) => caught.id > sentBefore && caught.to.includes(email));
    expect(mail.links.some((link) => new URL(link).pathname === '/account/verify-email')).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Continue to the console' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText('Ada Newcomer').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('heading', { name: SIGN_IN_HEADING }).isVisible()).toBe(true);
  });

  it('answers a password-reset request the same whether or not the account exists', SLOW, async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Reset your password' }).isVisible()).toBe(true);

    const sentBefore = stack.mail.messages().length;
    await page.getByLabel('Email').fill(existing.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(`If an account exists for ${existing.email}, a mail with a reset link is on its way. Check your inbox (and spam folder).`);
    const mail = await stack.mail.waitFor((caught) => caught.id > sentBefore && caught.to.includes(existing.email));
    expect(mail.links.some((link) => new URL(link).pathname === '/account/reset-password')).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'sign-in-forgot');

    const nobody = `nobody-${randomBytes(4).toString('hex')}@example.com`;
    await page.getByLabel('Email').fill(nobody);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(`If an account exists for ${nobody}, a mail with a reset link is on its way. Check your inbox (and spam folder).`);
    expect(stack.mail.messages().some((caught) => caught.to.includes(nobody))).toBe(false);

    await page.getByRole('button', { name: 'Back to sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { name: SIGN_IN_HEADING }).isVisible()).toBe(true);
  });

  it('signs in with an OpenID provider: button → provider → callback → the console, through the session cookie', SLOW, async () => {
    oidcSession = await openConsole(browser, stack);
    const { page, context } = oidcSession;
    // The provider's own pages ask for a web font from the internet: refused, as everything beyond localhost.
    oidcSession.expectProblem(/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/);
    await page.getByRole('link', { name: 'Acme SSO' }).click();
    await expect.poll(() => page.url()).toContain(`${idp.issuer}/interaction/`);
    await page.locator('input[name="login"]').fill(sub);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('input[name="prompt"]').getAttribute('value')).toBe('consent');
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('#signed-in').innerText()).toBe(`Signed in as Grace Hopper (${oidcEmail}) with Acme SSO.`);
    expect(await page.locator('#continue').getAttribute('href')).toBe('/console/');

    await page.locator('#continue').click();
    await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText('Grace Hopper').isVisible()).toBe(true);
    // Signed in by the cookie alone: the page's scripts cannot read it.
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'atrium_session')).toMatchObject({ httpOnly: true, path: '/' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('atrium_session');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'sign-in-oidc');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('heading', { name: SIGN_IN_HEADING }).isVisible()).toBe(true);
    expect((await context.cookies()).some((cookie) => cookie.name === 'atrium_session')).toBe(false);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: SIGN_IN_HEADING }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });

  it('left nothing unexpected: no console error, nothing beyond localhost but the provider page’s font', () => {
    expect(session.aborted).toEqual([]);
    expect(session.unexpectedProblems()).toEqual([]);
    expect(oidcSession.aborted.filter((url) => !/^https:\/\/fonts\.(googleapis|gstatic)\.com\//.test(url))).toEqual([]);
    expect(oidcSession.unexpectedProblems()).toEqual([]);
  });
});
