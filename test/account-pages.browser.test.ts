// The account pages in a real browser (Debian's chromium, driven by playwright-core): a
// new user opens the verification link from the mail sink, clicks "Verify my email", and is
// verified; a user who forgot their password opens the reset link, sets a new one and signs
// in with it. Opening a link changes nothing by itself (mail scanners prefetch links).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bearer, registerUnverified, signUp } from './identity-seeds.js';
import { launchChromium, skipWithoutChromium } from './browser.js';
import { errorCodes, startStack, TestStack } from './testkit.js';

const skipped = skipWithoutChromium('account pages browser test');

let stack: TestStack;
let browser: Browser;
const pageProblems: string[] = [];

/** The mailed link, opened on this stack's gateway (the stack's PUBLIC_URL is a placeholder). */
function onGateway(link: string): string {
  const url = new URL(link);
  return new URL(`${url.pathname}${url.search}`, stack.gatewayUrl).href;
}

async function newPage(): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(`console error: ${message.text()}`);
  });
  return page;
}

describe.skipIf(skipped)('the account pages in a browser', () => {
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('verifies an email address on a click, not on opening the link', async () => {
    const user = await registerUnverified(stack, 'Browser <b>User</b>');
    const mail = await stack.mail.waitFor((caught) => caught.to.includes(user.email));
    const page = await newPage();
    const response = await page.goto(onGateway(mail.links[0]));
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    await expect.poll(() => page.getByRole('heading').innerText(), { timeout: 15_000 }).toBe('Verify your email address');
    // Opened, not clicked: still unverified.
    expect((await stack.query({ query: '{ me { emailVerified } }', headers: bearer(user.token) })).me.emailVerified).toBe(false);

    await page.getByRole('button', { name: 'Verify my email' }).click();
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 15_000 }).toContain(`Your email address ${user.email} is verified`);
    expect((await stack.query({ query: '{ me { emailVerified } }', headers: bearer(user.token) })).me.emailVerified).toBe(true);

    // The same link again: the page says why it cannot be used.
    await page.reload();
    await page.getByRole('button', { name: 'Verify my email' }).click();
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 15_000 }).toMatch(/cannot be used/);
    expect(pageProblems.filter((problem) => !problem.includes('status of 4'))).toEqual([]);
    await page.close();
  });

  it('sets a new password from the reset link, and it signs in', async () => {
    const user = await signUp(stack, 'Forgetful Browser');
    await stack.query({ query: 'mutation($email: String!) { requestPasswordReset(email: $email) { email } }', variables: { email: user.email } });
    const mail = await stack.mail.waitFor((caught) => caught.to.includes(user.email) && caught.subject.includes('Reset'));
    const page = await newPage();
    await page.goto(onGateway(mail.links[0]));
    await page.getByLabel('New password', { exact: true }).fill('browser-chosen-password');
    await page.getByLabel('New password, again').fill('browser-chosen-password');
    await page.getByRole('button', { name: 'Set my new password' }).click();
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 15_000 }).toContain('Your new password is set');

    const signedIn = await stack.request({
      query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }',
      variables: { input: { email: user.email, password: 'browser-chosen-password' } },
    });
    expect(errorCodes(signedIn)).toEqual([]);
    expect(errorCodes(await stack.request({ query: '{ me { id } }', headers: bearer(user.token) }))).toEqual(['UNAUTHENTICATED']);
    await page.close();
  });

  it('says so when a page is opened without a token, and answers garbage paths and methods without failing', async () => {
    const page = await newPage();
    await page.goto(new URL('/account/reset-password', stack.gatewayUrl).href);
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 15_000 }).toMatch(/no token/);
    expect(await page.getByRole('button').isDisabled()).toBe(true);
    await page.close();
    expect((await fetch(new URL('/account/nothing?token=<script>', stack.gatewayUrl))).status).toBe(404);
    expect((await fetch(new URL('/account/assets/../../package.json', stack.gatewayUrl))).status).toBe(404);
    expect((await fetch(new URL('/account/verify-email', stack.gatewayUrl), { method: 'POST', body: 'x'.repeat(100_000) })).status).toBe(405);
    const invitation = await (await fetch(new URL('/account/invitation?token=%22%3E%3Cscript%3Ealert(1)%3C/script%3E', stack.gatewayUrl))).text();
    expect(invitation).not.toContain('alert(1)');
    expect(invitation).toContain('<label for="email">Email</label>');
  });
});
