// Trusted documents, as a team uses them: a client build's manifest registered with
// `npm run documents:register`, operations run by id (documentId, sha256:<hex> or bare; an
// APQ hash), listed and removed; with the workspace's mode on, keys run registered
// documents only, refusals are logged with their code, sessions stay free.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { documentHash } from '../lib/trusted-documents.js';
import { bearer, createUserKey, createWorkspaceAs, createWorkspaceKey, signUp, type CreatedKey, type SignedUpUser } from './identity-seeds.js';
import { runScript } from './process.js';
import { countRows, selectRows, startStack, type TestStack } from './testkit.js';

const WORKSPACE_NAME = 'query WorkspaceName { workspace { name } }';
const ROLE_COUNT = 'query RoleCount { roles { totalCount } }';
const UNREGISTERED = 'query Unregistered { workspace { id name } }';

let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;
let ciKey: CreatedKey;
let readerKey: CreatedKey;
let folder: string;

beforeAll(async () => {
  // Principals cached for a minute: the mode must take effect by invalidation, not by expiry.
  stack = await startStack({ gateway: { requestLogFlushMs: 50, principalCacheTtlMs: 60_000 } });
  owner = await signUp(stack, 'Documents Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Documents Workspace');
  // What a CI pipeline holds: a workspace key that may register documents.
  ciKey = await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['workspaces:write'] });
  readerKey = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
  folder = await mkdtemp(path.join(tmpdir(), 'atrium-documents-'));
});
afterAll(async () => {
  await stack?.stop();
});

async function manifestFile(name: string, content: unknown): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, JSON.stringify(content));
  return file;
}

function apolloManifest(bodies: string[]) {
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: bodies.map((body, index) => ({ id: documentHash(body), name: `Operation${index}`, type: 'query', body })) };
}

function register(file: string, args: string[] = []) {
  return runScript('scripts/documents-register.ts', [file, ...args], { ATRIUM_API_KEY: ciKey.secret, ATRIUM_WORKSPACE_ID: workspaceId, ATRIUM_URL: stack.gatewayUrl });
}

/** A raw POST /graphql with any body (documentId, extensions), answering status and JSON. */
async function post(body: Record<string, unknown>, headers: Record<string, string>, correlationId?: string) {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(correlationId ? { 'x-correlation-id': correlationId } : {}), ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const asReader = () => ({ 'x-api-key': readerKey.secret, 'x-workspace-id': workspaceId });
const asOwner = () => ({ ...bearer(owner.token), 'x-workspace-id': workspaceId });
const codes = (answer: { body: { errors?: { extensions?: { code?: string } }[] } }) => (answer.body.errors ?? []).map((error) => error.extensions?.code);

it('registers an Apollo manifest with npm run documents:register, and again changes nothing', async () => {
  const file = await manifestFile('web.json', apolloManifest([WORKSPACE_NAME, ROLE_COUNT]));
  const first = await register(file, ['--client', 'web', '--client-version', '1.4.0']);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(first.stdout).toContain('2 registered, 0 already registered');
  const again = await register(file, ['--client', 'web', '--client-version', '1.4.0']);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('0 registered, 2 already registered');
  expect(await selectRows(stack.database.url, 'select id, client_name, client_version from identity.trusted_documents where workspace_id = $1 order by id', [workspaceId])).toEqual(
    [WORKSPACE_NAME, ROLE_COUNT].map((body) => ({ id: documentHash(body), client_name: 'web', client_version: '1.4.0' })).sort((a, b) => a.id.localeCompare(b.id)),
  );
  // One audit event per document stored, none for the repeat.
  await expect
    .poll(() => countRows(stack.database.url, "select count(*) from audit.audit_events where action = 'trustedDocument.registered' and workspace_id = $1", [workspaceId]), { timeout: 5000 })
    .toBe(2);
});

it('registers a Relay manifest (SHA256 ids), its file name as the client', async () => {
  const body = 'query RelayRoles { roles { nodes { key } } }';
  const file = await manifestFile('ios-app.json', { [documentHash(body)]: body });
  const result = await register(file);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('1 registered, 0 already registered');
  expect(await selectRows(stack.database.url, 'select client_name from identity.trusted_documents where workspace_id = $1 and id = $2', [workspaceId, documentHash(body)])).toEqual([
    { client_name: 'ios-app' },
  ]);
});

it('runs a registered document by documentId (sha256:<hex> or bare, POST or GET) and by an APQ hash', async () => {
  const id = documentHash(WORKSPACE_NAME);
  const expected = { workspace: { name: 'Documents Workspace' } };
  expect(await post({ documentId: `sha256:${id}` }, asReader(), 'by-document-id')).toEqual({ status: 200, body: { data: expected, extensions: { cost: expect.any(Number) } } });
  expect(await post({ documentId: id }, asReader())).toEqual({ status: 200, body: { data: expected, extensions: { cost: expect.any(Number) } } });
  const get = await fetch(`${stack.gatewayUrl}?${new URLSearchParams({ documentId: `sha256:${id}` })}`, { headers: { ...asReader(), 'apollo-require-preflight': 'true' } });
  expect(get.status).toBe(200);
  expect(await get.json()).toEqual({ data: expected, extensions: { cost: expect.any(Number) } });
  // A hash this gateway never saw as text is found among the workspace's documents.
  const roles = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(ROLE_COUNT) } } }, asReader());
  expect(roles).toEqual({ status: 200, body: { data: { roles: { totalCount: 4 } }, extensions: { cost: expect.any(Number) } } });
  // The request log names the operation the id stood for.
  await expect
    .poll(() => selectRows(stack.database.url, "select operation_name, operation_type, outcome from audit.request_logs where correlation_id = 'by-document-id'"), { timeout: 5000 })
    .toEqual([{ operation_name: 'WorkspaceName', operation_type: 'query', outcome: 'OK' }]);
});

