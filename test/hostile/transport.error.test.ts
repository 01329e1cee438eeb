// Hostile transport: bodies too large, cut short or abandoned, sockets that vanish. Each
// answers (or drops) that one request; the gateway keeps serving the next.
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStack, type TestStack } from '../testkit.js';

let stack: TestStack;
const logLines: string[] = [];

beforeAll(async () => {
  // A short request timeout, so that slow clients are cut off within the test.
  stack = await startStack({ logLines, gateway: { requestTimeoutMs: 1500 } });
});
afterAll(async () => {
  await stack?.stop();
});

const health = async () => (await fetch(new URL('/health', stack.gatewayUrl))).status;

/** Writes raw bytes to the gateway and resolves with what came back once the socket closes. */
function rawExchange(write: (socket: net.Socket) => void): Promise<string> {
  const { hostname, port } = new URL(stack.gatewayUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => write(socket));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(received));
  });
}

it('answers a body one byte over the limit with 413, without a credential, and keeps serving', async () => {
  const body = 'x'.repeat(1024 * 1024 + 1);
  const response = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).catch(() => undefined);
  if (response) expect(response.status).toBe(413);
  expect(await health()).toBe(200);
});

it('survives a client that announces a large body, sends part of it and hangs up', async () => {
  const head = `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`;
  await rawExchange((socket) => {
    socket.write(head + '{"query":"{ __typename');
    socket.destroy();
  });
  expect(await health()).toBe(200);
});

it('survives a client that streams an oversized body without a length and hangs up after the 413', async () => {
  const answer = await rawExchange((socket) => {
    socket.write(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = 'a'.repeat(64 * 1024);
    for (let index = 0; index < 20; index += 1) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    socket.on('data', () => socket.destroy());
  });
  expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  expect(await health()).toBe(200);
});

it('records a request whose socket was destroyed without logging an unhandled error', async () => {
  await rawExchange((socket) => {
    socket.write(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1048577\r\n\r\n`);
    socket.write('{');
    socket.on('data', () => socket.destroy());
  });
  expect(await health()).toBe(200);
  expect(logLines.filter((line) => /unhandled|listener failed/.test(line))).toEqual([]);
});

/** A slowloris client: trickles bytes, one every 100 ms, until the gateway drops it. */
function trickle(head: string, drip: string): Promise<{ answer: string; elapsedMs: number }> {
  const started = performance.now();
  return rawExchange((socket) => {
    socket.write(head);
    const timer = setInterval(() => {
      if (!socket.destroyed) socket.write(drip);
    }, 100);
    socket.on('close', () => clearInterval(timer));
  }).then((answer) => ({ answer, elapsedMs: performance.now() - started }));
}

it('drops a client that trickles its body (slowloris) with 408 once the request timeout passes', async () => {
  const { answer, elapsedMs } = await trickle(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`, 'a');
  expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  expect(elapsedMs).toBeLessThan(10_000);
  expect(await health()).toBe(200);
});

it('drops a client that trickles its headers with 408', async () => {
  const { answer } = await trickle(`POST /graphql HTTP/1.1\r\nHost: localhost\r\n`, 'x');
  expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  expect(await health()).toBe(200);
});
