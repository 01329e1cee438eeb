// The federated stack end to end: real PostgreSQL, real HTTP between gateway and subgraphs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createContentTypesAs, createWorkspaceAs, signUp } from './identity-seeds.js';
import { errorCodes, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
/** A signed-in user's session: user-level fields, and every workspace they create. */
let auth: Record<string, string>;
let token: string;

beforeAll(async () => {
  stack = await startStack();
  token = (await signUp(stack)).token;
  auth = bearer(token);
});
afterAll(async () => {
  await stack?.stop();
});

function createWorkspace(name: string): Promise<string> {
  return createWorkspaceAs(stack, token, name);
}

describe('a query through the gateway', () => {
  it('is answered by identity and content together', async () => {
    const workspaceId = await createWorkspace('Acme');
    await createContentTypesAs(stack, token, workspaceId, ['article', 'author']);
    const data = await stack.query({
      query: '{ workspaces { totalCount nodes { id name contentTypes { totalCount nodes { key name } } } } }',
      headers: { ...auth, 'x-workspace-id': workspaceId },
    });
    const acme = data.workspaces.nodes.find((workspace: { id: string }) => workspace.id === workspaceId);
    expect(acme).toEqual({
      id: workspaceId,
      name: 'Acme',
      contentTypes: {
        totalCount: 2,
        nodes: [
          { key: 'article', name: 'Article' },
          { key: 'author', name: 'Author' },
        ],
      },
    });
  });

  it('scopes workspace fields to the x-workspace-id header', async () => {
    const first = await createWorkspace('First');
    const second = await createWorkspace('Second');
    await createContentTypesAs(stack, token, first, ['page']);
    await createContentTypesAs(stack, token, second, ['post', 'tag']);
    const data = await stack.query({
      query: '{ workspace { name } contentTypes { totalCount nodes { key } } }',
      headers: { ...auth, 'x-workspace-id': second },
    });
    expect(data).toEqual({ workspace: { name: 'Second' }, contentTypes: { totalCount: 2, nodes: [{ key: 'post' }, { key: 'tag' }] } });
  });

  it('answers WORKSPACE_REQUIRED (HTTP 400) for a workspace field without the header', async () => {
    const response = await stack.request({ query: '{ contentTypes { totalCount } }', headers: auth });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['WORKSPACE_REQUIRED']);
    expect(response.body.errors?.[0]?.message).toBe('Missing required header: x-workspace-id');
  });
});

describe('pagination', () => {
  it('pages with opaque cursors and reports totalCount', async () => {
    const workspaceId = await createWorkspace('Paged');
    await createContentTypesAs(stack, token, workspaceId, ['alpha', 'beta', 'gamma', 'delta', 'epsilon']);
    const page = (after?: string) =>
      stack.query({
        query: 'query($after: String) { contentTypes(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { key } } } }',
        variables: { after },
        headers: { ...auth, 'x-workspace-id': workspaceId },
      });
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const { contentTypes } = await page(after);
      expect(contentTypes.totalCount).toBe(5);
      seen.push(...contentTypes.edges.map((edge: { node: { key: string } }) => edge.node.key));
      pages += 1;
      if (!contentTypes.pageInfo.hasNextPage) break;
      expect(contentTypes.pageInfo.endCursor).toBe(contentTypes.edges.at(-1).cursor);
      after = contentTypes.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['alpha', 'beta', 'gamma', 'delta', 'epsilon']);
  });

  it('refuses first outside 1..100 and a forged cursor', async () => {
    for (const first of [0, 101]) {
      const response = await stack.request({ query: `{ workspaces(first: ${first}) { totalCount } }`, headers: auth });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors?.[0]?.message).toBe(`first must be an integer from 1 to 100 (default 20); got ${first}`);
    }
    const response = await stack.request({ query: '{ workspaces(after: "not-a-cursor") { totalCount } }', headers: auth });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('correlation ids', () => {
  it('echoes a well-formed client id and replaces a malformed one', async () => {
    const echoed = await stack.request({ query: '{ workspaces { totalCount } }', headers: { ...auth, 'x-correlation-id': 'client-abc.123' } });
    expect(echoed.headers.get('x-correlation-id')).toBe('client-abc.123');
    const replaced = await stack.request({ query: '{ workspaces { totalCount } }', headers: { ...auth, 'x-correlation-id': 'bad id <script>' } });
    expect(replaced.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const generated = await stack.request({ query: '{ workspaces { totalCount } }', headers: auth });
    expect(generated.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('health and readiness', () => {
  it('reports liveness and readiness of every service', async () => {
    const gatewayBase = new URL(stack.gatewayUrl).origin;
    expect((await fetch(`${gatewayBase}/health`)).status).toBe(200);
    for (const url of Object.values(stack.subgraphUrls)) {
      const base = new URL(url).origin;
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect(await (await fetch(`${base}/ready`)).json()).toMatchObject({ status: 'ready' });
    }
    const ready = await fetch(`${gatewayBase}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', subgraphs: { identity: 'ready', content: 'ready', audit: 'ready' } });
  });

  it('answers 404 for unknown paths and 400 for a body that is not JSON', async () => {
    const gatewayBase = new URL(stack.gatewayUrl).origin;
    expect((await fetch(`${gatewayBase}/nothing-here`)).status).toBe(404);
    const malformed = await fetch(stack.gatewayUrl, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"query": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-correlation-id')).toBeTruthy();
  });
});
