// The playground over plain HTTP: the page and its assets come from the gateway under a
// same-origin-only Content-Security-Policy, only exact asset URLs are answered, JSON
// GET/POST and Apollo's CSRF prevention behave as before, introspection needs a valid
// credential, and settings turn introspection and the page off.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../lib/http-server.js';
import { bearer, createUserKey, createWorkspaceAs, signUp, type CreatedKey, type SignedUpUser } from './identity-seeds.js';
import { errorCodes, postGraphQL, startStack, type TestStack } from './testkit.js';

/** What a browser sends when the address bar opens a URL. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const INTROSPECTION = '{ __schema { queryType { name } } }';

let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;
let key: CreatedKey;
let origin: string;

beforeAll(async () => {
  stack = await startStack();
  origin = new URL(stack.gatewayUrl).origin;
  owner = await signUp(stack, 'Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Acme');
  key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
});
afterAll(async () => {
  await stack?.stop();
});

async function openPage(url: string) {
  const response = await fetch(url, { headers: { accept: BROWSER_ACCEPT } });
  return { response, html: await response.text() };
}

/** Every script and stylesheet URL the page names. */
function assetReferences(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
}

/** A request whose path is sent exactly as written (fetch would normalise `..`). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the playground page', () => {
  it('is what a browser gets on the GraphQL path and on /playground, locked to this origin', async () => {
    for (const url of [stack.gatewayUrl, `${origin}/playground`]) {
      const { response, html } = await openPage(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe('text/html; charset=utf-8');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy, url).toContain("default-src 'none'");
      for (const directive of ["script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"]) expect(policy, url).toContain(directive);
      expect(html, url).toContain('<title>Atrium API playground</title>');
      // Every script and stylesheet is one of the gateway's own paths; nothing names another host.
      const references = assetReferences(html);
      expect(references.length, url).toBe(6);
      for (const reference of references) expect(reference, url).toMatch(/^\/playground\/assets\/[a-z-]+\.[0-9a-f]{16}\.(js|css)$/);
      expect(html, url).not.toMatch(/https?:\/\//);
    }
  });

  it('offers empty x-api-key and workspace headers, never a real key, and the example operation', async () => {
    const { html } = await openPage(stack.gatewayUrl);
    const config = JSON.parse(/<script id="playground-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]);
    expect(JSON.parse(config.defaultHeaders)).toEqual({ 'x-api-key': '', 'x-workspace-id': '' });
    expect(config.introspection).toBe(true);
    // The example operation answers once a key and a workspace are given.
    const response = await stack.request({ query: config.defaultQuery, headers: { 'x-api-key': key.secret, 'x-workspace-id': workspaceId } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { workspace: { id: workspaceId, name: 'Acme' }, contentTypes: { totalCount: 0, nodes: [] } }, extensions: { cost: 35 } });
  });

  it('serves its assets from the npm packages with content types, long caching and gzip', async () => {
    const { html } = await openPage(stack.gatewayUrl);
    const references = assetReferences(html);
    for (const reference of references) {
      const response = await fetch(`${origin}${reference}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.status, reference).toBe(200);
      expect(response.headers.get('content-type'), reference).toBe(reference.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(response.headers.get('cache-control'), reference).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-encoding'), reference).toBe('gzip');
      expect((await response.text()).length, reference).toBeGreaterThan(20);
    }
    // The bundle is GraphiQL's own browser build (the page uses its createFetcher).
    const graphiql = references.find((reference) => /\/graphiql\.\w+\.js$/.test(reference))!;
    expect((await (await fetch(`${origin}${graphiql}`)).text()).includes('createFetcher')).toBe(true);
  });

  it('answers only the exact asset URLs: no other file, no path traversal', async () => {
    for (const path of [
      '/playground/assets/../../package.json',
      '/playground/assets/..%2f..%2fpackage.json',
      '/playground/assets/%2e%2e/%2e%2e/package.json',
      '/playground/assets/graphiql.min.js',
      '/playground/assets/',
      '/playground/../package.json',
    ]) {
      const response = await rawGet(path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('"name": "atrium"');
    }
  });
});

describe('GraphQL over HTTP beside the page', () => {
  it('still answers a JSON GET query', async () => {
    const url = `${stack.gatewayUrl}?query=${encodeURIComponent('{ workspace { id name } }')}`;
    const response = await fetch(url, { headers: { 'content-type': 'application/json', 'x-api-key': key.secret, 'x-workspace-id': workspaceId } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { workspace: { id: workspaceId, name: 'Acme' } }, extensions: { cost: 3 } });
  });

  it('keeps CSRF prevention: a GET without a JSON content type or preflight header, and simple POSTs, are refused', async () => {
    const headers = { 'x-api-key': key.secret, 'x-workspace-id': workspaceId };
    const query = '{ workspace { id } }';
    const attempts: [string, Promise<Response>][] = [
      ['GET, no content type', fetch(`${stack.gatewayUrl}?query=${encodeURIComponent(query)}`, { headers: { ...headers, accept: 'application/json' } })],
      ['POST text/plain', fetch(stack.gatewayUrl, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: JSON.stringify({ query }) })],
      [
        'POST form from a browser page',
        fetch(stack.gatewayUrl, { method: 'POST', headers: { ...headers, accept: BROWSER_ACCEPT, 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent(query)}` }),
      ],
    ];
    for (const [label, pending] of attempts) {
      const response = await pending;
      const text = await response.text();
      expect(response.status, label).toBe(400);
      expect(text, label).toContain('Cross-Site Request Forgery');
      expect(text, label).not.toContain(workspaceId);
    }
  });
});

describe('introspection', () => {
  it('is refused with 401 without a credential or with a bad one', async () => {
    for (const [label, headers] of [
      ['no credential', {}],
      ['malformed key', { 'x-api-key': 'atk_not-a-key' }],
    ] as const) {
      for (const query of [INTROSPECTION, '{ __type(name: "Workspace") { name } }', 'query { ...Root } fragment Root on Query { __schema { types { name } } }']) {
        const response = await stack.request({ query, headers });
        expect(response.status, `${label}: ${query}`).toBe(401);
        expect(errorCodes(response), `${label}: ${query}`).toEqual(['UNAUTHENTICATED']);
      }
    }
  });

  it('is answered for any valid credential: an API key or a session token', async () => {
    for (const headers of [{ 'x-api-key': key.secret }, bearer(owner.token)]) {
      const response = await stack.request({ query: INTROSPECTION, headers });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } }, extensions: { cost: 3 } });
    }
  });
});

describe('settings', () => {
  let gateway: RunningServer;
  beforeAll(async () => {
    gateway = await stack.startGateway({ introspection: false, playground: false });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('introspection off refuses it to every caller, clearly, while queries still work', async () => {
    const headers = { 'x-api-key': key.secret, 'x-workspace-id': workspaceId };
    for (const query of [INTROSPECTION, 'query { ...Root } fragment Root on Query { __type(name: "Workspace") { name } }']) {
      const response = await postGraphQL(gateway.url, { query, headers });
      expect(response.status, query).toBe(400);
      expect(response.body.errors, query).toEqual([{ message: 'Introspection is disabled on this gateway', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    }
    const data = await postGraphQL(gateway.url, { query: '{ workspace { name } }', headers });
    expect(data.body).toEqual({ data: { workspace: { name: 'Acme' } }, extensions: { cost: 2 } });
  });

  it('playground off serves no page and no asset', async () => {
    const { html: enabledPage } = await openPage(stack.gatewayUrl);
    const asset = assetReferences(enabledPage)[0];
    const gatewayOrigin = new URL(gateway.url).origin;
    for (const url of [gateway.url, `${gatewayOrigin}/playground`, `${gatewayOrigin}${asset}`]) {
      const { response, html } = await openPage(url);
      expect(response.headers.get('content-type'), url).not.toContain('text/html');
      expect(html, url).not.toContain('Atrium API playground');
      expect(response.status, url).toBeGreaterThanOrEqual(400);
    }
  });
});
