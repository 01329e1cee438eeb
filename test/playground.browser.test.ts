// The playground in a real browser (Debian's chromium, driven by playwright-core) with
// every request that leaves localhost aborted: GraphiQL loads from the gateway alone, a
// key and a workspace typed into its header editor run the example operation, docs load,
// and a revoked key shows UNAUTHENTICATED. Screenshots land in test-artifacts/.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { repositoryPath } from '../lib/paths.js';
import { bearer, createContentTypesAs, createUserKey, createWorkspaceAs, signUp, CreatedKey } from './identity-seeds.js';
import { launchChromium, LOCAL_HOSTS, skipWithoutChromium } from './browser.js';
import { startStack, TestStack } from './testkit.js';

const skipped = skipWithoutChromium('playground browser test');
const ARTIFACTS = repositoryPath('test-artifacts');

let stack: TestStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let workspaceId: string;
let ownerToken: string;
let key: CreatedKey;
const requested: string[] = [];
/** Bodies of the operations the page sent to the gateway. */
const operations: string[] = [];
const aborted: string[] = [];
const pageProblems: string[] = [];

describe.skipIf(skipped)('the playground in a browser', () => {
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
    const owner = await signUp(stack, 'Playground Owner');
    ownerToken = owner.token;
    workspaceId = await createWorkspaceAs(stack, owner.token, 'Playground Workspace');
    await createContentTypesAs(stack, owner.token, workspaceId, ['article', 'author']);
    key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });

    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Networking blocked but for localhost: anything else is aborted (and recorded).
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (LOCAL_HOSTS.has(url.hostname)) return route.continue();
      aborted.push(url.href);
      return route.abort('internetdisconnected');
    });
    page = await context.newPage();
    page.on('request', (request) => {
      requested.push(request.url());
      if (request.method() === 'POST') operations.push(request.postData() ?? '');
    });
    page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageProblems.push(`console error: ${message.text()}`);
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const headerEditor = () => page.locator('section[aria-label="Headers"] .graphiql-editor:not(.hidden) .CodeMirror');
  const resultPane = () => page.locator('section.result-window');

  /** Types the headers into GraphiQL's header editor, replacing what was there. */
  async function typeHeaders(headers: Record<string, string>): Promise<void> {
    await headerEditor().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    // insertText, not type(): the editor closes brackets and quotes as keys are typed.
    await page.keyboard.insertText(JSON.stringify(headers, null, 1));
  }

  async function runOperation(): Promise<string> {
    const answered = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/graphql' && response.request().method() === 'POST' && !response.request().postData()?.includes('__schema'),
    );
    await page.locator('.graphiql-execute-button').click();
    await answered;
    await expect.poll(() => resultPane().innerText()).toMatch(/\S/);
    return resultPane().innerText();
  }

  it('serves GraphiQL from the gateway alone, with placeholder headers and the example operation', async () => {
    await page.goto(stack.gatewayUrl);
    await expect.poll(() => page.locator('.graphiql-container').count()).toBe(1);
    const headersText = await headerEditor().innerText();
    expect(headersText).toContain('"x-api-key": ""');
    expect(headersText).toContain('"x-workspace-id": ""');
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText()).toContain('query Workspace');
    expect(await page.title()).toBe('Atrium API playground');
    // Without a key it does not even ask for the schema (it would only get a 401).
    expect(operations).toEqual([]);
  });

  it('runs the example operation once a key and a workspace are filled in, and loads the docs', async () => {
    await typeHeaders({ 'x-api-key': key.secret, 'x-workspace-id': workspaceId });
    const result = await runOperation();
    expect(result).toContain('"name": "Playground Workspace"');
    expect(result).toContain(`"id": "${workspaceId}"`);
    expect(result).toContain('"totalCount": 2');
    expect(result).toContain('"key": "article"');
    expect(result).not.toContain('"errors"');

    // The key in the header editor lets GraphiQL introspect: the docs show the root types.
    await page.locator('button[aria-label="Show Documentation Explorer"]').click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').innerText(), { timeout: 10_000 }).toMatch(/Root Types[\s\S]*query[\s\S]*Query/i);
    expect(operations.some((body) => body.includes('__schema'))).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/playground.png` });
  });

  it('shows UNAUTHENTICATED once the key is revoked', async () => {
    await stack.query({ query: 'mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { status } } }', variables: { id: key.id }, headers: bearer(ownerToken) });
    // Revoked through the playground's own gateway: its very next request is refused (the
    // poll waits for GraphiQL to show the answer it received, not for the revocation).
    await runOperation();
    await expect.poll(() => resultPane().innerText()).toContain('"code": "UNAUTHENTICATED"');
    const result = await resultPane().innerText();
    expect(result).toContain('"code": "UNAUTHENTICATED"');
    expect(result).toContain('Invalid or missing API key');
    await page.screenshot({ path: `${ARTIFACTS}/playground-revoked.png` });
  });

  it('made no request beyond localhost and hit no page error or blocked resource', () => {
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((url) => !LOCAL_HOSTS.has(new URL(url).hostname))).toEqual([]);
    expect(aborted).toEqual([]);
    // The revoked key's request is the one failed load expected; anything else (a script
    // error, a Content-Security-Policy violation) would be a broken page.
    expect(pageProblems.filter((problem) => !problem.includes('status of 401'))).toEqual([]);
  });
});
