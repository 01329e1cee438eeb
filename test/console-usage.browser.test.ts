// The console's schema-usage page in a real browser: two clients call the API through the
// gateway, and the page shows, for a coordinate, its requests, the clients (name, version)
// and the operations that used it, says whose traffic it counts, and lists the coordinates
// nobody touched (deprecated ones marked), a page at a time; no serious axe violation, no
// sideways scroll at 375 px. A member without audit:read has no "Schema usage" entry.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import { bearer, createUserKey, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { launchChromium, skipWithoutChromium } from './browser.js';
import { openConsole, screenshots, seriousViolations, signInThroughConsole, type ConsoleSession } from './console.js';
import { startStack, type TestStack } from './testkit.js';

const skipped = skipWithoutChromium('console schema usage browser test');

/** Tests that scan a full page with axe-core and take screenshots: slow on a busy machine. */
const SLOW = { timeout: 150_000 };

let stack: TestStack;
let browser: Browser;
let owner: SignedUpUser;
let reader: SignedUpUser;
let workspaceId: string;
let session: ConsoleSession;

describe.skipIf(skipped)('schema usage in the console', () => {
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ gateway: { requestLogFlushMs: 50 } }), launchChromium()]);
    owner = await signUp(stack, 'Usage Owner');
    reader = await signUp(stack, 'Item Reader');
    workspaceId = await createWorkspaceAs(stack, owner.token, 'Usage Alpha');
    const ownerHeaders = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
    // A role without audit:read.
    const role = await stack.query({
      query: 'mutation { createRole(input: { key: "item_reader", name: "Item reader", permissions: [ITEMS_READ] }) { role { id } } }',
      headers: ownerHeaders,
    });
    await stack.query({
      query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
      variables: { input: { email: reader.email, roleId: role.createRole.role.id } },
      headers: ownerHeaders,
    });
    const app = await createUserKey(stack, owner.token, { scopes: ['workspaces:read'], workspaceIds: [workspaceId] });
    const web = { 'x-api-key': app.secret, 'apollographql-client-name': 'web', 'apollographql-client-version': '2.0.1' };
    const ios = { 'x-api-key': app.secret, 'apollographql-client-name': 'ios', 'apollographql-client-version': '5.1' };
    await stack.query({ query: 'query WorkspaceMode { workspace { trustedDocumentsOnly } }', headers: web });
    await stack.query({ query: 'query WorkspaceMode { workspace { trustedDocumentsOnly } }', headers: web });
    await stack.query({ query: 'query WorkspaceCard { workspace { id trustedDocumentsOnly } }', headers: ios });
    // The request logs reach audit in the background: wait for the three requests.
    const counted = async () => (await stack.query({ query: '{ schemaUsage(coordinate: "Workspace.trustedDocumentsOnly") { requests } }', headers: ownerHeaders })).schemaUsage.requests;
    await vi.waitFor(async () => expect(await counted()).toBe(3), { timeout: 20_000, interval: 100 });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("shows a coordinate's requests, clients and operations, and whose traffic it counts", SLOW, async () => {
    session = await openConsole(browser, stack);
    const { page } = session;
    await signInThroughConsole(page, owner.email, owner.password);
    await page.getByRole('link', { name: 'Schema usage' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Schema usage' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText("This workspace's traffic").isVisible()).toBe(true);

    await page.getByLabel('Schema coordinate').fill('Workspace.trustedDocumentsOnly');
    await page.getByRole('button', { name: 'Show usage' }).click();
    const clients = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Version' }) });
    await expect.poll(() => clients.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('.usage-summary').innerText()).toMatch(/Requests\s+3/);
    const clientRows = clients.getByRole('row');
    expect((await clientRows.nth(1).innerText()).replace(/\s+/g, ' ')).toMatch(/^web 2\.0\.1 2 /);
    expect((await clientRows.nth(2).innerText()).replace(/\s+/g, ' ')).toMatch(/^ios 5\.1 1 /);
    const operations = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Document' }) });
    const title = operations.getByRole('row').filter({ hasText: 'WorkspaceMode' });
    expect((await title.innerText()).replace(/\s+/g, ' ')).toMatch(/WorkspaceMode [0-9a-f]{12} .*query 2 .*web 2\.0\.1 \(2\)/);
    expect(await operations.getByRole('row').filter({ hasText: 'WorkspaceCard' }).count()).toBe(1);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'schema-usage');
  });

  it('says when nothing touched a coordinate, and refuses a malformed one with its reason', async () => {
    const { page } = session;
    await page.getByLabel('Schema coordinate').fill('Workspace.removedLongAgo');
    await page.getByRole('button', { name: 'Show usage' }).click();
    await expect.poll(() => page.getByText('No recorded request touched').isVisible(), { timeout: 15_000 }).toBe(true);
    session.expectProblem(/status of 200|BAD_USER_INPUT/);
    await page.getByLabel('Schema coordinate').fill('Workspace.');
    await page.getByRole('button', { name: 'Show usage' }).click();
    await expect.poll(() => page.getByRole('alert').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole('alert').innerText()).toMatch(/coordinate must be a schema coordinate/);
  });

  it('lists the coordinates nobody touched, by kind, a page at a time, deprecated ones marked', SLOW, async () => {
    const { page } = session;
    await page.getByRole('tab', { name: 'Unused fields' }).click();
    const table = page.getByRole('table', { name: /no recorded request touched/ });
    await expect.poll(() => table.isVisible(), { timeout: 15_000 }).toBe(true);
    // Every kind first; then the fields alone, once their list has arrived (the previous one stays on screen, busy, until then).
    const settled = page.locator('[aria-busy="false"]').getByText(/^Unused 1–50 of/);
    await expect.poll(() => settled.isVisible(), { timeout: 15_000 }).toBe(true);
    const everyKind = await settled.innerText();
    await page.getByLabel('Kind').selectOption({ label: 'Fields' });
    await expect.poll(async () => (await settled.isVisible()) && (await settled.innerText()) !== everyKind, { timeout: 15_000 }).toBe(true);
    const rows = table.getByRole('row');
    // What the clients touched is not unused.
    for (let pageNumber = 1; ; pageNumber++) {
      expect(await rows.filter({ hasText: 'Workspace.trustedDocumentsOnly' }).count()).toBe(0);
      if ((await rows.filter({ hasText: 'Member.status' }).count()) > 0) break;
      const next = page.getByRole('button', { name: 'Next page' });
      expect(await next.isDisabled(), 'Member.status was on no page').toBe(false);
      await next.click();
      await expect.poll(() => page.getByText(`Page ${pageNumber + 1}`).isVisible(), { timeout: 15_000 }).toBe(true);
      // The page shown stays until the next one has arrived.
      await expect
        .poll(
          () =>
            page
              .locator('[aria-busy="false"]')
              .filter({ hasText: `Unused ${pageNumber * 50 + 1}–` })
              .isVisible(),
          { timeout: 15_000 },
        )
        .toBe(true);
    }
    const status = rows.filter({ hasText: 'Member.status' });
    expect((await status.innerText()).replace(/\s+/g, ' ')).toMatch(/Member\.status field Deprecated Every member is ACTIVE/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'schema-usage-unused');
    expect(session.unexpectedProblems()).toEqual([]);
  });

  it('shows no "Schema usage" entry to a member without audit:read', async () => {
    const readerSession = await openConsole(browser, stack);
    const { page } = readerSession;
    await signInThroughConsole(page, reader.email, reader.password);
    await expect.poll(() => page.getByRole('link', { name: 'Audit trail' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Schema usage' }).count()).toBe(0);
    await readerSession.context.close();
  });
});
