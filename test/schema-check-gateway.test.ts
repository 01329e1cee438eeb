// The gateway usage source of `schema:check --usage <gateway URL>` (scripts/usage-source.ts):
// what it sends (aliased batches within the gateway's operation limits, the key, the
// workspace, its client name) and what it does with each answer a gateway can give (the
// workspace's scope, a 429 with Retry-After, a limit refusal, a refused key, a missing
// scope). A stand-in HTTP server plays the gateway, to give the answers a real one gives
// rarely (429, limit codes); the end-to-end run through the real gateway is in
// test/schema-check-usage.test.ts.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_CHECK_CLIENT, USAGE_BATCH_SIZE, openUsageSource } from '../scripts/usage-source.js';

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly query: string;
  readonly variables: Record<string, string>;
}

type Reply = (request: Received, index: number) => { status?: number; headers?: Record<string, string>; body?: unknown; raw?: string };

const KEY = 'atk_stand_in_key_never_printed';
let server: Server;
let url: string;
let received: Received[] = [];
let reply: Reply;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, string> };
      const entry = { headers: request.headers, query, variables };
      received.push(entry);
      const answer = reply(entry, received.length - 1);
      response.writeHead(answer.status ?? 200, { 'content-type': answer.raw === undefined ? 'application/json' : 'text/html', ...answer.headers });
      response.end(answer.raw ?? JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
});
afterEach(() => {
  received = [];
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const RANGE = { from: new Date('2026-11-02T00:00:00.000Z'), to: new Date('2026-12-02T00:00:00.000Z') };

/** The coordinates a request asks about, alias → coordinate. */
function askedFor(request: Received): Map<string, string> {
  const operation = parse(request.query).definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const asked = new Map<string, string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const argument = selection.arguments?.find((candidate) => candidate.name.value === 'coordinate');
    const value = argument?.value.kind === Kind.VARIABLE ? request.variables[argument.value.name.value] : undefined;
    asked.set(selection.alias?.value ?? selection.name.value, value ?? '');
  }
  return asked;
}

/** What a gateway answers: each coordinate used once by `web` in operation `Uses<coordinate>`, unless unused. */
function usageAnswer(request: Received, scope = 'DEPLOYMENT', used: (coordinate: string) => boolean = () => false) {
  const data: Record<string, unknown> = {};
  for (const [alias, coordinate] of askedFor(request)) {
    const lastSeen = '2026-12-01T12:00:00.000Z';
    data[alias] = used(coordinate)
      ? {
          coordinate,
          scope,
          requests: 1,
          lastSeen,
          operations: [
            { documentHash: 'f'.repeat(64), name: `Uses${coordinate.replace(/\W/g, '')}`, type: 'QUERY', requests: 1, lastSeen, clients: [{ name: 'web', version: '2.0', requests: 1, lastSeen }] },
          ],
        }
      : { coordinate, scope, requests: 0, lastSeen: null, operations: [] };
  }
  return { body: { data } };
}

const coordinates = (count: number) => Array.from({ length: count }, (_, index) => `Query.field${index}`);

describe('requests', () => {
  it('asks about every coordinate in aliased batches within the root-field and alias limits, with the key, the workspace and its client name', async () => {
    reply = (request) => usageAnswer(request, 'DEPLOYMENT', (coordinate) => coordinate === 'Query.field42');
    const source = await openUsageSource(url, { workspaceId: 'ws-operators', environment: { ATRIUM_API_KEY: KEY } });
    const read = await source.read([...coordinates(45), 'Query.field0'], RANGE);

    expect(received.map((request) => askedFor(request).size)).toEqual([USAGE_BATCH_SIZE, USAGE_BATCH_SIZE, 5]);
    // The gateway's defaults: 20 root fields, 30 aliases per operation.
    expect(USAGE_BATCH_SIZE).toBeLessThanOrEqual(20);
    expect(received.flatMap((request) => [...askedFor(request).values()])).toEqual(coordinates(45));
    for (const request of received) {
      expect(request.headers).toMatchObject({ 'x-api-key': KEY, 'x-workspace-id': 'ws-operators', 'apollographql-client-name': SCHEMA_CHECK_CLIENT, 'content-type': 'application/json' });
      expect(request.variables).toMatchObject({ from: RANGE.from.toISOString(), to: RANGE.to.toISOString() });
      // Coordinates travel as variables, never inside the query text.
      expect(request.query).not.toContain('Query.field');
    }
    expect(read.scope).toBe('every workspace');
    expect(read.workspaceOnly).toBe(false);
    expect(read.usage.size).toBe(45);
    expect(read.usage.get('Query.field1')).toEqual({ coordinate: 'Query.field1', requests: 0, lastSeen: null, clients: [], operations: [] });
    expect(read.usage.get('Query.field42')?.operations).toEqual([
      {
        documentHash: 'f'.repeat(64),
        name: 'UsesQueryfield42',
        type: 'QUERY',
        requests: 1,
        lastSeen: new Date('2026-12-01T12:00:00.000Z'),
        clients: [{ name: 'web', version: '2.0', requests: 1, lastSeen: new Date('2026-12-01T12:00:00.000Z') }],
      },
    ]);
  });

  it('with nothing to look up, still checks that usage can be read, and says when only a workspace counts', async () => {
    reply = () => ({ body: { data: { probe: { scope: 'WORKSPACE' } } } });
    const source = await openUsageSource(url, { environment: { ATRIUM_API_KEY: KEY, ATRIUM_WORKSPACE_ID: 'ws-tenant' } });
    const read = await source.read([], RANGE);
    expect(received).toHaveLength(1);
    expect(received[0].headers['x-workspace-id']).toBe('ws-tenant');
    expect(read).toEqual({ usage: new Map(), scope: 'workspace ws-tenant only', workspaceOnly: true });
  });

  it('leaves the workspace out for a key bound to one', async () => {
    reply = (request) => usageAnswer(request, 'WORKSPACE');
    const source = await openUsageSource(url, { environment: { ATRIUM_API_KEY: KEY } });
    const read = await source.read(['Query.me'], RANGE);
    expect(received[0].headers['x-workspace-id']).toBeUndefined();
    expect(read.scope).toBe('workspace of the key only');
  });
});

describe('answers', () => {
  it('waits out one 429 as Retry-After says, then asks again', async () => {
    reply = (request, index) => (index === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: { errors: [{ message: 'spent', extensions: { code: 'RATE_LIMITED' } }] } } : usageAnswer(request));
    const source = await openUsageSource(url, { environment: { ATRIUM_API_KEY: KEY } });
    const started = Date.now();
    const read = await source.read(['Query.me'], RANGE);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(received).toHaveLength(2);
    expect(read.usage.get('Query.me')?.requests).toBe(0);
  });

  it('fails on a second 429, and on a Retry-After too long to wait, saying when to retry', async () => {
    reply = () => ({ status: 429, headers: { 'retry-after': '0' }, body: { errors: [{ message: 'spent', extensions: { code: 'RATE_LIMITED' } }] } });
    const source = await openUsageSource(url, { environment: { ATRIUM_API_KEY: KEY } });
    await expect(source.read(['Query.me'], RANGE)).rejects.toThrow(`cannot read usage from ${url}: rate limited (HTTP 429): the key's budget is spent; retry after 0 s`);
    expect(received).toHaveLength(2);
    received = [];
    reply = () => ({ status: 429, headers: { 'retry-after': '1200' }, body: {} });
    await expect(source.read(['Query.me'], RANGE)).rejects.toThrow('retry after 1200 s');
    expect(received).toHaveLength(1);
  });

  it('halves a batch a gateway with tighter limits refuses, until it fits', async () => {
    reply = (request) =>
      askedFor(request).size > 5 ? { status: 400, body: { errors: [{ message: 'Query cost 42600 is over the limit 12000', extensions: { code: 'COST_LIMIT_EXCEEDED' } }] } } : usageAnswer(request);
    const source = await openUsageSource(url, { environment: { ATRIUM_API_KEY: KEY } });
    const read = await source.read(coordinates(20), RANGE);
    expect(read.usage.size).toBe(20);
    expect(received.map((request) => askedFor(request).size)).toEqual([20, 10, 5, 5, 10, 5, 5]);
  });

  it.each([
    [401, 'UNAUTHENTICATED', 'Invalid or missing API key', `${'URL'} refused the key in ATRIUM_API_KEY (UNAUTHENTICATED: Invalid or missing API key)`],
    [200, 'INSUFFICIENT_SCOPE', 'Missing scope', 'the key in ATRIUM_API_KEY may not read usage: schemaUsage needs audit:read (INSUFFICIENT_SCOPE: Missing scope)'],
    [400, 'WORKSPACE_REQUIRED', 'Missing required header: x-workspace-id', 'needs a workspace to read usage in: pass --workspace <id> or set ATRIUM_WORKSPACE_ID'],
    [403, 'FORBIDDEN', 'Token not authorized for this workspace', 'the key in ATRIUM_API_KEY may not use workspace (none given) (FORBIDDEN: Token not authorized for this workspace)'],
    [400, 'GRAPHQL_VALIDATION_FAILED', 'Cannot query field "schemaUsage" on type "Query".', 'answered GRAPHQL_VALIDATION_FAILED: Cannot query field "schemaUsage" on type "Query".'],
  ])('fails on HTTP %i %s with the reason, never the key', async (status, code, message, expected) => {
    reply = () => ({ status, body: { data: status === 200 ? { u0: null } : undefined, errors: [{ message, extensions: { code } }] } });
    const source = await openUsageSource(url, { environment: { ATRIUM_API_KEY: KEY } });
    const error = await source.read(['Query.me'], RANGE).then(
      () => undefined,
      (failure: Error) => failure,
    );
    expect(error?.message).toContain(`cannot read usage from ${url}: `);
    expect(error?.message).toContain(expected.replace('URL', url));
    expect(error?.message).not.toContain(KEY);
  });

  it('fails on an answer without usage for a coordinate asked about, or that is not GraphQL', async () => {
    reply = (request) => ({ body: { data: { ...usageAnswer(request).body.data, u1: null } } });
    const source = await openUsageSource(url, { environment: { ATRIUM_API_KEY: KEY } });
    await expect(source.read(['Query.me', 'Query.viewer'], RANGE)).rejects.toThrow('no usage in the answer for Query.viewer');
    reply = () => ({ status: 502, raw: '<html>Bad gateway</html>' });
    await expect(source.read(['Query.me'], RANGE)).rejects.toThrow("HTTP 502 without a GraphQL answer (is it the gateway's /graphql?)");
  });

  it('fails on an unreachable gateway, or without a key, before anything is judged', async () => {
    await expect(openUsageSource('https://api.example.com/graphql', { environment: {} })).rejects.toThrow(
      '--usage https://api.example.com/graphql needs a key that may read usage (audit:read) in ATRIUM_API_KEY',
    );
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const source = await openUsageSource(`http://127.0.0.1:${port}/graphql`, { environment: { ATRIUM_API_KEY: KEY } });
    await expect(source.read(['Query.me'], RANGE)).rejects.toThrow(`cannot read usage from http://127.0.0.1:${port}/graphql: unreachable (ECONNREFUSED)`);
    await expect(openUsageSource(`https://user:s3cret@api.example.com/graphql`, { environment: { ATRIUM_API_KEY: KEY } })).rejects.toThrow(
      '--usage https://api.example.com/graphql: a gateway URL holds no credentials; the key goes in ATRIUM_API_KEY',
    );
  });
});
