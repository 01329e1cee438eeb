// The subgraph client fails the way Node's fetch does, which is what callSubgraph maps to
// SUBGRAPH_UNAVAILABLE (the end-to-end cases are in test/subgraph-fault.error.test.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSubgraphClient, type SubgraphClient } from './subgraph-client.js';

let silent: Server;
let silentUrl: URL;
let client: SubgraphClient;

beforeAll(async () => {
  // Reads the request and never answers.
  silent = createServer((request) => request.resume());
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = new URL(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`);
  client = createSubgraphClient();
});

afterAll(async () => {
  client.close();
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

describe('createSubgraphClient', () => {
  it('rejects with a TimeoutError past the deadline', async () => {
    await expect(client.post(silentUrl, {}, '{}', { timeoutMs: 50 })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it("rejects with the signal's reason when the client hangs up", async () => {
    const controller = new AbortController();
    const call = client.post(silentUrl, {}, '{}', { timeoutMs: 60_000, signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("rejects with fetch's TypeError when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = new URL(`http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`);
    await new Promise((resolve) => closed.close(resolve));
    await expect(client.post(url, {}, '{}', { timeoutMs: 60_000 })).rejects.toThrow(new TypeError('fetch failed'));
  });

  it('rejects with the error itself for a header value HTTP cannot carry, and leaves no deadline behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await expect(client.post(silentUrl, { 'x-bad': 'a\nb' }, '{}', { timeoutMs: 1000 })).rejects.toMatchObject({ code: 'ERR_INVALID_CHAR' });
      // A deadline left armed would fire into a call that never started.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
  it('sends a call again, once, on a new connection when the pooled one was closed by the subgraph before it read the call', async () => {
    // Answers the first request of each connection with keep-alive; a second request on the
    // same connection meets a connection closed without an answer, as a subgraph's idle
    // keep-alive timeout closes it at the moment the gateway reuses it.
    const requestsOf = new WeakMap<object, number>();
    const connections: string[] = [];
    const flaky = createServer((request, response) => {
      const seen = (requestsOf.get(request.socket) ?? 0) + 1;
      requestsOf.set(request.socket, seen);
      connections.push(`${request.socket.remotePort}:${seen}`);
      if (seen > 1) {
        request.socket.destroy();
        return;
      }
      request.resume();
      request.once('end', () => response.end('{"data":{"ok":true}}'));
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    const url = new URL(`http://127.0.0.1:${(flaky.address() as AddressInfo).port}/graphql`);
    const own = createSubgraphClient();
    try {
      expect((await own.post(url, {}, '{}', { timeoutMs: 5000 })).body).toBe('{"data":{"ok":true}}');
      expect((await own.post(url, {}, '{}', { timeoutMs: 5000 })).body).toBe('{"data":{"ok":true}}');
      // The second call went out on the pooled connection, met its close, and went again on a new one.
      expect(connections.map((entry) => entry.split(':')[1])).toEqual(['1', '2', '1']);
    } finally {
      own.close();
      flaky.closeAllConnections();
      await new Promise((resolve) => flaky.close(resolve));
    }
  });
});
