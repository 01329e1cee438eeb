// The console's Tokens page in a real browser: the empty state, a token made through the
// form (two workspaces, the read scope) whose one-time secret is copied and then works from
// outside, the list, a rotation with no grace (new secret works, old one refused), a
// revocation behind its confirmation, the workspace-keys section that only those who may
// manage workspace keys see (a key made there with a client name, after the API refused a
// wrong one), and the warning on a token near its expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { maskCredential } from '../lib/api-key-format.js';
import { bearer, createUserKey, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { launchChromium, skipWithoutChromium } from './browser.js';
import { openConsole, screenshots, seriousViolations, signInThroughConsole, type ConsoleSession } from './console.js';
import { selectRows, startStack, type TestStack } from './testkit.js';

const skipped = skipWithoutChromium('console tokens browser test');
/** How long the page may take to show what a request changed (a loaded machine answers slowly). */
const UI = { timeout: 15_000 };

let stack: TestStack;
let browser: Browser;
let owner: SignedUpUser;
let viewerMember: SignedUpUser;
let alphaId: string;
let betaId: string;
let session: ConsoleSession;
let memberSession: ConsoleSession | undefined;
let firstSecret: string;
let rotatedSecret: string;

interface KeyAnswer {
  readonly status: number;
  readonly correlationId: string | null;
  readonly workspaceName: string | null;
  readonly codes: string[];
}

/** A request with a key, as a partner's script would send it, with a correlation id of its own. */
async function callWithKey(secret: string, workspaceId: string | null, correlationId: string): Promise<KeyAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-api-key': secret, 'x-correlation-id': correlationId };
  if (workspaceId) headers['x-workspace-id'] = workspaceId;
  const response = await fetch(new URL('/graphql', stack.gatewayUrl), { method: 'POST', headers, body: JSON.stringify({ query: '{ workspace { id name } }' }) });
  const body = (await response.json()) as { data?: { workspace: { name: string } | null } | null; errors?: { extensions?: { code?: string } }[] };
  return {
    status: response.status,
    correlationId: response.headers.get('x-correlation-id'),
    workspaceName: body.data?.workspace?.name ?? null,
    codes: (body.errors ?? []).map((error) => String(error.extensions?.code)),
  };
}

/** Waits until the gateway refuses the secret (a revocation reaches every gateway through the invalidation feed). */
async function expectRefused(secret: string, workspaceId: string): Promise<void> {
  await expect
    .poll(async () => {
      const answer = await callWithKey(secret, workspaceId, `tokens-refused-${Date.now()}`);
      return { status: answer.status, codes: answer.codes };
    }, UI)
    .toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
}

/** Copies the secret on show with the panel's button and reads it back from the clipboard. */
async function copySecret(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy secret' }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Copied' }).isVisible(), UI).toBe(true);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe((await page.getByTestId('token-secret').textContent())?.trim());
  return copied;
}

/** The row of the key whose secret this is (rows name keys by their hint). */
function rowOf(page: Page, secret: string): Locator {
  return page.locator('tr', { has: page.getByText(maskCredential(secret), { exact: true }) });
}

async function currentWorkspace(page: Page): Promise<{ id: string; name: string }> {
  const switcher = page.getByRole('combobox', { name: /^Workspace/ });
  return { id: await switcher.inputValue(), name: (await switcher.locator('option:checked').textContent()) ?? '' };
}

