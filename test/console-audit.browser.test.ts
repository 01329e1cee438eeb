// The console's audit trail in a real browser: changes made through the API (a workspace
// renamed and re-described many times, a member's role changed) reach audit through identity's
// outbox and show on the page as field: old → new, with values as text (never markup); the
// filters and the pager; "Your activity" across account and workspaces; a member without
// audit:read sees only their own activity, never the workspace's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bearer, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { launchChromium, skipWithoutChromium } from './browser.js';
import { openConsole, screenshots, seriousViolations, signInThroughConsole, type ConsoleSession } from './console.js';
import { startStack, type TestStack } from './testkit.js';

const skipped = skipWithoutChromium('console audit trail browser test');

/** Renames enough to fill more than one page of 20. */
const DESCRIPTION_CHANGES = 21;
/** A value that would run script if the page ever rendered it as HTML. */
const MARKUP = '<img src="x" id="injected" onerror="window.__injected = 1">';

/** Tests that scan a full page with axe-core and take screenshots: slow on a busy machine. */
const SLOW = { timeout: 150_000 };

let stack: TestStack;
let browser: Browser;
let owner: SignedUpUser;
let reader: SignedUpUser;
let workspaceId: string;
let viewerRoleId: string;
let readerRoleId: string;
let ownerSession: ConsoleSession;
let readerSession: ConsoleSession;

async function asOwner<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return stack.query<T>({ query, variables, headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId } });
}

async function countEvents(action: string): Promise<number> {
  const data = await asOwner<{ auditEvents: { totalCount: number } }>('query($filter: AuditEventFilter) { auditEvents(filter: $filter) { totalCount } }', { filter: { action } });
  return data.auditEvents.totalCount;
}

