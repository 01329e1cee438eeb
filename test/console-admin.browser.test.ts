// The console's workspace admin pages in a real browser: an owner invites by email (the
// invitation pending), changes the role of someone who joined (the API confirms it),
// removes a member after a confirmation, reads the roles' permissions and creates one,
// creates a group and adds a member, reads the statistics and the deletion preview, and
// deletes a throwaway workspace only once its exact name is typed. An admin who tries to
// grant the owner role sees the API's refusal. A viewer sees none of the admin controls.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bearer, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { invitationMail, invitationToken } from './invitation-seeds.js';
import { launchChromium, skipWithoutChromium } from './browser.js';
import { openConsole, screenshots, seriousViolations, signInThroughConsole, type ConsoleSession } from './console.js';
import { startStack, type TestStack } from './testkit.js';

const skipped = skipWithoutChromium('console admin browser test');

let stack: TestStack;
let browser: Browser;
let owner: SignedUpUser;
let joiner: SignedUpUser;
let leaver: SignedUpUser;
let viewer: SignedUpUser;
let admin: SignedUpUser;
let workspaceId: string;
let throwawayId: string;
let roleIds: Record<string, string>;
const sessions: ConsoleSession[] = [];

/** Polls until the page shows it: a page reads the API first, which can take seconds on a busy machine. */
function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000 });
}

function asOwner(workspace = workspaceId): Record<string, string> {
  return { ...bearer(owner.token), 'x-workspace-id': workspace };
}

async function addMember(user: SignedUpUser, role: string): Promise<void> {
  await stack.query({
    query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
    variables: { input: { email: user.email, roleId: roleIds[role] } },
    headers: asOwner(),
  });
}

/** The role key of the member with this email, as the API answers (null: not a member). */
async function roleOf(email: string): Promise<string | null> {
  const data = await stack.query<{ members: { nodes: { user: { email: string }; role: { key: string } }[] } }>({
    query: 'query($search: String) { members(first: 100, filter: { search: $search }) { nodes { user { email } role { key } } } }',
    variables: { search: email },
    headers: asOwner(),
  });
  return data.members.nodes.find((member) => member.user.email === email)?.role.key ?? null;
}

async function openPage(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: link }).click();
  await eventually(() => page.getByRole('heading', { level: 1, name: heading }).isVisible()).toBe(true);
}

async function expectClean(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, name);
}

async function signedIn(user: SignedUpUser): Promise<ConsoleSession> {
  const session = await openConsole(browser, stack);
  sessions.push(session);
  await signInThroughConsole(session.page, user.email, user.password);
  return session;
}

