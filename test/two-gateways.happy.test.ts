// docker-compose.yml's two gateways behind its proxy, for real but without Docker: the
// committed docker/haproxy.cfg runs in a local HAProxy (its gateway addresses and port
// pointed at loopback, nothing else changed) in front of two gateways on one Redis
// (REDIS_URL) that trust the proxy's address, as the compose file sets them up. A client
// sees one budget whichever gateway answers, and its own address, never one it made up,
// is what the gateways log and budget. Runs when the haproxy binary is installed (Debian
// package `haproxy`) and REDIS_URL is set; test/compose.test.ts checks the compose file.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../lib/database.js';
import type { RunningServer } from '../lib/http-server.js';
import { repositoryPath } from '../lib/paths.js';
import { GATEWAY_DEFAULT_PORT } from '../lib/subgraph-list.js';
import type { RateLimitSettings } from '../gateway/rate-limits/settings.js';
import { HAPROXY } from './haproxy.js';
import { createUserKey, createWorkspaceAs, signUp, type CreatedKey } from './identity-seeds.js';
import { selectRows, startStack, type TestStack } from './testkit.js';

const QUERY = '{ workspace { name } }';
const SIGN_IN = 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }';
/** The budget of the key, in requests of QUERY; of an address, in sign-in attempts. */
const KEY_REQUESTS = 4;
const ADDRESS_REQUESTS = 2;
/** Loopback addresses for two clients, so neither shares the proxy's own (127.0.0.1). */
const CLIENT = '127.0.0.2';
const OTHER_CLIENT = '127.0.0.3';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: { data?: unknown; errors?: { extensions?: { code?: string } }[]; extensions?: { cost?: number } };
}