describe.skipIf(skipped)('the audit trail in the console', () => {
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
    owner = await signUp(stack, 'Audit Owner');
    reader = await signUp(stack, 'Item Reader');
    workspaceId = await createWorkspaceAs(stack, owner.token, 'Audit Alpha');
    for (let index = 1; index <= DESCRIPTION_CHANGES; index++) {
      await asOwner('mutation($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { workspace { id } } }', { input: { description: index === 1 ? MARKUP : `Version ${index}` } });
    }
    await asOwner('mutation($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { workspace { id } } }', { input: { name: 'Audit Renamed' } });
    // A role without audit:read, and the reader moved to it from Viewer (which has it).
    const roles = await asOwner<{ roles: { nodes: { id: string; key: string }[] } }>('{ roles(first: 100) { nodes { id key } } }');
    viewerRoleId = roles.roles.nodes.find((role) => role.key === 'viewer')!.id;
    const created = await asOwner<{ createRole: { role: { id: string } } }>('mutation($input: CreateRoleInput!) { createRole(input: $input) { role { id } } }', {
      input: { name: 'Item reader', key: 'item_reader', permissions: ['ITEMS_READ'] },
    });
    readerRoleId = created.createRole.role.id;
    const added = await asOwner<{ addMember: { member: { id: string } } }>('mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }', {
      input: { email: reader.email, roleId: viewerRoleId },
    });
    await asOwner('mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { member { id } } }', { id: added.addMember.member.id, input: { roleId: readerRoleId } });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('receives the changes in audit (identity hands them over through an outbox, in the background)', async () => {
    await expect.poll(() => countEvents('MEMBER_ROLE_CHANGED'), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => countEvents('WORKSPACE_UPDATED'), { timeout: 20_000 }).toBe(DESCRIPTION_CHANGES + 1);
  });

  it("shows the workspace's events with each change as field: old → new", SLOW, async () => {
    ownerSession = await openConsole(browser, stack);
    const { page } = ownerSession;
    await signInThroughConsole(page, owner.email, owner.password);
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Audit trail' }).isVisible()).toBe(true);
    expect(await page.getByText('Audit events are kept 90 days').isVisible()).toBe(true);
    const workspaceTab = page.getByRole('tab', { name: 'Workspace events' });
    expect(await workspaceTab.getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(await workspaceTab.getAttribute('id'));

    const table = page.getByRole('table', { name: /Workspace events/ });
    await expect.poll(() => table.isVisible(), { timeout: 15_000 }).toBe(true);
    const rename = table.getByRole('row').filter({ hasText: 'Workspace updated' }).filter({ hasText: 'Audit Renamed' });
    expect(await rename.count()).toBe(1);
    const renameText = (await rename.innerText()).replace(/\s+/g, ' ');
    expect(renameText).toContain('name: Audit Alpha → Audit Renamed');
    expect(renameText).toContain(workspaceId);
    expect(renameText).toContain('Audit Owner');
    expect(renameText).toContain('Session');
    expect(await rename.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);

    const roleChange = table.getByRole('row').filter({ hasText: 'Member role changed' });
    expect(await roleChange.count()).toBe(1);
    expect((await roleChange.innerText()).replace(/\s+/g, ' ')).toContain(`roleId: ${viewerRoleId} → ${readerRoleId}`);
    expect(await page.getByText('Events 1–20 of').isVisible()).toBe(true);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'audit');
  });

  it('renders a changed value as text, never as markup', async () => {
    const { page } = ownerSession;
    await page.getByLabel('Action').selectOption({ label: 'Workspace updated' });
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.getByText('Page 2').isVisible()).toBe(true);
    // The oldest two description changes: from none to the markup, then from it to "Version 2",
    // the markup shown as the characters typed.
    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.filter({ hasText: `description: — → ${MARKUP}` }).count()).toBe(1);
    expect(await rows.filter({ hasText: `description: ${MARKUP} → Version 2` }).count()).toBe(1);
    expect(await page.locator('#injected').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
  });

  it('filters by action and target type, and pages back and forth', async () => {
    const { page } = ownerSession;
    // Still filtered to "Workspace updated", on page 2: 22 events, 20 and 2.
    expect(await page.getByText(`Events 21–${DESCRIPTION_CHANGES + 1} of ${DESCRIPTION_CHANGES + 1}`).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => page.getByText(`Events 1–20 of ${DESCRIPTION_CHANGES + 1}`).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Previous page' }).isDisabled()).toBe(true);

    // A target type narrows the actions to its own, and drops an action of another type.
    await page.getByLabel('Target type').selectOption({ label: 'Member' });
    expect(await page.getByLabel('Action').inputValue()).toBe('');
    const actions = await page.getByLabel('Action').locator('option').allTextContents();
    expect(actions).toContain('Member role changed');
    expect(actions).not.toContain('Workspace updated');
    expect(actions).not.toContain('Member group created');
    await expect.poll(() => page.getByText(/^Events 1–2 of 2 /).isVisible()).toBe(true);
    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(3);
    expect(await rows.filter({ hasText: 'Member added' }).count()).toBe(1);

    // An action with nothing in the period: the empty state says so and what to try.
    await page.getByLabel('Action').selectOption({ label: 'Member removed' });
    await expect.poll(() => page.getByText('No events in the last 24 hours match these filters.').isVisible()).toBe(true);
    expect(await page.getByRole('table').count()).toBe(0);
    await page.getByLabel('Period').selectOption({ label: 'Last 90 days' });
    await expect.poll(() => page.getByText('No events in the last 90 days match these filters.').isVisible()).toBe(true);
    await page.getByLabel('Target type').selectOption({ label: 'Any type' });
    await page.getByLabel('Action').selectOption({ label: 'Any action' });
    await expect.poll(() => page.getByRole('table').isVisible()).toBe(true);
  });

  it('says when the events cannot be read, and reads them again on "Try again"', SLOW, async () => {
    const { page } = ownerSession;
    await stack.stopSubgraph('audit');
    try {
      await page.getByLabel('Period').selectOption({ label: 'Last 7 days' });
      await expect.poll(() => page.getByRole('alert').isVisible(), { timeout: 30_000 }).toBe(true);
      expect(await page.getByRole('alert').textContent()).toMatch(/audit/i);
      expect(await page.getByRole('table').count()).toBe(0);
    } finally {
      await stack.startSubgraph('audit');
    }
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.getByRole('table').isVisible(), { timeout: 15_000 }).toBe(true);
  });

  it('shows your own activity, across your account and workspaces, in the other tab (arrow keys too)', SLOW, async () => {
    const { page } = ownerSession;
    await page.getByRole('tab', { name: 'Workspace events' }).focus();
    await page.keyboard.press('ArrowRight');
    const mine = page.getByRole('tab', { name: 'Your activity' });
    await expect.poll(() => mine.getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Your activity');
    const table = page.getByRole('table', { name: /Your activity/ });
    await expect.poll(() => table.isVisible(), { timeout: 15_000 }).toBe(true);
    // The workspace you created, named as it is now (your older events are on later pages: narrowed to them).
    await page.getByLabel('Action').selectOption({ label: 'Workspace created' });
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'Workspace created' }).filter({ hasText: 'Audit Renamed' }).count()).toBe(1);
    await page.getByLabel('Target type').selectOption({ label: 'User' });
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'Account registered' }).count()).toBe(1);
    const registered = table.getByRole('row').filter({ hasText: 'Account registered' });
    expect(await registered.count()).toBe(1);
    const registeredText = (await registered.innerText()).replace(/\s+/g, ' ');
    expect(registeredText).toContain('Your account');
    expect(registeredText).toContain(`email: — → ${owner.email}`);
    expect(registeredText).toContain('password: changed (values are never kept)');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'audit-mine');
  });

  it("shows a member without audit:read their own activity only, never the workspace's", SLOW, async () => {
    readerSession = await openConsole(browser, stack);
    const { page } = readerSession;
    await signInThroughConsole(page, reader.email, reader.password);
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await expect.poll(() => page.getByText('needs the audit:read permission').isVisible()).toBe(true);
    expect(await page.getByRole('tab').count()).toBe(0);
    expect(await page.getByText('Workspace events').count()).toBe(0);
    const table = page.getByRole('table', { name: /Your activity/ });
    await expect.poll(() => table.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await table.getByRole('row').filter({ hasText: 'Account registered' }).count()).toBe(1);
    // Changes others made in the workspace are not theirs.
    expect(await table.getByRole('row').filter({ hasText: 'Member role changed' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('left nothing unexpected: no request beyond localhost, no console error', () => {
    for (const session of [ownerSession, readerSession]) {
      expect(session.aborted).toEqual([]);
      expect(session.unexpectedProblems()).toEqual([]);
    }
  });
});
