// What the data source puts on the wire: the principal signed for the subgraph over the
// exact body, with each request's own client address, though a principal's encoding is
// kept between calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import type { Principal } from '../lib/principal.js';
import { InProcessNonceStore, verifyPrincipal } from '../lib/principal-signing.js';
import { startRecordingSubgraph, type RecordingSubgraph } from '../test/recording-subgraph.js';
import { createSubgraphClient, type SubgraphClient } from './subgraph-client.js';
import { SubgraphDataSource } from './subgraph-data-source.js';

const secrets = ['data-source-test-secret'];
const principal: Principal = { kind: 'user_key', userId: 'user-1', keyId: 'key-1', workspaceId: 'workspace-1', scopes: ['read'], workspaceIds: ['workspace-1'] };
let recorder: RecordingSubgraph;
let client: SubgraphClient;
let source: SubgraphDataSource;

beforeAll(async () => {
  recorder = await startRecordingSubgraph('{"data":{"ok":true}}');
  client = createSubgraphClient();
  source = new SubgraphDataSource('content', createLogger('error'), { url: recorder.url, audience: 'content', signingSecrets: secrets, timeoutMs: 5000, client });
});

afterAll(async () => {
  client.close();
  await recorder.close();
});

/** One call as the gateway makes it for a client's request; what content would verify. */
async function call(clientIp: string | null): Promise<Principal & { clientIp?: string }> {
  const context = { principal, clientIp, correlationId: 'correlation-1', signal: new AbortController().signal };
  const answer = await source.process({ kind: 'incoming operation', request: { query: '{ ok }' }, context, incomingRequestContext: {} } as unknown as Parameters<SubgraphDataSource['process']>[0]);
  expect(answer.data).toEqual({ ok: true });
  const { header, body } = recorder.calls.at(-1)!;
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
    const [first, second] = recorder.calls.slice(-2).map(({ header }) => header.split('.')[3]);
    expect(first).not.toBe(second);
  });
});
