// What the data source puts on the wire: the principal signed for the subgraph over the
// exact body, with each request's own client address, though a principal's encoding is
// kept between calls.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import type { Principal } from '../lib/principal.js';
import { InProcessNonceStore, PRINCIPAL_HEADER, verifyPrincipal } from '../lib/principal-signing.js';
import { createSubgraphClient, type SubgraphClient } from './subgraph-client.js';
import { SubgraphDataSource } from './subgraph-data-source.js';

const secrets = ['data-source-test-secret'];
const principal: Principal = { kind: 'user_key', userId: 'user-1', keyId: 'key-1', workspaceId: 'workspace-1', scopes: ['read'], workspaceIds: ['workspace-1'] };
const received: { header: string; body: string }[] = [];
let recorder: Server;
let client: SubgraphClient;
let source: SubgraphDataSource;

beforeAll(async () => {
  recorder = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ header: String(request.headers[PRINCIPAL_HEADER]), body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"ok":true}}');
    });
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  client = createSubgraphClient();
  const url = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/graphql`;
  source = new SubgraphDataSource('content', createLogger('error'), { url, audience: 'content', signingSecrets: secrets, timeoutMs: 5000, client });
});

afterAll(async () => {
  client.close();
  await new Promise((resolve) => recorder.close(resolve));
});

/** One call as the gateway makes it for a client's request; what content would verify. */
async function call(clientIp: string | null): Promise<Principal & { clientIp?: string }> {
  const context = { principal, clientIp, correlationId: 'correlation-1', signal: new AbortController().signal };
  const answer = await source.process({ kind: 'incoming operation', request: { query: '{ ok }' }, context, incomingRequestContext: {} } as unknown as Parameters<SubgraphDataSource['process']>[0]);
  expect(answer.data).toEqual({ ok: true });
  const { header, body } = received.at(-1)!;
  return verifyPrincipal(header, body, { audience: 'content', secrets, nonces: new InProcessNonceStore() });
}

describe('SubgraphDataSource', () => {
  it("signs each call's principal with that request's client address", async () => {
    expect(await call('192.0.2.1')).toEqual({ ...principal, clientIp: '192.0.2.1' });
    expect(await call('192.0.2.1')).toEqual({ ...principal, clientIp: '192.0.2.1' });
    expect(await call('192.0.2.2')).toEqual({ ...principal, clientIp: '192.0.2.2' });
    expect(await call(null)).toEqual(principal);
    expect(await call('192.0.2.1')).toEqual({ ...principal, clientIp: '192.0.2.1' });
  });

  it('signs a new nonce for every call', async () => {
    await call(null);
    await call(null);
    const [first, second] = received.slice(-2).map(({ header }) => header.split('.')[3]);
    expect(first).not.toBe(second);
  });
});
