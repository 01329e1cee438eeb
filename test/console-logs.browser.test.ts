// The console's request-logs page in a real browser: a user's key makes a few requests of its
// own (one refused by validation), each with its own correlation id; the owner finds them by
// key and period, narrows the table to the failing one by outcome, reads the chart's totals
// from its accessible name and its table of buckets; a member without audit:read is not
// offered the whole workspace. Accessible, no overflow at 375 px, nothing leaves localhost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bearer, createUserKey, createWorkspaceAs, signUp, type CreatedKey, type SignedUpUser } from './identity-seeds.js';
import { launchChromium, skipWithoutChromium } from './browser.js';
import { openConsole, screenshots, seriousViolations, signInThroughConsole, type ConsoleSession } from './console.js';
import { startStack, type TestStack } from './testkit.js';

const skipped = skipWithoutChromium('console request-logs browser test');
/** How long the page may take to show what it fetched (a loaded CI machine is slow). */
const PAGE_WAIT = { timeout: 15_000 };

let stack: TestStack;
let browser: Browser;
let owner: SignedUpUser;
let developer: SignedUpUser;
let workspaceId: string;
let key: CreatedKey;
const sessions: ConsoleSession[] = [];

/** A request with the key, as a partner's client sends it: plain fetch, its own correlation id. */
async function callWithKey(query: string, correlationId: string): Promise<number> {
  const response = await fetch(new URL('/graphql', stack.gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key.secret, 'x-correlation-id': correlationId },
    body: JSON.stringify({ query }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The rows of the requests table: each cell's text. */
async function tableRows(page: Page): Promise<string[][]> {
  return page
    .getByRole('region', { name: 'Requests', exact: true })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
}

async function correlationIds(page: Page): Promise<string[]> {
  return (await tableRows(page)).map((cells) => cells[6]).sort();
}

describe.skipIf(skipped)('request logs in the console', () => {
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ gateway: { requestLogFlushMs: 50 } }), launchChromium()]);
    owner = await signUp(stack, 'Logs Owner');
    workspaceId = await createWorkspaceAs(stack, owner.token, 'Logs Workspace');
    const ownerHeaders = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
    // Every built-in role reads the audit log: a custom role without it.
    const role = await stack.query({
      query: 'mutation { createRole(input: { key: "developer", name: "Developer", permissions: [WORKSPACES_READ, KEYS_READ, KEYS_WRITE] }) { role { id } } }',
      headers: ownerHeaders,
    });
    developer = await signUp(stack, 'Logs Developer');
    await stack.query({
      query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
      variables: { input: { email: developer.email, roleId: role.createRole.role.id } },
      headers: ownerHeaders,
    });
    key = await createUserKey(stack, owner.token, { scopes: ['workspaces:read', 'keys:read'], workspaceIds: [workspaceId], description: 'Deploy bot' });
    expect(await callWithKey('query DeployCheck { workspace { id } }', 'logs-check-1')).toBe(200);
    expect(await callWithKey('query DeployCheck { workspace { id } }', 'logs-check-2')).toBe(200);
    // Refused by validation: a field that does not exist.
    expect(await callWithKey('query DeployBroken { workspace { id colour } }', 'logs-broken-1')).toBe(400);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('waits for the three requests to reach audit (shipped in the background)', async () => {
    const stored = async () =>
      (
        await stack.query({
          query: 'query($key: ID!) { requestLogs(filter: { apiKeyId: $key }) { totalCount } }',
          variables: { key: key.id },
          headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId },
        })
      ).requestLogs.totalCount;
    await expect.poll(stored, { timeout: 10_000, interval: 50 }).toBe(3);
  });

  it("shows the key's requests of the last hour with their correlation ids, and narrows them by outcome", async () => {
    const session = await openConsole(browser, stack);
    sessions.push(session);
    const { page } = session;
    await signInThroughConsole(page, owner.email, owner.password);
    await page.getByRole('link', { name: 'Request logs' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Request logs', level: 1 }).isVisible(), PAGE_WAIT).toBe(true);
    expect(await page.getByText('Request logs are kept 90 days.').isVisible()).toBe(true);

    const token = page.getByLabel('Token');
    // The owner reads the audit log: the whole workspace is offered.
    await expect.poll(() => token.locator('option').allTextContents(), PAGE_WAIT).toContain('The whole workspace (everyone’s requests)');
    await expect.poll(() => token.locator('option', { hasText: 'Deploy bot' }).count(), PAGE_WAIT).toBe(1);
    await token.selectOption(`key:${key.id}`);
    await page.getByLabel('Period').selectOption({ label: 'Last hour' });

    await expect.poll(() => correlationIds(page), PAGE_WAIT).toEqual(['logs-broken-1', 'logs-check-1', 'logs-check-2']);
    const broken = (await tableRows(page)).find((cells) => cells[6] === 'logs-broken-1')!;
    expect(broken[1]).toContain('DeployBroken');
    expect(broken[2]).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(broken[3]).toBe('400');
    expect(await page.getByText('3 requests, newest first.').isVisible()).toBe(true);

    await page.getByLabel('Outcome').selectOption('GRAPHQL_VALIDATION_FAILED');
    await expect.poll(() => correlationIds(page), PAGE_WAIT).toEqual(['logs-broken-1']);
    await page.getByLabel('Outcome').selectOption('RATE_LIMITED');
    await expect.poll(() => page.getByText(/No requests ended with RATE_LIMITED in this period/).isVisible(), PAGE_WAIT).toBe(true);
    await page.getByLabel('Outcome').selectOption({ label: 'Any outcome' });
    await expect.poll(() => correlationIds(page), PAGE_WAIT).toHaveLength(3);
  });

  it('charts the requests just made: totals in its accessible name, every bucket in its table', async () => {
    const { page } = sessions[0];
    const chart = page.getByRole('img', { name: /requests? and \d+ errors?/ });
    await expect.poll(() => chart.getAttribute('aria-label'), PAGE_WAIT).toMatch(/^3 requests and 1 error from .*, one bar per minute\.$/);
    // The drawing is there (uPlot's canvas), sized to its box.
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);

    await page.getByText('Requests and errors per minute, as a table').click();
    const buckets = page.getByRole('region', { name: 'Requests and errors per minute, as a table' });
    expect(await buckets.locator('thead th').allTextContents()).toEqual(['Time', 'Requests', 'Errors']);
    const rows = await buckets.locator('tbody tr').evaluateAll((elements) => elements.map((row) => [...row.querySelectorAll('td')].map((cell) => Number(cell.textContent))));
    // One row per minute of the hour (61 when the hour does not start on a minute).
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(rows.length).toBeLessThanOrEqual(61);
    expect(rows.reduce((sum, [requests]) => sum + requests, 0)).toBe(3);
    expect(rows.reduce((sum, [, errors]) => sum + errors, 0)).toBe(1);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'request-logs');
  });

  it('checks a custom range before asking for it', async () => {
    const { page } = sessions[0];
    await page.getByLabel('Period').selectOption('custom');
    await page.getByLabel('From', { exact: true }).fill('2030-01-02T10:00');
    await page.getByLabel('To', { exact: true }).fill('2030-01-01T10:00');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await page.getByText('The end must be after the start.').isVisible()).toBe(true);
    expect(await page.getByLabel('To', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // A range that holds the requests: from an hour ago to a minute ahead.
    const local = (offset: number) => {
      const time = new Date(Date.now() + offset);
      const pad = (value: number) => String(value).padStart(2, '0');
      return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
    };
    await page.getByLabel('From', { exact: true }).fill(local(-3_600_000));
    await page.getByLabel('To', { exact: true }).fill(local(120_000));
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => correlationIds(page), PAGE_WAIT).toEqual(['logs-broken-1', 'logs-check-1', 'logs-check-2']);
    await expect.poll(() => page.getByRole('img', { name: /^3 requests and 1 error/ }).count(), PAGE_WAIT).toBe(1);
  });

  it('does not offer the whole workspace to a member without audit:read', async () => {
    const session = await openConsole(browser, stack);
    sessions.push(session);
    const { page } = session;
    await signInThroughConsole(page, developer.email, developer.password);
    await page.getByRole('link', { name: 'Request logs' }).click();
    const token = page.getByLabel('Token');
    await expect.poll(() => token.locator('option').allTextContents(), PAGE_WAIT).toContain('All of my requests');
    await expect.poll(() => page.getByText('You have no API keys yet: the Tokens page creates one.').isVisible(), PAGE_WAIT).toBe(true);
    expect(await token.locator('option').allTextContents()).toEqual(['All of my requests']);
    // Their own requests (the console's, with their session) are there; the owner's key's are not.
    await expect.poll(() => page.getByRole('img', { name: /requests? and \d+ errors?/ }).isVisible(), PAGE_WAIT).toBe(true);
    expect(await page.getByText('logs-check-1').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('left nothing unexpected: no request beyond localhost, no console error', () => {
    for (const session of sessions) {
      expect(session.aborted).toEqual([]);
      expect(session.unexpectedProblems()).toEqual([]);
    }
  });
});
