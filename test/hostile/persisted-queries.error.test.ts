// Automatic persisted queries (APQ) go through the same pipeline as any document: the
// hash is resolved to its text first, then limits, pre-checks and the request log see
// the operation. A key holder cannot hide what it ran behind a hash.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUserKey, createWorkspaceAs, signUp, type CreatedKey } from '../identity-seeds.js';
import { errorCodes, postGraphQL, selectRows, startStack, type TestStack } from '../testkit.js';

let stack: TestStack;
let key: CreatedKey;
let workspaceId: string;

beforeAll(async () => {
  stack = await startStack({ gateway: { requestLogFlushMs: 50 } });
  const owner = await signUp(stack, 'Apq Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Apq Workspace');
  key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
});
afterAll(async () => {
  await stack?.stop();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A POST with an APQ extension, and with or without the query text. */
async function persisted(query: string, options: { withText: boolean; headers?: Record<string, string>; hash?: string; correlationId?: string }) {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.correlationId ? { 'x-correlation-id': options.correlationId } : {}), ...options.headers },
    body: JSON.stringify({
      ...(options.withText ? { query } : {}),
      extensions: { persistedQuery: { version: 1, sha256Hash: options.hash ?? sha256(query) } },
    }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

const keyHeaders = () => ({ 'x-api-key': key.secret, 'x-workspace-id': workspaceId });

it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, then runs it by hash once registered', async () => {
  const query = 'query ApqWorkspace { workspace { name } }';
  const unknown = await persisted(query, { withText: false, headers: keyHeaders() });
  expect(unknown.status).toBe(200);
  expect(unknown.body.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  const registered = await persisted(query, { withText: true, headers: keyHeaders() });
  expect(registered).toMatchObject({ status: 200, body: { data: { workspace: { name: 'Apq Workspace' } } } });
  const byHash = await persisted(query, { withText: false, headers: keyHeaders(), correlationId: 'apq-by-hash-1' });
  expect(byHash).toMatchObject({ status: 200, body: { data: { workspace: { name: 'Apq Workspace' } } } });
  // The request log names the operation the hash stood for.
  await expect
    .poll(async () => selectRows(stack.database.url, "select operation_name, operation_type, root_fields, outcome from audit.request_logs where correlation_id = 'apq-by-hash-1'"), { timeout: 5000 })
    .toEqual([{ operation_name: 'ApqWorkspace', operation_type: 'query', root_fields: ['workspace'], outcome: 'OK' }]);
});

it('refuses a hash-only mutation the key can never run with 403 before any subgraph call', async () => {
  const mutation = 'mutation ApqCreate { createContentType(input: { name: "Sneaky", key: "sneaky" }) { contentType { id } } }';
  // Registered by a request that is itself refused up front: the text is known, the hash too.
  const withText = await persisted(mutation, { withText: true, headers: keyHeaders() });
  expect(withText.status).toBe(403);
  const byHash = await persisted(mutation, { withText: false, headers: keyHeaders(), correlationId: 'apq-by-hash-2' });
  expect(byHash.status).toBe(403);
  expect(byHash.body.errors?.map((error) => error.extensions?.code)).toEqual(['INSUFFICIENT_SCOPE']);
  const types = await stack.query({ query: '{ contentTypes { totalCount } }', headers: keyHeaders() });
  expect(types.contentTypes.totalCount).toBe(0);
  await expect
    .poll(async () => selectRows(stack.database.url, "select operation_name, operation_type, outcome, http_status from audit.request_logs where correlation_id = 'apq-by-hash-2'"), { timeout: 5000 })
    .toEqual([{ operation_name: 'ApqCreate', operation_type: 'mutation', outcome: 'INSUFFICIENT_SCOPE', http_status: 403 }]);
});

it('refuses a hash that does not match the text, and a malformed extension, with 400', async () => {
  const query = '{ workspace { id } }';
  const mismatch = await persisted(query, { withText: true, headers: keyHeaders(), hash: sha256('{ me { id } }') });
  expect(mismatch.status).toBe(400);
  expect(mismatch.body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_REQUEST']);
  const malformed = await persisted(query, { withText: false, headers: keyHeaders(), hash: 'not-a-hash' });
  expect(malformed.status).toBe(400);
});

it('gives an anonymous caller nothing by the hash of a non-public operation', async () => {
  const query = 'query ApqPrivate { workspace { name } }';
  await persisted(query, { withText: true, headers: keyHeaders() });
  const anonymous = await persisted(query, { withText: false });
  expect(anonymous.status).toBe(401);
  expect(anonymous.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
});

it('runs a GET by hash through the same checks', async () => {
  const query = 'query ApqGet { workspace { name } }';
  await persisted(query, { withText: true, headers: keyHeaders() });
  const search = new URLSearchParams({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(query) } }) });
  const response = await fetch(`${stack.gatewayUrl}?${search}`, { headers: { ...keyHeaders(), 'apollo-require-preflight': 'true' } });
  expect(response.status).toBe(200);
  expect((await response.json()).data).toEqual({ workspace: { name: 'Apq Workspace' } });
  const plain = await postGraphQL(stack.gatewayUrl, { query: '{ workspace { name } }', headers: keyHeaders() });
  expect(errorCodes(plain)).toEqual([]);
});