describe.skipIf(skipped)('the console admin pages in a browser', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
    // One at a time: password hashing is slow on purpose, and five at once outlast the gateway's patience.
    owner = await signUp(stack, 'Olive Owner');
    joiner = await signUp(stack, 'Jamie Joiner');
    leaver = await signUp(stack, 'Lee Leaver');
    viewer = await signUp(stack, 'Vic Viewer');
    admin = await signUp(stack, 'Ada Admin');
    workspaceId = await createWorkspaceAs(stack, owner.token, 'Main Workspace');
    throwawayId = await createWorkspaceAs(stack, owner.token, 'Throwaway Workspace');
    const roles = await stack.query<{ roles: { nodes: { id: string; key: string }[] } }>({ query: '{ roles { nodes { id key } } }', headers: asOwner() });
    roleIds = Object.fromEntries(roles.roles.nodes.map((role) => [role.key, role.id]));
    await addMember(leaver, 'editor');
    await addMember(viewer, 'viewer');
    await addMember(admin, 'admin');
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('invites someone by email with a role: the invitation is pending', async () => {
    session = await signedIn(owner);
    const { page } = session;
    await openPage(page, 'Members', 'Members');
    const invitee = `invitee-${randomBytes(4).toString('hex')}@example.com`;
    await page.getByLabel('Email').fill(invitee);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Editor' });
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await eventually(() => page.getByText(`Invitation mailed to ${invitee}`).isVisible()).toBe(true);
    const row = page.getByRole('table', { name: /Invitations/ }).getByRole('row', { name: new RegExp(invitee) });
    await eventually(() => row.textContent()).toMatch(/Editor.*Pending/);
    await invitationMail(stack, invitee);
  });

  it('changes the role of someone who joined, and the API has it', async () => {
    const { page } = session;
    await page.getByLabel('Email').fill(joiner.email);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Viewer' });
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await eventually(() => page.getByText(`Invitation mailed to ${joiner.email}`).isVisible()).toBe(true);
    // Jamie accepts with the link's token, as the account page would.
    const token = invitationToken(await invitationMail(stack, joiner.email));
    await stack.query({ query: 'mutation($token: String!) { acceptInvitation(token: $token) { workspace { id } } }', variables: { token }, headers: bearer(joiner.token) });
    expect(await roleOf(joiner.email)).toBe('viewer');

    await openPage(page, 'Roles', 'Roles');
    await openPage(page, 'Members', 'Members');
    const select = page.getByLabel('Role of Jamie Joiner');
    await eventually(() => select.locator('option:checked').textContent()).toBe('Viewer');
    await select.selectOption({ label: 'Editor' });
    await eventually(() => page.getByText('Jamie Joiner is now Editor.').isVisible()).toBe(true);
    expect(await roleOf(joiner.email)).toBe('editor');
    // Nobody changes their own role: the owner's row has no select.
    expect(await page.getByLabel('Role of Olive Owner').count()).toBe(0);
  });

  it('removes a member only after the confirmation', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Remove Lee Leaver' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Lee Leaver?' });
    await eventually(() => dialog.isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() => dialog.count()).toBe(0);
    expect(await roleOf(leaver.email)).toBe('editor');

    await page.getByRole('button', { name: 'Remove Lee Leaver' }).click();
    await dialog.getByRole('button', { name: 'Remove member' }).click();
    await eventually(() => page.getByText('Lee Leaver was removed from Main Workspace.').isVisible()).toBe(true);
    await eventually(() => page.getByRole('cell', { name: leaver.email }).count()).toBe(0);
    expect(await roleOf(leaver.email)).toBeNull();
    await expectClean(page, 'members');
  });

  it('shows each role with its permissions, and creates a role', async () => {
    const { page } = session;
    await openPage(page, 'Roles', 'Roles');
    const viewerGrid = page.getByRole('table', { name: 'Permissions of Viewer' });
    await eventually(() => viewerGrid.isVisible()).toBe(true);
    const cells = async (resource: string) =>
      (
        await viewerGrid
          .getByRole('row', { name: new RegExp(`^${resource}`) })
          .getByRole('cell')
          .allTextContents()
      ).map((text) => text.trim());
    expect(await cells('Members')).toEqual(['✓ read granted', '– no write', '– no delete']);
    expect(await cells('API keys')).toEqual(['✓ read granted', '✓ write granted', '– no delete']);
    // Built-in roles are read-only.
    expect(await page.getByRole('button', { name: 'Edit role Viewer' }).count()).toBe(0);

    await page.getByLabel('Name', { exact: true }).fill('Reviewers');
    expect(await page.getByLabel('Key', { exact: true }).inputValue()).toBe('reviewers');
    await page.getByRole('checkbox', { name: 'Items: read' }).check();
    await page.getByRole('checkbox', { name: 'Items: write' }).check();
    await page.getByRole('button', { name: 'Create role' }).click();
    await eventually(() => page.getByText('Role Reviewers created.').isVisible()).toBe(true);
    await eventually(() => page.getByRole('table', { name: 'Permissions of Reviewers' }).isVisible()).toBe(true);
    const created = await stack.query<{ roles: { nodes: { key: string; permissions: string[] }[] } }>({ query: '{ roles { nodes { key permissions } } }', headers: asOwner() });
    expect(created.roles.nodes.find((role) => role.key === 'reviewers')?.permissions.sort()).toEqual(['ITEMS_READ', 'ITEMS_WRITE']);
    await expectClean(page, 'roles');
  });

  it('creates a group and adds a member to it', async () => {
    const { page } = session;
    await openPage(page, 'Groups', 'Member groups');
    await eventually(() => page.getByText('No group yet.').isVisible()).toBe(true);
    await page.getByLabel('Name').fill('Launch team');
    await page.getByLabel('Description (optional)').fill('Everyone on the spring launch');
    await page.getByRole('button', { name: 'Create group' }).click();
    await eventually(() => page.getByRole('heading', { name: 'Launch team' }).isVisible()).toBe(true);
    await page.getByLabel('Add to Launch team').selectOption({ label: `Jamie Joiner (${joiner.email})` });
    await page.getByRole('button', { name: 'Add to Launch team' }).click();
    await eventually(() => page.getByRole('list', { name: 'Members of Launch team' }).textContent()).toContain('Jamie Joiner');
    const groups = await stack.query<{ memberGroups: { nodes: { name: string; members: { nodes: { user: { email: string } }[] } }[] } }>({
      query: '{ memberGroups { nodes { name members { nodes { user { email } } } } } }',
      headers: asOwner(),
    });
    expect(groups.memberGroups.nodes).toEqual([{ name: 'Launch team', members: { nodes: [{ user: { email: joiner.email } }] } }]);
    await expectClean(page, 'groups');
  });

  it('shows the statistics and the deletion preview, and deletes a workspace only by its exact name', async () => {
    const { page } = session;
    await openPage(page, 'Workspace', 'Workspace');
    const statistics = async () => Object.fromEntries((await page.locator('.statistics > div').allInnerTexts()).map((pair) => pair.split('\n')));
    // Olive, Jamie, Vic and Ada.
    await eventually(statistics).toEqual({ Members: '4', 'Content types': '0', Items: '0', 'API keys': '0' });
    const preview = page.getByRole('table', { name: 'What deleting Main Workspace would remove' });
    const counted = async () => Object.fromEntries((await preview.locator('tbody tr').allInnerTexts()).map((row) => row.split('\t')));
    await eventually(counted).toMatchObject({ Members: '4', Roles: '5', 'Member groups': '1', Invitations: '2' });
    await expectClean(page, 'workspace');

    await page.getByRole('combobox', { name: 'Workspace', exact: true }).selectOption({ label: 'Throwaway Workspace' });
    await eventually(() => page.getByRole('table', { name: 'What deleting Throwaway Workspace would remove' }).isVisible()).toBe(true);
    const confirm = page.getByLabel(/Type the workspace name/);
    const button = page.getByRole('button', { name: 'Delete this workspace' });
    expect(await button.isDisabled()).toBe(true);
    await confirm.fill('throwaway workspace');
    expect(await button.isDisabled()).toBe(true);
    await confirm.fill('Throwaway Workspace ');
    expect(await button.isDisabled()).toBe(true);
    await confirm.fill('Throwaway Workspace');
    expect(await button.isEnabled()).toBe(true);
    await button.click();
    await eventually(() => page.getByText('Workspace Throwaway Workspace was deleted. You are now in Main Workspace.').isVisible()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Workspace', exact: true }).locator('option').allTextContents()).toEqual(['Main Workspace']);
    await eventually(() => page.getByRole('table', { name: 'What deleting Main Workspace would remove' }).isVisible()).toBe(true);
    const left = await stack.query<{ workspaces: { nodes: { id: string }[] } }>({ query: '{ workspaces { nodes { id } } }', headers: bearer(owner.token) });
    expect(left.workspaces.nodes.map((workspace) => workspace.id)).toEqual([workspaceId]);
    expect(throwawayId).not.toBe(workspaceId);
  });

  it('shows an admin the refusal when they grant the owner role', async () => {
    const { page } = await signedIn(admin);
    await openPage(page, 'Members', 'Members');
    const select = page.getByLabel('Role of Jamie Joiner');
    await eventually(() => select.locator('option:checked').textContent()).toBe('Editor');
    await select.selectOption({ label: 'Owner' });
    await eventually(() => page.getByRole('alert').filter({ hasText: 'Could not change the role of Jamie Joiner' }).textContent()).toMatch(/only an owner grants the owner role/);
    await eventually(() => select.locator('option:checked').textContent()).toBe('Editor');
    expect(await roleOf(joiner.email)).toBe('editor');
  });

  it('shows a viewer no admin control on any admin page', async () => {
    const { page } = await signedIn(viewer);
    await openPage(page, 'Members', 'Members');
    await eventually(() => page.getByRole('cell', { name: joiner.email }).isVisible()).toBe(true);
    await eventually(() => page.getByRole('heading', { name: 'Invitations' }).isVisible()).toBe(true);
    await eventually(() =>
      page
        .getByText(/No invitation is waiting|Pending/)
        .first()
        .isVisible(),
    ).toBe(true);
    expect(await page.getByRole('heading', { name: 'Invite someone' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send invitation' }).count()).toBe(0);
    expect(await page.getByRole('combobox').count()).toBe(1); // the workspace menu alone
    expect(await page.getByRole('button', { name: /^(Remove|Resend|Revoke)/ }).count()).toBe(0);
    await expectClean(page, 'members-viewer');

    await openPage(page, 'Roles', 'Roles');
    await eventually(() => page.getByRole('table', { name: 'Permissions of Reviewers' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Create a role' }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Edit|Delete)/ }).count()).toBe(0);

    await openPage(page, 'Groups', 'Member groups');
    await eventually(() => page.getByRole('list', { name: 'Members of Launch team' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Create a group' }).count()).toBe(0);
    expect(await page.getByRole('combobox').count()).toBe(1);
    expect(await page.getByRole('button', { name: /^(Take out|Add|Rename|Delete)/ }).count()).toBe(0);

    await openPage(page, 'Workspace', 'Workspace');
    await eventually(() => page.getByRole('heading', { name: 'What it holds' }).isVisible()).toBe(true);
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Save workspace|Delete this workspace/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Delete this workspace' }).count()).toBe(0);
  });

  it('left nothing unexpected: no request beyond localhost, no console error', () => {
    for (const each of sessions) {
      expect(each.aborted).toEqual([]);
      expect(each.unexpectedProblems()).toEqual([]);
    }
  });
});
