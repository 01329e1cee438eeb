// CORS: a browser app on a listed origin (CORS_ORIGINS) calls the API with a key and a
// workspace header and reads the exposed response headers; an app on any other origin is
// refused by the browser. Preflight answers are checked over plain HTTP too, so they are
// tested even where no browser is installed.
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUserKey, createWorkspaceAs, signUp, CreatedKey } from './identity-seeds.js';
import { launchChromium, skipWithoutChromium } from './browser.js';
import { startStack, TestStack } from './testkit.js';

const skipped = skipWithoutChromium('CORS browser test');

let stack: TestStack;
let key: CreatedKey;
let workspaceId: string;
/** Two static sites: one on a listed origin, one on an origin that is not. */
let allowedSite: Server;
let otherSite: Server;
let allowedOrigin: string;
let otherOrigin: string;

const PAGE = '<!doctype html><html><head><title>app</title></head><body>app</body></html>';

async function startSite(): Promise<[Server, string]> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`];
}

beforeAll(async () => {
  [allowedSite, allowedOrigin] = await startSite();
  [otherSite, otherOrigin] = await startSite();
  stack = await startStack({ gateway: { corsOrigins: [allowedOrigin] } });
  const owner = await signUp(stack, 'Cors Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Cors Workspace');
  key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
});
afterAll(async () => {
  await stack?.stop();
  allowedSite?.close();
  otherSite?.close();
});

const preflight = (origin: string) =>
  fetch(stack.gatewayUrl, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key,x-workspace-id,x-correlation-id,authorization' },
  });

describe('preflight', () => {
  it('allows a listed origin the methods and headers the API uses, and exposes the correlation id', async () => {
    const answer = await preflight(allowedOrigin);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
    const allowed = answer.headers.get('access-control-allow-headers')!.split(',');
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-api-key', 'x-workspace-id', 'x-correlation-id']));
    expect(answer.headers.get('access-control-max-age')).toBe('600');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    expect(answer.headers.get('vary')).toMatch(/origin/i);
  });

  it('refuses any other origin with 403 and no CORS headers', async () => {
    const answer = await preflight(otherOrigin);
    expect(answer.status).toBe(403);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect((await answer.json()).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('gives actual responses to a listed origin the allow-origin and expose-headers headers', async () => {
    const answer = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { origin: allowedOrigin, 'content-type': 'application/json', 'x-api-key': key.secret, 'x-workspace-id': workspaceId },
      body: JSON.stringify({ query: '{ workspace { name } }' }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(answer.headers.get('access-control-expose-headers')).toContain('x-correlation-id');
  });
});

describe.skipIf(skipped)('in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Runs the API call from a page of the given origin, as a frontend app would. */
  async function callFrom(origin: string) {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      return await page.evaluate(
        async ({ url, secret, workspace }) => {
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-api-key': secret, 'x-workspace-id': workspace, 'x-correlation-id': 'browser-call-1' },
              body: JSON.stringify({ query: '{ workspace { name } }' }),
            });
            return { status: response.status, correlationId: response.headers.get('x-correlation-id'), body: await response.json() };
          } catch (error) {
            return { failed: String(error) };
          }
        },
        { url: stack.gatewayUrl, secret: key.secret, workspace: workspaceId },
      );
    } finally {
      await page.close();
    }
  }

  it('lets an app on a listed origin call the API and read the correlation id', async () => {
    const result = await callFrom(allowedOrigin);
    expect(result).toEqual({ status: 200, correlationId: 'browser-call-1', body: { data: { workspace: { name: 'Cors Workspace' } }, extensions: { cost: 2 } } });
  });

  it('lets the browser refuse an app on another origin', async () => {
    const result = await callFrom(otherOrigin);
    expect(result).toEqual({ failed: expect.stringMatching(/Failed to fetch/) });
  });
});