describe.skipIf(skipped)('the Tokens page in a browser', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    // Request logs reach audit within 50 ms, so the calls made with the token show in Request logs at once.
    [stack, browser] = await Promise.all([startStack({ gateway: { requestLogFlushMs: 50 } }), launchChromium()]);
    owner = await signUp(stack, 'Token Owner');
    alphaId = await createWorkspaceAs(stack, owner.token, 'Alpha Workspace');
    betaId = await createWorkspaceAs(stack, owner.token, 'Beta Workspace');
    // A second person, a viewer of both workspaces: may make tokens, may not manage workspace keys.
    viewerMember = await signUp(stack, 'Token Viewer');
    for (const workspaceId of [alphaId, betaId]) {
      const headers = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
      const roles = await stack.query<{ roles: { nodes: { id: string; key: string }[] } }>({ query: '{ roles { nodes { id key } } }', headers });
      const viewerRole = roles.roles.nodes.find((role) => role.key === 'viewer')!;
      await stack.query({
        query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
        variables: { input: { email: viewerMember.email, roleId: viewerRole.id } },
        headers,
      });
    }
    session = await openConsole(browser, stack);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs in to the empty state, which offers the first token', async () => {
    const { page } = session;
    await signInThroughConsole(page, owner.email, owner.password);
    await expect.poll(() => page.getByRole('button', { name: 'Create your first token' }).isVisible(), UI).toBe(true);
    expect(await page.getByRole('button', { name: 'New token' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('says what to fix in the form, offering only the scopes the owner holds', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Create your first token' }).click();
    const form = page.getByRole('form', { name: 'New token' });
    await expect.poll(() => form.isVisible(), UI).toBe(true);
    // The description has the focus; sending nothing names each thing to fix beside its field.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tokens-form-description');
    await page.getByLabel('Expiration').selectOption('ONE_YEAR');
    const workspaceBoxes = form.getByRole('group', { name: 'Workspaces' }).getByRole('checkbox');
    for (const box of await workspaceBoxes.all()) await box.uncheck();
    await form.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => form.getByRole('alert').first().textContent(), UI).toBe('3 things to fix below.');
    expect(await form.getByText(/Say what the token is for/).isVisible()).toBe(true);
    expect(await form.getByText(/Choose at least one scope/).isVisible()).toBe(true);
    expect(await form.getByText(/Choose at least one workspace/).isVisible()).toBe(true);
    expect(await page.getByLabel('Description').getAttribute('aria-invalid')).toBe('true');
    // The owner holds everything: every cell of the grid and the three shortcuts are offered.
    expect(await form.getByRole('group', { name: 'Scopes' }).getByRole('checkbox').count()).toBe(8 * 3 + 3);
  });

  it('creates a token for both workspaces with the read scope, and shows its secret once', async () => {
    const { page } = session;
    const form = page.getByRole('form', { name: 'New token' });
    await page.getByLabel('Description').fill('CI reader');
    await form.getByRole('checkbox', { name: /^read: read every resource/ }).check();
    // The shortcut covers every read but keys': those cells are ticked and fixed.
    expect(await form.getByRole('checkbox', { name: /^Items: read/ }).isChecked()).toBe(true);
    expect(await form.getByRole('checkbox', { name: /^Items: read/ }).isDisabled()).toBe(true);
    expect(await form.getByRole('checkbox', { name: /^API keys: read/ }).isChecked()).toBe(false);
    await form.getByRole('checkbox', { name: 'Alpha Workspace' }).check();
    await form.getByRole('checkbox', { name: 'Beta Workspace' }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'tokens-new');

    await form.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Token created: CI reader' }).isVisible(), UI).toBe(true);
    expect(await page.getByText('You will not see this secret again.').isVisible()).toBe(true);
    firstSecret = await copySecret(page);
    expect(firstSecret).toMatch(/^atk_/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'tokens-secret');
  });

  it('the copied secret works from outside, in both workspaces, with the caller’s correlation id', async () => {
    for (const [workspaceId, name] of [
      [alphaId, 'Alpha Workspace'],
      [betaId, 'Beta Workspace'],
    ] as const) {
      const answer = await callWithKey(firstSecret, workspaceId, `tokens-test-${name.split(' ')[0]}`);
      expect(answer).toEqual({ status: 200, correlationId: `tokens-test-${name.split(' ')[0]}`, workspaceName: name, codes: [] });
    }
  });

  it('dismissing the panel takes the secret off the page; the list shows the token in both workspaces', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Done, I stored it' }).click();
    await expect.poll(() => page.getByTestId('token-secret').count(), UI).toBe(0);
    expect(await page.content()).not.toContain(firstSecret);
    // The list's text, so that a failure shows what the list said instead (an error, the empty state).
    await expect.poll(() => page.locator('section[aria-labelledby="tokens-mine-title"]').textContent(), UI).toContain(maskCredential(firstSecret));
    const row = rowOf(page, firstSecret);
    const cells = await row.locator('th, td').allTextContents();
    expect(cells.slice(0, 5)).toEqual(['CI reader', 'user', maskCredential(firstSecret), 'read', 'Alpha Workspace, Beta Workspace']);
    expect(cells[8]).toBe('active');
    expect(await page.getByRole('button', { name: 'New token' }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'tokens');
  });

  it('finds those calls in Request logs, by the token, with their correlation ids, and charts them', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Request logs' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Request logs', level: 1 }).isVisible(), UI).toBe(true);
    const token = page.getByLabel('Token');
    await expect.poll(async () => (await token.locator('option').allTextContents()).some((label) => label.includes('CI reader')), UI).toBe(true);
    await token.selectOption({ label: (await token.locator('option', { hasText: 'CI reader' }).textContent()) ?? '' });
    await page.getByLabel('Period').selectOption({ label: 'Last hour' });
    // Only Alpha's call is in the workspace the console acts in; the key's own logs are per workspace.
    await expect.poll(() => page.locator('tbody tr', { hasText: 'tokens-test-Alpha' }).count(), UI).toBe(1);
    await expect.poll(() => page.getByRole('img', { name: /^1 request and 0 errors/ }).count(), UI).toBe(1);
    await page.getByRole('link', { name: 'Tokens' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Tokens', level: 1 }).isVisible(), UI).toBe(true);
  });

  it('rotates the token with no grace: the new secret works, the old one is refused', async () => {
    const { page } = session;
    await rowOf(page, firstSecret)
      .getByRole('button', { name: /^Rotate/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Rotate token' });
    await expect.poll(() => dialog.isVisible(), UI).toBe(true);
    expect(await dialog.textContent()).toContain(maskCredential(firstSecret));
    await dialog.getByRole('radio', { name: /^None/ }).check();
    await dialog.getByRole('button', { name: 'Rotate' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Token rotated: CI reader' }).isVisible(), UI).toBe(true);
    rotatedSecret = await copySecret(page);
    expect(rotatedSecret).not.toBe(firstSecret);
    expect(await page.getByText('The old secret stopped working at once.').isVisible()).toBe(true);

    const answer = await callWithKey(rotatedSecret, betaId, 'tokens-test-rotated');
    expect(answer).toEqual({ status: 200, correlationId: 'tokens-test-rotated', workspaceName: 'Beta Workspace', codes: [] });
    await expectRefused(firstSecret, betaId);

    await page.getByRole('button', { name: 'Done, I stored it' }).click();
    await expect.poll(() => rowOf(page, firstSecret).locator('td').nth(7).textContent(), UI).toMatch(/^revoked/);
    expect(await rowOf(page, firstSecret).textContent()).toContain(`replaced by ${maskCredential(rotatedSecret)}`);
    expect(await rowOf(page, rotatedSecret).locator('td').nth(7).textContent()).toBe('active');
  });

  it('revokes the new secret behind a confirmation that names it; the API then refuses it', async () => {
    const { page } = session;
    await rowOf(page, rotatedSecret)
      .getByRole('button', { name: /^Revoke/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Revoke token?' });
    await expect.poll(() => dialog.isVisible(), UI).toBe(true);
    expect(await dialog.textContent()).toContain(`“CI reader” (${maskCredential(rotatedSecret)})`);
    expect(await seriousViolations(page)).toEqual([]);
    // Escape cancels: the key still works.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), UI).toBe(0);
    expect((await callWithKey(rotatedSecret, alphaId, 'tokens-test-kept')).status).toBe(200);

    await rowOf(page, rotatedSecret)
      .getByRole('button', { name: /^Revoke/ })
      .click();
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await expect.poll(() => rowOf(page, rotatedSecret).locator('td').nth(7).textContent(), UI).toBe('revoked');
    await expectRefused(rotatedSecret, alphaId);
  });

  it('a workspace admin sees the workspace keys section, creates a key there and uses it', async () => {
    const { page } = session;
    const workspace = await currentWorkspace(page);
    const section = page.getByRole('region', { name: `Workspace keys of ${workspace.name}` });
    await expect.poll(() => section.isVisible(), UI).toBe(true);
    expect(await section.getByText('This workspace has no keys of its own yet.').isVisible()).toBe(true);
    await section.getByRole('button', { name: 'New workspace key' }).click();
    const form = section.getByRole('form', { name: 'New workspace key' });
    await form.getByLabel('Description').fill('Nightly export');
    await form.getByLabel('Expiration').selectOption('ONE_MONTH');
    await form.getByRole('checkbox', { name: /^Workspaces: read/ }).check();
    await form.getByRole('checkbox', { name: /^Items: read/ }).check();
    // A client name the API refuses comes back beside its field, and nothing is created.
    const clientName = form.getByLabel('Client name');
    await clientName.fill('nightly export é');
    await form.getByRole('button', { name: 'Create workspace key' }).click();
    await expect.poll(() => form.getByText(/^The client name may contain only letters/).isVisible(), UI).toBe(true);
    expect(await clientName.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tokens-workspace-form-client');
    await clientName.fill(' nightly-export ');
    await form.getByRole('button', { name: 'Create workspace key' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Workspace key created: Nightly export' }).isVisible(), UI).toBe(true);
    const secret = await copySecret(page);
    expect(secret).toMatch(/^atw_/);
    // A workspace key needs no workspace header: it has exactly one.
    expect(await callWithKey(secret, null, 'tokens-test-workspace-key')).toEqual({ status: 200, correlationId: 'tokens-test-workspace-key', workspaceName: workspace.name, codes: [] });
    await page.getByRole('button', { name: 'Done, I stored it' }).click();
    const row = section.locator('tr', { has: page.getByText(maskCredential(secret), { exact: true }) });
    await expect.poll(() => row.isVisible(), UI).toBe(true);
    // The client name, trimmed, under the description: what the key's requests are counted under.
    expect(await row.locator('th').innerText()).toBe('Nightly export\nclient nightly-export');
    expect((await row.locator('td').allTextContents()).slice(0, 4)).toEqual(['workspace', maskCredential(secret), 'workspaces:read, items:read', workspace.name]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a member who may not manage workspace keys does not see that section; a token of theirs near its expiry is flagged', async () => {
    // A token of the member's, made a month long, then brought to 3 days from its end.
    const expiring = await createUserKey(stack, viewerMember.token, { scopes: ['items:read'], workspaceIds: [alphaId], description: 'Expiring soon' });
    await selectRows(stack.database.url, `update "identity"."api_keys" set expires_at = now() + interval '3 days' where id = $1`, [expiring.id]);
    memberSession = await openConsole(browser, stack);
    const { page } = memberSession;
    await signInThroughConsole(page, viewerMember.email, viewerMember.password);
    const row = rowOf(page, expiring.secret);
    await expect.poll(() => row.isVisible(), UI).toBe(true);
    expect(await row.locator('td').nth(5).locator('.badge-warning').textContent()).toBe('expires in 3 days');
    expect(await page.getByRole('heading', { name: /^Workspace keys/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New workspace key' }).count()).toBe(0);
    // A viewer holds only reads (and keys:write): the grid offers nothing else to write or delete.
    await page.getByRole('button', { name: 'New token' }).click();
    const scopes = page.getByRole('form', { name: 'New token' }).getByRole('group', { name: 'Scopes' });
    await expect.poll(() => scopes.isVisible(), UI).toBe(true);
    expect(await scopes.getByRole('checkbox', { name: /^read: / }).count()).toBe(1);
    expect(await scopes.getByRole('checkbox', { name: /(write|delete)/ }).count()).toBe(1);
    expect(await scopes.getByRole('checkbox', { name: /^API keys: write/ }).count()).toBe(1);
  });

  it('left nothing unexpected: no request beyond localhost, no console error', () => {
    for (const opened of [session, memberSession]) {
      expect(opened?.aborted).toEqual([]);
      expect(opened?.unexpectedProblems()).toEqual([]);
    }
  });
});
