// Schema usage recorded from real traffic: the gateway names each request's client (Apollo's
// headers, else the key's `client`), hashes its document and registers what its operation
// touches once, and audit counts the requests per workspace, operation, client and day.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { documentHash } from '../lib/trusted-documents.js';
import { createUserKey, createWorkspaceAs, signUp, type CreatedKey } from './identity-seeds.js';
import { selectRows, startStack, type TestStack } from './testkit.js';

const TYPES = 'query Types { contentTypes(first: 5) { nodes { id name } } }';
const ME = 'query Me { me { id } }';

let stack: TestStack;
let workspaceId: string;
let portalKey: CreatedKey;

beforeAll(async () => {
  stack = await startStack({ gateway: { requestLogFlushMs: 50 } });
  const owner = await signUp(stack, 'Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token);
  portalKey = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId], client: 'partner-portal' });
});
afterAll(async () => {
  await stack?.stop();
});

interface UsageRow {
  operation_name: string;
  client_name: string;
  client_version: string;
  requests: string;
}

const usageOf = (hash: string) =>
  selectRows<UsageRow>(
    stack.database.url,
    'select operation_name, client_name, client_version, requests::text from audit.schema_usage where workspace_id = $1 and document_hash = $2 order by client_name, client_version',
    [workspaceId, hash],
  );

it('counts each request under its client and document, and registers the coordinates its operation touches', async () => {
  const web = { 'x-api-key': portalKey.secret, 'apollographql-client-name': 'web', 'apollographql-client-version': '2.1.0' };
  await stack.query({ query: TYPES, headers: web });
  await stack.query({ query: TYPES, headers: web });
  // No header: the key's client. A header that is no valid name counts as none, and the request still runs.
  await stack.query({ query: TYPES, headers: { 'x-api-key': portalKey.secret } });
  await stack.query({ query: ME, headers: { 'x-api-key': portalKey.secret, 'apollographql-client-name': 'a, b', 'apollographql-client-version': 'v 1' } });

  const types = documentHash(TYPES);
  await expect
    .poll(() => usageOf(types))
    .toEqual([
      { operation_name: 'Types', client_name: 'partner-portal', client_version: '', requests: '1' },
      { operation_name: 'Types', client_name: 'web', client_version: '2.1.0', requests: '2' },
    ]);
  await expect.poll(() => usageOf(documentHash(ME))).toEqual([{ operation_name: 'Me', client_name: 'partner-portal', client_version: '', requests: '1' }]);

  const registry = await selectRows<{ operation_name: string; operation_type: string; coordinates: string[] }>(
    stack.database.url,
    'select operation_name, operation_type, coordinates from audit.schema_operations where document_hash = $1',
    [types],
  );
  expect(registry).toEqual([
    {
      operation_name: 'Types',
      operation_type: 'query',
      coordinates: [
        'ContentType',
        'ContentType.id',
        'ContentType.name',
        'ContentTypeConnection',
        'ContentTypeConnection.nodes',
        'ID',
        'Int',
        'Query',
        'Query.contentTypes',
        'Query.contentTypes(first:)',
        'String',
      ],
    },
  ]);
  // The request log says the same, entry by entry.
  const logged = await stack.query({
    query: '{ requestLogs(filter: { operationName: "Types" }) { nodes { clientName clientVersion documentHash } } }',
    headers: { 'x-api-key': portalKey.secret },
  });
  expect(logged.requestLogs.nodes).toEqual(
    expect.arrayContaining([
      { clientName: 'web', clientVersion: '2.1.0', documentHash: types },
      { clientName: 'partner-portal', clientVersion: null, documentHash: types },
    ]),
  );
});

it('counts a persisted query (APQ) under the hash of its text, and a document that runs no operation not at all', async () => {
  const text = 'query Persisted { me { id } }';
  const hash = documentHash(text);
  const headers = { 'content-type': 'application/json', 'x-api-key': portalKey.secret, 'apollographql-client-name': 'ios' };
  const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
  const registered = await fetch(stack.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query: text, extensions }) });
  expect(registered.status).toBe(200);
  const byHash = await fetch(stack.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ extensions }) });
  expect(((await byHash.json()) as { data: unknown }).data).toEqual({ me: { id: expect.any(String) } });
  const unresolved = 'query A { me { id } } query B { me { id } }';
  expect((await stack.request({ query: unresolved, headers: { 'x-api-key': portalKey.secret } })).status).toBe(400);

  await expect.poll(() => usageOf(hash)).toEqual([{ operation_name: 'Persisted', client_name: 'ios', client_version: '', requests: '2' }]);
  expect(await usageOf(documentHash(unresolved))).toEqual([]);
});
