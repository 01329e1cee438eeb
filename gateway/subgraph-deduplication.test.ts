// In-flight deduplication: identical query fetches of one principal share one call; other
// principals, other bodies, mutations and fetches sent before a mutation never do; a
// waiter that hangs up leaves alone, and the call stops only when nobody waits.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import type { Principal } from '../lib/principal.js';
import { PRINCIPAL_HEADER } from '../lib/principal-signing.js';
import { createSubgraphClient, type SubgraphAnswer, type SubgraphClient } from './subgraph-client.js';
import { SubgraphDataSource } from './subgraph-data-source.js';
import { createFetchDeduplication, type FetchDeduplication } from './subgraph-deduplication.js';

/** A promise and its resolvers. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const ANSWER: SubgraphAnswer = { status: 200, statusText: 'OK', headers: {}, body: '{"data":{}}' };

describe('createFetchDeduplication', () => {
  it('shares a call in flight for the same key only, and sends again once it settled', async () => {
    const deduplication = createFetchDeduplication();
    const pending = [deferred<SubgraphAnswer>(), deferred<SubgraphAnswer>(), deferred<SubgraphAnswer>()];
    let calls = 0;
    const call = () => pending[calls++].promise;
    const first = deduplication.share('a', { timeoutMs: 1000 }, call);
    const second = deduplication.share('a', { timeoutMs: 1000 }, call);
    const other = deduplication.share('b', { timeoutMs: 1000 }, call);
    expect(calls).toBe(2);
    pending[0].resolve(ANSWER);
    pending[1].resolve({ ...ANSWER, body: 'b' });
    expect(await first).toBe(ANSWER);
    expect(await second).toBe(ANSWER);
    expect((await other).body).toBe('b');
    expect(deduplication.size).toBe(0);
    const again = deduplication.share('a', { timeoutMs: 1000 }, call);
    expect(calls).toBe(3);
    pending[2].reject(new TypeError('fetch failed'));
    await expect(again).rejects.toThrow('fetch failed');
  });

  it('shares a failure with those waiting, never with later fetches', async () => {
    const deduplication = createFetchDeduplication();
    const failing = deferred<SubgraphAnswer>();
    let calls = 0;
    const first = deduplication.share('a', { timeoutMs: 1000 }, () => (calls++, failing.promise));
    const second = deduplication.share('a', { timeoutMs: 1000 }, () => (calls++, failing.promise));
    failing.reject(new TypeError('fetch failed'));
    await expect(first).rejects.toThrow('fetch failed');
    await expect(second).rejects.toThrow('fetch failed');
    await deduplication.share('a', { timeoutMs: 1000 }, () => (calls++, Promise.resolve(ANSWER)));
    expect(calls).toBe(2);
  });

  it('after closeEpoch (a mutation started or ended), a fetch in flight is not joined', async () => {
    const deduplication = createFetchDeduplication();
    const pending = [deferred<SubgraphAnswer>(), deferred<SubgraphAnswer>()];
    let calls = 0;
    const call = () => pending[calls++].promise;
    const before = deduplication.share('a', { timeoutMs: 1000 }, call);
    deduplication.closeEpoch();
    const after = deduplication.share('a', { timeoutMs: 1000 }, call);
    expect(calls).toBe(2);
    pending[0].resolve({ ...ANSWER, body: 'before' });
    pending[1].resolve({ ...ANSWER, body: 'after' });
    expect((await before).body).toBe('before');
    expect((await after).body).toBe('after');
  });

  it('a waiter that hangs up leaves alone; the call is cancelled when nobody waits any more', async () => {
    const deduplication = createFetchDeduplication();
    const pending = deferred<SubgraphAnswer>();
    let callSignal: AbortSignal | undefined;
    const call = ({ signal }: { signal?: AbortSignal }) => {
      callSignal = signal;
      return pending.promise;
    };
    const [one, two, three] = [new AbortController(), new AbortController(), new AbortController()];
    const first = deduplication.share('a', { timeoutMs: 1000, signal: one.signal }, call);
    const second = deduplication.share('a', { timeoutMs: 1000, signal: two.signal }, call);
    one.abort(new Error('first hung up'));
    await expect(first).rejects.toThrow('first hung up');
    expect(callSignal!.aborted).toBe(false);
    two.abort(new Error('second hung up'));
    await expect(second).rejects.toThrow('second hung up');
    expect(callSignal!.aborted).toBe(true);
    // A cancelled call is not joined: the next fetch goes out on its own.
    let sentAgain = false;
    const third = deduplication.share('a', { timeoutMs: 1000, signal: three.signal }, () => ((sentAgain = true), Promise.resolve(ANSWER)));
    expect(sentAgain).toBe(true);
    expect(await third).toBe(ANSWER);
    pending.reject(new Error('aborted'));
  });

  it('a waiter whose client already hung up is refused at once and does not keep the call', async () => {
    const deduplication = createFetchDeduplication();
    const gone = new AbortController();
    gone.abort(new Error('gone'));
    let callSignal: AbortSignal | undefined;
    await expect(
      deduplication.share('a', { timeoutMs: 1000, signal: gone.signal }, ({ signal }) => {
        callSignal = signal;
        return new Promise<SubgraphAnswer>(() => undefined);
      }),
    ).rejects.toThrow('gone');
    // Nobody waits for the call it started.
    expect(callSignal?.aborted ?? true).toBe(true);
  });
});

describe('SubgraphDataSource with deduplication', () => {
  const principal: Principal = { kind: 'user_key', userId: 'user-1', keyId: 'key-1', workspaceId: 'workspace-1', scopes: ['read'], workspaceIds: ['workspace-1'] };
  const held: { body: string; response: ServerResponse }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      expect(request.headers[PRINCIPAL_HEADER]).toBeTruthy();
      held.push({ body: Buffer.concat(chunks).toString('utf8'), response });
    });
  });
  let client: SubgraphClient;
  let deduplication: FetchDeduplication;
  let source: SubgraphDataSource;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = createSubgraphClient();
  });
  beforeEach(() => {
    held.length = 0;
    deduplication = createFetchDeduplication();
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    source = new SubgraphDataSource('content', createLogger('error'), { url, audience: 'content', signingSecrets: ['dedup-test-secret'], timeoutMs: 5000, client, deduplication });
  });
  afterAll(async () => {
    client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A fetch of an incoming operation of `kind`, by `who`. */
  const fetchAs = (who: Principal, kind: 'query' | 'mutation', query = '{ ok }') =>
    source.process({
      kind: 'incoming operation',
      request: { query },
      context: { principal: who, clientIp: '192.0.2.1', correlationId: 'c', signal: new AbortController().signal },
      incomingRequestContext: { operation: { operation: kind } },
    } as unknown as Parameters<SubgraphDataSource['process']>[0]);

  /** Answers every held call with its own body echoed, so each waiter can tell whose answer it got. */
  const answerAll = () => {
    for (const { body, response } of held.splice(0)) response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { body } }));
  };

  it('sends identical queries of one principal once, and each waiter gets its own copy of the answer', async () => {
    const answers = Promise.all([fetchAs(principal, 'query'), fetchAs(principal, 'query'), fetchAs(principal, 'query')]);
    await expect.poll(() => held.length).toBe(1);
    answerAll();
    const [first, second, third] = await answers;
    expect(first.data).toEqual(second.data);
    expect(first.data).not.toBe(second.data);
    expect(third.data).toEqual(first.data);
  });

  it('never shares between principals, nor between different bodies', async () => {
    const other: Principal = { ...principal, keyId: 'key-2', workspaceId: 'workspace-2', workspaceIds: ['workspace-2'] };
    const answers = Promise.all([fetchAs(principal, 'query'), fetchAs(other, 'query'), fetchAs(principal, 'query', '{ other }')]);
    await expect.poll(() => held.length).toBe(3);
    answerAll();
    await answers;
  });

  it('never shares a mutation, and a query after a mutation does not join one sent before it', async () => {
    const before = fetchAs(principal, 'query');
    await expect.poll(() => held.length).toBe(1);
    const mutations = Promise.all([fetchAs(principal, 'mutation'), fetchAs(principal, 'mutation')]);
    await expect.poll(() => held.length).toBe(3);
    const after = fetchAs(principal, 'query');
    await expect.poll(() => held.length).toBe(4);
    answerAll();
    await Promise.all([before, mutations, after]);
  });
});