it("lists the workspace's documents page by page", async () => {
  const listing = 'query($after: String) { trustedDocuments(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id body clientName clientVersion createdAt } } }';
  const first = await stack.query({ query: listing, headers: asReader() });
  expect(first.trustedDocuments.totalCount).toBe(3);
  expect(first.trustedDocuments.pageInfo.hasNextPage).toBe(true);
  const second = await stack.query({ query: listing, variables: { after: first.trustedDocuments.pageInfo.endCursor }, headers: asReader() });
  const nodes = [...first.trustedDocuments.nodes, ...second.trustedDocuments.nodes];
  expect(second.trustedDocuments.pageInfo.hasNextPage).toBe(false);
  expect(nodes.map((node: { id: string }) => node.id)).toEqual([WORKSPACE_NAME, ROLE_COUNT, 'query RelayRoles { roles { nodes { key } } }'].map(documentHash).sort());
  expect(nodes.find((node: { id: string }) => node.id === documentHash(WORKSPACE_NAME))).toMatchObject({ body: WORKSPACE_NAME, clientName: 'web', clientVersion: '1.4.0' });
});

it("with the workspace's mode on, keys run registered documents only, refusals are logged; sessions are not limited; off again frees them", async () => {
  const set = (enabled: boolean) =>
    stack.query({ query: 'mutation($enabled: Boolean!) { setTrustedDocumentsOnly(enabled: $enabled) { workspace { trustedDocumentsOnly } } }', variables: { enabled }, headers: asOwner() });
  expect((await set(true)).setTrustedDocumentsOnly).toEqual({ workspace: { trustedDocumentsOnly: true } });
  await expect.poll(async () => (await post({ query: UNREGISTERED }, asReader())).status, { timeout: 5000 }).toBe(403);

  const refused = await post({ query: UNREGISTERED }, asReader(), 'trusted-refused');
  expect(refused.status).toBe(403);
  expect(codes(refused)).toEqual(['OPERATION_NOT_ALLOWED']);
  expect(refused.body.data).toBeUndefined();
  // The registered text runs as it is, and by id.
  expect(await post({ query: WORKSPACE_NAME }, asReader())).toEqual({ status: 200, body: { data: { workspace: { name: 'Documents Workspace' } }, extensions: { cost: expect.any(Number) } } });
  expect((await post({ documentId: documentHash(ROLE_COUNT) }, asReader())).status).toBe(200);
  // A person signed in keeps the whole API (an admin can always turn the mode off).
  expect((await post({ query: UNREGISTERED }, asOwner())).status).toBe(200);
  // The CI key, itself limited now, still registers the next build.
  const next = await register(await manifestFile('web-next.json', apolloManifest([UNREGISTERED])), ['--client', 'web']);
  expect(next.code, next.stderr).toBe(0);
  // The refusal above is remembered for a second at most: then the new registration counts.
  await expect.poll(async () => (await post({ query: UNREGISTERED }, asReader())).status, { timeout: 5000 }).toBe(200);

  await expect
    .poll(() => selectRows(stack.database.url, "select outcome, http_status, key_id from audit.request_logs where correlation_id = 'trusted-refused'"), { timeout: 5000 })
    .toEqual([{ outcome: 'OPERATION_NOT_ALLOWED', http_status: 403, key_id: readerKey.id }]);
  await expect
    .poll(() => selectRows(stack.database.url, "select changes from audit.audit_events where action = 'workspace.updated' and target_id = $1", [workspaceId]), { timeout: 5000 })
    .toEqual([{ changes: [{ field: 'trustedDocumentsOnly', old: false, new: true }] }]);

  expect((await set(false)).setTrustedDocumentsOnly).toEqual({ workspace: { trustedDocumentsOnly: false } });
  await expect.poll(async () => (await post({ query: 'query Free { workspace { id } }' }, asReader())).status, { timeout: 5000 }).toBe(200);
});

