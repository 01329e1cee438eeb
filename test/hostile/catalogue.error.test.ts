// Sends every request of the hostile catalogue (catalogue.ts) to a running stack and
// checks its exact status and error code; afterwards the stack still serves, logged no
// unhandled error, and the process did not grow by 50 MB.
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUserKey, createWorkspaceAs, signUp } from '../identity-seeds.js';
import { startStack, type TestStack } from '../testkit.js';
import { HOSTILE_CASES, type HostileCase, type HostileFixture, type HostileRequest } from './catalogue.js';

let stack: TestStack;
let fixture: HostileFixture;
let rssBefore = 0;
const logLines: string[] = [];

beforeAll(async () => {
  stack = await startStack({ logLines });
  const owner = await signUp(stack, 'Hostile Owner');
  const workspaceId = await createWorkspaceAs(stack, owner.token, 'Hostile Workspace');
  const readKey = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
  const writeKey = await createUserKey(stack, owner.token, { scopes: ['read', 'write'], workspaceIds: [workspaceId] });
  const members = await stack.query({ query: '{ members { nodes { id } } }', headers: { 'x-api-key': writeKey.secret, 'x-workspace-id': workspaceId } });
  fixture = { readKey: readKey.secret, writeKey: writeKey.secret, workspaceId, memberId: members.members.nodes[0].id };
  // One warm-up of each path, so that lazy initialisation does not count as growth.
  for (const hostile of HOSTILE_CASES) await send(hostile.request(fixture));
  rssBefore = process.memoryUsage().rss;
});
afterAll(async () => {
  await stack?.stop();
});

interface Answer {
  readonly status: number;
  readonly code: string | null;
}

function codeOf(text: string): string | null {
  try {
    const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    return body.errors?.[0]?.extensions?.code ?? null;
  } catch {
    return null;
  }
}

/** Raw bytes on a socket; the status line and body of the answer (status 0: none). */
function sendRaw(bytes: string, hangUp = false): Promise<Answer> {
  const { hostname, port } = new URL(stack.gatewayUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(Buffer.from(bytes, 'latin1'));
      if (hangUp) socket.destroy();
    });
    let received = '';
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      // One answer is all that is read; the connection may stay open.
      const [head, body = ''] = received.split('\r\n\r\n');
      const length = /content-length: *(\d+)/i.exec(head ?? '');
      if (length && Buffer.byteLength(body, 'latin1') >= Number(length[1])) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, code: codeOf(received.split('\r\n\r\n').slice(1).join('\r\n\r\n')) });
    });
  });
}

async function send(request: HostileRequest): Promise<Answer> {
  if (request.kind === 'raw') return sendRaw(request.bytes, request.hangUp);
  const response = await fetch(new URL(request.path ?? '/graphql', stack.gatewayUrl), {
    method: request.method ?? 'POST',
    headers: request.headers,
    body: request.body,
  }).catch(() => undefined);
  if (!response) return { status: 0, code: null };
  return { status: response.status, code: codeOf(await response.text()) };
}

it('has at least 80 cases, each named once', () => {
  expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(80);
  expect(new Set(HOSTILE_CASES.map((hostile) => hostile.name)).size).toBe(HOSTILE_CASES.length);
});

it.each(HOSTILE_CASES.map((hostile) => [hostile.name, hostile] as [string, HostileCase]))('%s', async (_name, hostile) => {
  const answer = await send(hostile.request(fixture));
  expect(answer).toEqual({ status: hostile.status, code: hostile.code });
});

it('still serves afterwards, logged no unexpected error and did not grow by 50 MB', async () => {
  expect((await fetch(new URL('/health', stack.gatewayUrl))).status).toBe(200);
  const data = await stack.query({ query: '{ workspace { name } }', headers: { 'x-api-key': fixture.readKey, 'x-workspace-id': fixture.workspaceId } });
  expect(data.workspace.name).toBe('Hostile Workspace');
  expect(logLines.filter((line) => /unhandled|unexpected error|listener failed/i.test(line))).toEqual([]);
  const grownMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
  expect(grownMb).toBeLessThan(50);
});

it('gives anonymous callers no field suggestions, and signed-in callers their usual ones', async () => {
  const typo = 'mutation { createSession(input: { email: "a@b.c", password: "p" }) { tokn } }';
  const anonymous = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: typo }) });
  expect(anonymous.status).toBe(400);
  const anonymousBody = (await anonymous.json()) as { errors: { message: string; extensions: { code: string } }[] };
  expect(anonymousBody.errors.map((error) => error.extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  expect(anonymousBody.errors[0].message).toBe('Cannot query field "tokn" on type "CreateSessionPayload".');
  const signedIn = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': fixture.readKey }, body: JSON.stringify({ query: '{ me { nmae } }' }) });
  expect(((await signedIn.json()) as { errors: { message: string }[] }).errors[0].message).toMatch(/Did you mean "name"\?/);
});

it('reports the computed cost of every answer in extensions.cost, refusals by a limit included', async () => {
  const answered = await stack.request({ query: '{ contentTypes(first: 10) { totalCount nodes { id } } }', headers: { 'x-api-key': fixture.readKey, 'x-workspace-id': fixture.workspaceId } });
  // contentTypes 1 + totalCount 1 + 10 nodes × (node 1 + id 1)
  expect((answered.body as { extensions?: { cost?: number } }).extensions?.cost).toBe(22);
  const refused = await stack.request({
    query: '{ memberGroups(first: 100) { nodes { members(first: 100) { nodes { groups(first: 100) { nodes { id } } } } } } }',
    headers: { 'x-api-key': fixture.readKey, 'x-workspace-id': fixture.workspaceId },
  });
  expect(refused.status).toBe(400);
  expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 50_000 });
  expect((refused.body as { extensions?: { cost?: number } }).extensions?.cost).toBeGreaterThan(50_000);
});