/** POST /graphql from a chosen local address (fetch cannot pick one). */
function postFrom(localAddress: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const outgoing = httpRequest(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** The committed proxy configuration with the compose network's names replaced by loopback ports; each must be there once. */
function localProxyConfig(proxyPort: number, gatewayPorts: Record<string, number>): string {
  const replaceOnce = (text: string, from: RegExp, to: string) => {
    expect(text.match(new RegExp(from.source, 'gm')), `docker/haproxy.cfg should contain ${from} once`).toHaveLength(1);
    return text.replace(new RegExp(from.source, 'm'), to);
  };
  let config = replaceOnce(readFileSync(repositoryPath('docker/haproxy.cfg'), 'utf8'), new RegExp(`^(\\s*)bind :${GATEWAY_DEFAULT_PORT}\\s*$`), `$1bind 127.0.0.1:${proxyPort}`);
  for (const [name, port] of Object.entries(gatewayPorts)) {
    config = replaceOnce(config, new RegExp(`^(\\s*server ${name}) ${name}:${GATEWAY_DEFAULT_PORT}\\b`), `$1 127.0.0.1:${port}`);
  }
  return config;
}

describe.skipIf(!HAPROXY || !process.env.REDIS_URL)('two gateways behind the committed proxy configuration', () => {
  let stack: TestStack;
  let key: CreatedKey;
  let workspaceId: string;
  let proxyUrl: string;
  let proxy: ChildProcess | undefined;
  /** What HAProxy says on stderr (a configuration it refuses, a port it cannot bind). */
  let proxyErrors = '';
  let folder: string | undefined;
  const gateways: RunningServer[] = [];
  let queryCost: number;
  let signInCost: number;
  const keyHeaders = () => ({ 'x-api-key': key.secret, 'x-workspace-id': workspaceId });
  const signIn = (from: string, forwardedFor: string, correlationId: string) =>
    postFrom(
      from,
      proxyUrl,
      { query: SIGN_IN, variables: { input: { email: `nobody-${randomBytes(4).toString('hex')}@example.com`, password: 'not-the-password' } } },
      { 'x-forwarded-for': forwardedFor, 'x-correlation-id': correlationId },
    );

  beforeAll(async () => {
    stack = await startStack();
    const owner = await signUp(stack, 'Proxied Owner');
    workspaceId = await createWorkspaceAs(stack, owner.token, 'Proxied Workspace');
    key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    queryCost = ((await stack.request({ query: QUERY, headers: keyHeaders() })).body as Answer['body']).extensions!.cost!;
    signInCost = ((await stack.request({ query: SIGN_IN, variables: { input: { email: 'probe@example.com', password: 'not-the-password' } } })).body as Answer['body']).extensions!.cost!;

    // As docker-compose.yml runs them: one Redis, the same secrets (the stack's), the proxy trusted.
    const points = KEY_REQUESTS * queryCost;
    const rateLimits: RateLimitSettings = { windowSeconds: 600, points: { user_key: points, workspace_key: points, session: points, anonymous: ADDRESS_REQUESTS * signInCost } };
    const shared = { redisUrl: process.env.REDIS_URL, rateLimitKeyPrefix: `test:rate:${randomBytes(6).toString('hex')}`, rateLimits, trustedProxies: ['127.0.0.1'], requestLogFlushMs: 50 };
    for (let index = 0; index < 2; index += 1) gateways.push(await stack.startGateway(shared));

    const proxyPort = await findFreePort('127.0.0.1');
    folder = mkdtempSync(path.join(tmpdir(), 'atrium-haproxy-'));
    const configFile = path.join(folder, 'haproxy.cfg');
    writeFileSync(configFile, localProxyConfig(proxyPort, { 'gateway-1': Number(new URL(gateways[0].url).port), 'gateway-2': Number(new URL(gateways[1].url).port) }));
    proxy = spawn(HAPROXY!, ['-db', '-f', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    proxy.stderr!.on('data', (chunk: Buffer) => (proxyErrors += chunk.toString('utf8')));
    proxyUrl = `http://127.0.0.1:${proxyPort}/graphql`;
  });

  afterAll(async () => {
    if (proxy && proxy.exitCode === null) {
      proxy.kill('SIGTERM');
      await once(proxy, 'exit');
    }
    if (folder) rmSync(folder, { recursive: true, force: true });
    for (const gateway of gateways) await gateway.stop();
    await stack?.stop();
  });

  it('answers through the proxy from both gateways in turn, naming each in X-Served-By', async () => {
    // Up once the proxy listens and its health checks (GET /health) have seen both gateways.
    await expect
      .poll(
        async () => {
          if (proxy!.exitCode !== null) throw new Error(`haproxy exited (${proxy!.exitCode}): ${proxyErrors}`);
          const served: string[] = [];
          for (let sent = 0; sent < 4; sent += 1) {
            const answer = await fetch(proxyUrl.replace('/graphql', '/health')).catch(() => undefined);
            if (answer?.ok) served.push(answer.headers.get('x-served-by') ?? '');
          }
          return served.sort();
        },
        { timeout: 10_000 },
      )
      .toEqual(['gateway-1', 'gateway-1', 'gateway-2', 'gateway-2']);
  });

  it('spends one budget per key whichever gateway answers', async () => {
    const answers: Answer[] = [];
    for (let sent = 0; sent < KEY_REQUESTS + 2; sent += 1) answers.push(await postFrom(CLIENT, proxyUrl, { query: QUERY }, keyHeaders()));
    expect(answers.map((answer) => answer.status)).toEqual([...Array<number>(KEY_REQUESTS).fill(200), 429, 429]);
    // Both gateways served the key, and each answer saw what the other gateway had spent.
    expect(new Set(answers.slice(0, KEY_REQUESTS).map((answer) => answer.headers['x-served-by']))).toEqual(new Set(['gateway-1', 'gateway-2']));
    expect(answers.slice(0, KEY_REQUESTS).map((answer) => Number(answer.headers['ratelimit-remaining']))).toEqual(
      Array.from({ length: KEY_REQUESTS }, (_, index) => (KEY_REQUESTS - index - 1) * queryCost),
    );
    expect(answers[KEY_REQUESTS].body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('budgets and logs a request without a credential under the client address the proxy saw, not the one the client wrote', async () => {
    const tag = randomBytes(4).toString('hex');
    const codes = async (from: string, forwardedFor: string, name: string) => {
      const answer = await signIn(from, forwardedFor, `${tag}-${name}`);
      return answer.status === 429 ? 'RATE_LIMITED' : answer.body.errors?.[0]?.extensions?.code;
    };
    // A new made-up address each time does not buy a new budget: the budget is CLIENT's.
    expect(await codes(CLIENT, '198.51.100.1', 'first')).toBe('UNAUTHENTICATED');
    expect(await codes(CLIENT, '198.51.100.2', 'second')).toBe('UNAUTHENTICATED');
    expect(await codes(CLIENT, '198.51.100.3', 'third')).toBe('RATE_LIMITED');
    // Another client, through the same proxy, has a budget of its own.
    expect(await codes(OTHER_CLIENT, '198.51.100.1', 'other')).toBe('UNAUTHENTICATED');
    const logged = async () =>
      Object.fromEntries(
        (
          await selectRows<{ correlation_id: string; client_ip: string }>(stack.database.url, 'select correlation_id, client_ip from audit.request_logs where correlation_id like $1', [`${tag}-%`])
        ).map((row) => [row.correlation_id.slice(tag.length + 1), row.client_ip]),
      );
    await expect.poll(logged, { timeout: 5000 }).toEqual({ first: CLIENT, second: CLIENT, third: CLIENT, other: OTHER_CLIENT });
  });
});