it('removes a document: its id then names nothing', async () => {
  const id = documentHash(ROLE_COUNT);
  const removed = await stack.query({ query: 'mutation($id: ID!) { deleteTrustedDocument(id: $id) { deletedId } }', variables: { id: `sha256:${id}` }, headers: asOwner() });
  expect(removed.deleteTrustedDocument).toEqual({ deletedId: id });
  // A gateway that never cached it (this one keeps a body up to a minute) answers at once.
  const other = await stack.startGateway();
  try {
    const response = await fetch(other.url, { method: 'POST', headers: { 'content-type': 'application/json', ...asReader() }, body: JSON.stringify({ documentId: id }) });
    expect(response.status).toBe(200);
    expect((await response.json()).errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  } finally {
    await other.stop();
  }
  expect(await countRows(stack.database.url, 'select count(*) from identity.trusted_documents where workspace_id = $1 and id = $2', [workspaceId, id])).toBe(0);
});

it('audits a deletion as TRUSTED_DOCUMENT_DELETED, and reads events stored as trustedDocument.removed the same way', async () => {
  const id = documentHash(ROLE_COUNT);
  const deletions = async () =>
    (
      await stack.query<{ auditEvents: { nodes: { action: string; targetId: string }[] } }>({
        query: '{ auditEvents(filter: { action: TRUSTED_DOCUMENT_DELETED }) { nodes { action targetId } } }',
        headers: asOwner(),
      })
    ).auditEvents.nodes;
  await expect.poll(deletions, { timeout: 5000 }).toEqual([{ action: 'TRUSTED_DOCUMENT_DELETED', targetId: id }]);
  // A row stored before the rename, under the old verb.
  await selectRows(
    stack.database.url,
    "insert into audit.audit_events (created_at, id, workspace_id, action, target_type, target_id, changes) values (now(), gen_random_uuid(), $1, 'trustedDocument.removed', 'TrustedDocument', 'stored-before', '[]')",
    [workspaceId],
  );
  expect((await deletions()).map((event) => event.targetId).sort()).toEqual([id, 'stored-before'].sort());
  expect(new Set((await deletions()).map((event) => event.action))).toEqual(new Set(['TRUSTED_DOCUMENT_DELETED']));
});
