// A signed principal header is good for one subgraph, once: with content running as two
// separate processes over one database (as two replicas would), a header the gateway
// signed for identity is refused by content, a header accepted by one content instance
// is refused by the other, and a header older than the window is refused by both.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphClient } from '../gateway/subgraph-client.js';
import { SubgraphDataSource } from '../gateway/subgraph-data-source.js';
import { createLogger } from '../lib/logger.js';
import { ANONYMOUS_PRINCIPAL } from '../lib/principal.js';
import { PRINCIPAL_HEADER, SIGNATURE_WINDOW_MS, signPrincipal } from '../lib/principal-signing.js';
import { initORM } from '../lib/orm.js';
import { createPostgresNonceStore } from '../lib/seen-nonces/postgres-nonce-store.js';
import type { SubgraphName } from '../lib/subgraph-list.js';
import { superviseService, type SupervisedService } from '../scripts/supervisor.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';
import { startRecordingSubgraph, type RecordingSubgraph } from './recording-subgraph.js';
import { countRows, createTestDatabase, type TestDatabase } from './testkit.js';

const secret = randomBytes(32).toString('base64url');
const body = JSON.stringify({ query: '{ __typename }' });
const logger = createLogger('warn');

let database: TestDatabase;
let contents: SupervisedService[] = [];
/** Stands in for a subgraph: records what the gateway's data source sent it. */
let recorder: RecordingSubgraph | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    PRINCIPAL_SIGNING_SECRETS: secret,
    CONTENT_PORT: '0',
  };
  contents = await Promise.all([superviseService({ name: 'content', env, logger }), superviseService({ name: 'content', env, logger })]);
  recorder = await startRecordingSubgraph('{"data":{}}');
}, 120_000);

afterAll(async () => {
  for (const content of contents) await content.stop();
  await recorder?.close();
  await database?.drop();
});

/** The header the gateway's own data source sends to the subgraph `audience`, captured on the wire. */
async function captureGatewayHeader(audience: SubgraphName): Promise<{ header: string; body: string }> {
  const client = createSubgraphClient();
  try {
    const source = new SubgraphDataSource(audience, logger, { url: recorder!.url, audience, signingSecrets: [secret], timeoutMs: 5000, client });
    // A call the gateway makes on its own (no client request): the anonymous principal. Apollo does not export the kind's enum.
    await source.process({ kind: 'loading schema', request: JSON.parse(body) as { query: string }, context: {} } as unknown as Parameters<SubgraphDataSource['process']>[0]);
  } finally {
    client.close();
  }
  return recorder!.calls.at(-1)!;
}

async function send(instance: SupervisedService, captured: { header: string; body: string }): Promise<{ status: number; code?: string }> {
  const response = await fetch(instance.url, { method: 'POST', headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: captured.header }, body: captured.body });
  const answer = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, code: answer.errors?.[0]?.extensions?.code };
}

const refused = { status: 401, code: 'UNAUTHENTICATED' };

describe('two content instances sharing one database', () => {
  it('accept a header the gateway signed for content, on either instance', async () => {
    expect(contents[0].url).not.toBe(contents[1].url);
    expect(await send(contents[0], await captureGatewayHeader('content'))).toEqual({ status: 200, code: undefined });
    expect(await send(contents[1], await captureGatewayHeader('content'))).toEqual({ status: 200, code: undefined });
  });

  it('refuse a header the gateway signed for another subgraph', async () => {
    for (const audience of ['identity', 'audit'] as const) {
      const captured = await captureGatewayHeader(audience);
      expect(await send(contents[0], captured), audience).toEqual(refused);
      expect(await send(contents[1], captured), audience).toEqual(refused);
    }
  });

  it('accept a header once: replayed to the same or the second instance, it is refused', async () => {
    const captured = await captureGatewayHeader('content');
    expect(await send(contents[0], captured)).toEqual({ status: 200, code: undefined });
    expect(await send(contents[1], captured)).toEqual(refused);
    expect(await send(contents[0], captured)).toEqual(refused);
    const nonce = captured.header.split('.')[3];
    expect(await countRows(database.url, 'select count(*) from content.seen_nonces where nonce = $1', [nonce])).toBe(1);
  });

  it('refuse a header older than the signature window, unused as it is', async () => {
    const stale = { header: signPrincipal(ANONYMOUS_PRINCIPAL, 'content', body, [secret], Date.now() - SIGNATURE_WINDOW_MS - 1000), body };
    expect(await send(contents[0], stale)).toEqual(refused);
    expect(await send(contents[1], stale)).toEqual(refused);
  });
});

describe('the shared nonce store', () => {
  it('remembers a nonce once and sweeps it after it expires', async () => {
    const orm = await initORM(SUBGRAPH_DEFINITIONS.content.orm, { databaseUrl: database.url });
    const store = createPostgresNonceStore(orm, 'content', logger);
    try {
      const nonce = randomBytes(12).toString('base64url');
      expect(await store.remember(nonce, Date.now() - 1)).toBe(true);
      expect(await store.remember(nonce, Date.now() + 60_000)).toBe(false);
      const live = randomBytes(12).toString('base64url');
      expect(await store.remember(live, Date.now() + 60_000)).toBe(true);
      expect(await store.sweep()).toBeGreaterThanOrEqual(1);
      expect(await countRows(database.url, 'select count(*) from content.seen_nonces where nonce = any($1)', [[nonce, live]])).toBe(1);
    } finally {
      store.stop();
      await orm.close();
    }
  });
});
