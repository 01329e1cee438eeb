// A subgraph that stops answering costs its own fields, never the whole request: with the
// services as separate processes, content frozen (SIGSTOP) answers SUBGRAPH_UNAVAILABLE
// within the gateway's timeout while identity's data arrives, and answers normally once
// resumed. A refused connection is mapped the same way, and a client that hangs up
// cancels the subgraph calls made for it.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemoWhenEmpty } from '../scripts/demo-seed.js';
import { startServices, type RunningServices } from '../scripts/supervisor.js';
import { dataOf, errorCodes, postGraphQL, startStack, type GraphQLRequest, type TestStack } from './testkit.js';

const TIMEOUT_MS = 1500;
/** Room for a loaded two-core machine on top of the timeout. */
const MARGIN_MS = 2000;
/**
 * The workspace from identity, its statistics from content. Query.contentTypes would not
 * do: it is non-null, so its null would wipe identity's data too.
 */
const ACROSS_SUBGRAPHS = '{ workspace { name statistics { contentTypes } } }';
const ANSWERED = { workspace: { name: 'Demo workspace', statistics: { contentTypes: 2 } } };
const CONTENT_MISSING = { workspace: { name: 'Demo workspace', statistics: null } };

/** Fails with a clear message instead of waiting for the test's own timeout. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function signIn(gatewayUrl: string, workspaceId: string): Promise<Record<string, string>> {
  const request = { query: `mutation { createSession(input: { email: "${DEMO_EMAIL}", password: "${DEMO_PASSWORD}" }) { token } }` };
  const { createSession } = dataOf(await postGraphQL<{ createSession: { token: string } }>(gatewayUrl, request), request);
  return { authorization: `Bearer ${createSession.token}`, 'x-workspace-id': workspaceId };
}

const logLines: string[] = [];
let stack: TestStack;
let workspaceId: string;
beforeAll(async () => {
  stack = await startStack({ logLines });
  ({ workspaceId } = await seedDemoWhenEmpty(stack.database.url));
});
afterAll(async () => {
  await stack?.stop();
});

describe('with the services as separate processes', () => {
  let services: RunningServices | undefined;
  let frozen: number | undefined;
  let headers: Record<string, string>;
  beforeAll(async () => {
    services = await startServices({
      databaseUrl: stack.database.url,
      signingSecrets: [randomBytes(32).toString('base64url')],
      host: '127.0.0.1',
      gatewayPort: 0,
      subgraphPorts: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, 0])) as Record<SubgraphName, number>,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'error', GATEWAY_SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) },
      logger: createLogger('warn'),
    });
    // Through the in-process gateway: a cold identity hashing a password can take longer than TIMEOUT_MS.
    headers = await signIn(stack.gatewayUrl, workspaceId);
  });
  afterAll(async () => {
    // Even after a failure: a frozen child never acts on SIGTERM.
    if (frozen !== undefined) process.kill(frozen, 'SIGCONT');
    await services?.stop();
  });

  it('answers both subgraphs while every service runs', async () => {
    const request = { query: ACROSS_SUBGRAPHS, headers };
    expect(dataOf(await postGraphQL(services!.gateway.url, request), request)).toEqual(ANSWERED);
  });

  it('answers identity with content frozen, content null with SUBGRAPH_UNAVAILABLE, within the timeout', async () => {
    frozen = services!.subgraphs.content.pid!;
    process.kill(frozen, 'SIGSTOP');
    const started = performance.now();
    const response = await within(TIMEOUT_MS + MARGIN_MS, "the gateway's answer with content frozen", postGraphQL(services!.gateway.url, { query: ACROSS_SUBGRAPHS, headers }));
    const elapsedMs = performance.now() - started;
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual(CONTENT_MISSING);
    expect(errorCodes(response)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    const [error] = response.body.errors!;
    expect(error.message).toBe('Subgraph "content" did not answer in time');
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'content' });
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  });

  it('answers normally once content resumes', async () => {
    process.kill(frozen!, 'SIGCONT');
    frozen = undefined;
    const request = { query: ACROSS_SUBGRAPHS, headers };
    expect(dataOf(await postGraphQL(services!.gateway.url, request), request)).toEqual(ANSWERED);
  });
});

describe('in one process', () => {
  it('maps a refused connection to SUBGRAPH_UNAVAILABLE and logs the subgraph and correlation id, not the credential', async () => {
    const headers = await signIn(stack.gatewayUrl, workspaceId);
    await stack.stopSubgraph('content');
    try {
      const correlationId = `fault-${randomBytes(4).toString('hex')}`;
      const response = await stack.request({ query: ACROSS_SUBGRAPHS, headers: { ...headers, 'x-correlation-id': correlationId } });
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual(CONTENT_MISSING);
      expect(errorCodes(response)).toEqual(['SUBGRAPH_UNAVAILABLE']);
      expect(response.body.errors![0].message).toBe('Subgraph "content" is unavailable');
      expect(JSON.stringify(response.body)).not.toContain(new URL(stack.subgraphUrls.content).port);
      const logged = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.message === 'subgraph unavailable');
      expect(logged).toEqual([expect.objectContaining({ level: 'warn', service: 'gateway', subgraph: 'content', reason: 'unreachable', correlationId })]);
      const token = headers.authorization.slice('Bearer '.length);
      expect(JSON.stringify(logged)).not.toContain(token);
      expect(Object.keys(logged[0])).not.toContain('principal');
    } finally {
      await stack.startSubgraph('content');
    }
  });

  it('cancels the subgraph call when the client hangs up', async () => {
    // A content that takes every call and never answers: the gateway's 30 s timeout cannot be what ends it.
    let received!: () => void;
    let socketClosed!: () => void;
    const callReceived = new Promise<void>((resolve) => (received = resolve));
    const callEnded = new Promise<void>((resolve) => (socketClosed = resolve));
    const silentContent: Server = createServer((request) => {
      request.socket.once('close', () => socketClosed());
      received();
    });
    await new Promise<void>((resolve) => silentContent.listen(0, '127.0.0.1', resolve));
    const silentUrl = `http://127.0.0.1:${(silentContent.address() as AddressInfo).port}/graphql`;
    const gateway = await stack.startGateway({ subgraphUrls: { ...stack.subgraphUrls, content: silentUrl }, subgraphTimeoutMs: 30_000 });
    try {
      const request: GraphQLRequest = { query: ACROSS_SUBGRAPHS, headers: await signIn(gateway.url, workspaceId) };
      const client = new AbortController();
      const answer = fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...request.headers },
        body: JSON.stringify({ query: request.query }),
        signal: client.signal,
      }).catch((error: unknown) => error);
      await within(10_000, 'the call reaching content', callReceived);
      client.abort();
      expect(await answer).toMatchObject({ name: 'AbortError' });
      await within(5000, "the gateway's call to content ending after the client hung up", callEnded);
    } finally {
      await gateway.stop();
      silentContent.closeAllConnections();
      await new Promise<void>((resolve) => silentContent.close(() => resolve()));
    }
  });
});
