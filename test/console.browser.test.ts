// The console's frame in a real browser: served by the gateway at /console with no request
// leaving localhost, sign-in with email and password, the workspace switcher, sign-out, an
// expired session sent back to sign-in, and a route reloaded in place. Each page's own flows
// have their files (console-*.browser.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bearer, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { launchChromium, skipWithoutChromium } from './browser.js';
import { openConsole, screenshots, seriousViolations, signInThroughConsole, type ConsoleSession } from './console.js';
import { startStack, type TestStack } from './testkit.js';

const skipped = skipWithoutChromium('console browser test');

let stack: TestStack;
let browser: Browser;
let owner: SignedUpUser;
let session: ConsoleSession;

describe.skipIf(skipped)('the console in a browser', () => {
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
    owner = await signUp(stack, 'Console Owner');
    await createWorkspaceAs(stack, owner.token, 'Alpha Workspace');
    await createWorkspaceAs(stack, owner.token, 'Beta Workspace');
    session = await openConsole(browser, stack);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows the sign-in form, accessible, from the gateway alone', async () => {
    const { page } = session;
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to the Atrium console' }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'sign-in');
  });

  it('refuses a wrong password with a message, then signs in', async () => {
    const { page } = session;
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/password/i);
    await signInThroughConsole(page, owner.email, owner.password);
    expect(await page.getByText('Console Owner').isVisible()).toBe(true);
  });

  it('switches workspaces', async () => {
    const { page } = session;
    const switcher = page.getByRole('combobox', { name: 'Workspace', exact: true });
    const names = await switcher.locator('option').allTextContents();
    expect(names.sort()).toEqual(['Alpha Workspace', 'Beta Workspace']);
    const other = (await switcher.inputValue()) === (await switcher.locator('option', { hasText: 'Alpha' }).getAttribute('value')) ? 'Beta Workspace' : 'Alpha Workspace';
    await switcher.selectOption({ label: other });
    expect(await switcher.locator('option:checked').textContent()).toBe(other);
  });

  it('signs out, and the session it had is revoked', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to the Atrium console' }).isVisible()).toBe(true);
    expect(await page.getByText('You are signed out.').isVisible()).toBe(true);
  });

  it('sends an expired session back to sign-in, saying why', async () => {
    const { page } = session;
    await signInThroughConsole(page, owner.email, owner.password);
    // End every session of the user from outside, as a password change elsewhere would.
    const other = await stack.query<{ createSession: { token: string } }>({
      query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }',
      variables: { input: { email: owner.email, password: owner.password } },
    });
    await stack.query({
      query: 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { user { id } } }',
      variables: { input: { currentPassword: owner.password, newPassword: `${owner.password}-2` } },
      headers: bearer(other.createSession.token),
    });
    session.expectProblem(/401/);
    await page.getByRole('link', { name: 'Tokens' }).click();
    await page.getByRole('combobox', { name: 'Workspace', exact: true }).selectOption({ index: 0 });
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to the Atrium console' }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText(/session has ended/).isVisible()).toBe(true);
  });

  it('left nothing unexpected: no request beyond localhost, no console error', () => {
    expect(session.aborted).toEqual([]);
    expect(session.unexpectedProblems()).toEqual([]);
  });
});
