// Trusted documents under attack: a limited key cannot run what is not registered (by
// text, by an APQ hash it registered itself, after a rotation), registration needs
// workspaces:write and refuses ids that are not their bodies' hashes without writing
// anything, documents never cross workspaces, and hostile ids get clear 400s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentHash } from '../lib/trusted-documents.js';
import { bearer, createUserKey, createWorkspaceAs, signUp, type CreatedKey, type SignedUpUser } from './identity-seeds.js';
import { runScript } from './process.js';
import { countRows, startStack, type AssertedJson, type TestStack } from './testkit.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REGISTERED = 'query Registered { workspace { name } }';
const UNREGISTERED = 'query Unregistered { workspace { id } }';
const REGISTER = 'mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { registered alreadyRegistered } }';

let stack: TestStack;
let owner: SignedUpUser;
let workspaceA: string;
let workspaceB: string;
let bothKey: CreatedKey;

beforeAll(async () => {
  stack = await startStack();
  owner = await signUp(stack, 'Trusted Owner');
  workspaceA = await createWorkspaceAs(stack, owner.token, 'Alpha');
  workspaceB = await createWorkspaceAs(stack, owner.token, 'Beta');
  bothKey = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceA, workspaceB] });
  await stack.query({ query: REGISTER, variables: { input: { clientName: 'web', documents: [{ id: documentHash(REGISTERED), body: REGISTERED }] } }, headers: ownerIn(workspaceA) });
});
afterAll(async () => {
  await stack?.stop();
});

function ownerIn(workspaceId: string): Record<string, string> {
  return { ...bearer(owner.token), 'x-workspace-id': workspaceId };
}

async function post(body: Record<string, unknown>, headers: Record<string, string>) {
  const response = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, AssertedJson> }[] } };
}

const codesOf = (answer: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => (answer.body.errors ?? []).map((error) => error.extensions?.code);
const documentRows = () => countRows(stack.database.url, 'select count(*) from identity.trusted_documents');

/** A user key made with trustedDocumentsOnly (keys are never edited: the flag is set here or never). */
async function limitedKey(workspaceIds: string[]): Promise<CreatedKey> {
  const data = await stack.query<{ createApiKey: { secret: string; apiKey: { id: string; trustedDocumentsOnly: boolean } } }>({
    query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id trustedDocumentsOnly } } }',
    variables: { input: { description: 'limited', expiresIn: 'ONE_MONTH', scopes: ['READ'], workspaceIds, trustedDocumentsOnly: true } },
    headers: bearer(owner.token),
  });
  expect(data.createApiKey.apiKey.trustedDocumentsOnly).toBe(true);
  return { id: data.createApiKey.apiKey.id, secret: data.createApiKey.secret };
}

describe('a key limited to trusted documents', () => {
  it('refuses unregistered documents though its workspace accepts any, and runs registered ones', async () => {
    const key = await limitedKey([workspaceA]);
    const headers = { 'x-api-key': key.secret, 'x-workspace-id': workspaceA };
    const workspace = await stack.query({ query: '{ workspace { trustedDocumentsOnly } }', headers: ownerIn(workspaceA) });
    expect(workspace.workspace.trustedDocumentsOnly).toBe(false);
    const refused = await post({ query: UNREGISTERED }, headers);
    expect(refused.status).toBe(403);
    expect(codesOf(refused)).toEqual(['OPERATION_NOT_ALLOWED']);
    expect(await post({ query: REGISTERED }, headers)).toEqual({ status: 200, body: { data: { workspace: { name: 'Alpha' } }, extensions: { cost: expect.any(Number) } } });
    // Introspection is a document like any other.
    expect((await post({ query: '{ __schema { queryType { name } } }' }, headers)).status).toBe(403);
    // Other keys of the workspace are not limited.
    expect((await post({ query: UNREGISTERED }, { 'x-api-key': bothKey.secret, 'x-workspace-id': workspaceA })).status).toBe(200);
  });

  it('cannot launder a document through APQ: text + hash is refused, and so is the hash alone afterwards', async () => {
    const key = await limitedKey([workspaceA]);
    const headers = { 'x-api-key': key.secret, 'x-workspace-id': workspaceA };
    const persistedQuery = { version: 1, sha256Hash: documentHash(UNREGISTERED) };
    // An unlimited key makes this gateway remember the text under its hash.
    expect((await post({ query: UNREGISTERED, extensions: { persistedQuery } }, { 'x-api-key': bothKey.secret, 'x-workspace-id': workspaceA })).status).toBe(200);
    const withText = await post({ query: UNREGISTERED, extensions: { persistedQuery } }, headers);
    expect([withText.status, codesOf(withText)]).toEqual([403, ['OPERATION_NOT_ALLOWED']]);
    const byHash = await post({ extensions: { persistedQuery } }, headers);
    expect([byHash.status, codesOf(byHash)]).toEqual([403, ['OPERATION_NOT_ALLOWED']]);
    const byId = await post({ documentId: documentHash(UNREGISTERED) }, headers);
    expect([byId.status, codesOf(byId)]).toEqual([200, ['PERSISTED_QUERY_NOT_FOUND']]);
  });

  it('stays limited after a rotation', async () => {
    const key = await limitedKey([workspaceA]);
    const rotated = await stack.query({
      query: 'mutation($id: ID!) { rotateApiKey(id: $id, gracePeriod: 0) { secret apiKey { trustedDocumentsOnly } } }',
      variables: { id: key.id },
      headers: bearer(owner.token),
    });
    expect(rotated.rotateApiKey.apiKey.trustedDocumentsOnly).toBe(true);
    const refused = await post({ query: UNREGISTERED }, { 'x-api-key': rotated.rotateApiKey.secret, 'x-workspace-id': workspaceA });
    expect([refused.status, codesOf(refused)]).toEqual([403, ['OPERATION_NOT_ALLOWED']]);
  });

  it('needs a workspace to know what is registered', async () => {
    const key = await limitedKey([workspaceA, workspaceB]);
    const noWorkspace = await post({ query: REGISTERED }, { 'x-api-key': key.secret });
    expect([noWorkspace.status, codesOf(noWorkspace)]).toEqual([400, ['WORKSPACE_REQUIRED']]);
  });
});

describe('registration', () => {
  it('needs workspaces:write: a member without it and a key without it are refused with 403, nothing written', async () => {
    const editor = await signUp(stack, 'Editor');
    const roles = await stack.query({ query: '{ roles { nodes { id key } } }', headers: ownerIn(workspaceA) });
    const editorRole = roles.roles.nodes.find((role: { key: string }) => role.key === 'editor').id;
    await stack.query({
      query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
      variables: { input: { email: editor.email, roleId: editorRole } },
      headers: ownerIn(workspaceA),
    });
    const before = await documentRows();
    const input = { clientName: 'web', documents: [{ id: documentHash(UNREGISTERED), body: UNREGISTERED }] };
    const refusedCallers: Record<string, string>[] = [
      { ...bearer(editor.token), 'x-workspace-id': workspaceA },
      { 'x-api-key': bothKey.secret, 'x-workspace-id': workspaceA },
    ];
    for (const headers of refusedCallers) {
      const refused = await post({ query: REGISTER, variables: { input } }, headers);
      expect([refused.status, codesOf(refused)]).toEqual([403, ['INSUFFICIENT_SCOPE']]);
    }
    const mode = await post({ query: 'mutation { setTrustedDocumentsOnly(enabled: true) { workspace { id } } }' }, { ...bearer(editor.token), 'x-workspace-id': workspaceA });
    expect([mode.status, codesOf(mode)]).toEqual([403, ['INSUFFICIENT_SCOPE']]);
    expect(await documentRows()).toBe(before);
  });

  it('refuses ids that are not the hashes of their bodies and bodies that are not operations, naming every bad entry, writing nothing', async () => {
    const before = await documentRows();
    const good = 'query Good { workspace { id } }';
    const documents = [
      { id: documentHash(good), body: good },
      { id: documentHash('query Other { me { id } }'), body: 'query Swapped { me { email } }' },
      { id: documentHash('query Broken {'), body: 'query Broken {' },
      { id: 'md5:0123', body: good },
      { id: documentHash('type Sneaky { id: ID }'), body: 'type Sneaky { id: ID }' },
    ];
    const refused = await post({ query: REGISTER, variables: { input: { clientName: 'web', documents } } }, ownerIn(workspaceA));
    expect(refused.status).toBe(200);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.body.errors![0].extensions!.fieldErrors.map((problem: { field: string }) => problem.field)).toEqual([
      'documents[1].id',
      'documents[2].body',
      'documents[3].id',
      'documents[4].body',
    ]);
    expect(await documentRows()).toBe(before);
  });

  it('refuses more than 200 documents in one call', async () => {
    const documents = Array.from({ length: 201 }, (_, index) => {
      const body = `query Many${index} { workspace { id } }`;
      return { id: documentHash(body), body };
    });
    const refused = await post({ query: REGISTER, variables: { input: { clientName: 'web', documents } } }, ownerIn(workspaceA));
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.body.errors![0].extensions!.fieldErrors).toEqual([{ field: 'documents', reason: 'must hold 1 to 200 documents per call' }]);
  });

  it("the script exits 1 with the server's message on a mismatched manifest, and writes nothing", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'atrium-documents-'));
    const file = path.join(folder, 'relay-md5.json');
    // Relay's default MD5 ids do not name SHA-256 documents.
    await writeFile(file, JSON.stringify({ '0123456789abcdef0123456789abcdef': 'query FromRelay { workspace { id } }' }));
    const key = await createUserKey(stack, owner.token, { scopes: ['workspaces:write'], workspaceIds: [workspaceA] });
    const before = await documentRows();
    const result = await runScript('scripts/documents-register.ts', [file], { ATRIUM_API_KEY: key.secret, ATRIUM_WORKSPACE_ID: workspaceA, ATRIUM_URL: stack.gatewayUrl });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BAD_USER_INPUT');
    expect(result.stderr).toContain('documents[0].id must be a SHA-256 in hex');
    expect(await documentRows()).toBe(before);
    const unauthenticated = await runScript('scripts/documents-register.ts', [file], { ATRIUM_API_KEY: 'atk_nonsense', ATRIUM_WORKSPACE_ID: workspaceA, ATRIUM_URL: stack.gatewayUrl });
    expect(unauthenticated.code).toBe(1);
    expect(unauthenticated.stderr).toContain('UNAUTHENTICATED');
  });
});

describe('workspaces', () => {
  it('a document registered in A is neither runnable by id in B nor trusted there', async () => {
    const inB = { 'x-api-key': bothKey.secret, 'x-workspace-id': workspaceB };
    const byId = await post({ documentId: `sha256:${documentHash(REGISTERED)}` }, inB);
    expect([byId.status, codesOf(byId)]).toEqual([200, ['PERSISTED_QUERY_NOT_FOUND']]);
    await stack.query({ query: 'mutation { setTrustedDocumentsOnly(enabled: true) { workspace { id } } }', headers: ownerIn(workspaceB) });
    await expect.poll(async () => (await post({ query: REGISTERED }, inB)).status, { timeout: 5000 }).toBe(403);
    const byText = await post({ query: REGISTERED }, inB);
    expect(codesOf(byText)).toEqual(['OPERATION_NOT_ALLOWED']);
    // The same key in A, whose mode is off, runs it.
    expect((await post({ documentId: documentHash(REGISTERED) }, { 'x-api-key': bothKey.secret, 'x-workspace-id': workspaceA })).status).toBe(200);
    await stack.query({ query: 'mutation { setTrustedDocumentsOnly(enabled: false) { workspace { id } } }', headers: ownerIn(workspaceB) });
  });
});

describe('hostile ids', () => {
  const inA = () => ({ 'x-api-key': bothKey.secret, 'x-workspace-id': workspaceA });
  it.each([
    ['not hex', { documentId: 'sha256:xyz' }],
    ['a number', { documentId: 42 }],
    ['another algorithm', { documentId: `md5:${'a'.repeat(32)}` }],
    ['not the hash of the query sent with it', { documentId: documentHash(REGISTERED), query: UNREGISTERED }],
    ['not the APQ hash sent with it', { documentId: documentHash(REGISTERED), extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(UNREGISTERED) } } }],
  ])('refuses a documentId that is %s with 400 BAD_REQUEST', async (_name, body) => {
    const answer = await post(body, inA());
    expect([answer.status, codesOf(answer)]).toEqual([400, ['BAD_REQUEST']]);
  });

  it('gives an anonymous caller nothing by id', async () => {
    const answer = await post({ documentId: documentHash(REGISTERED) }, {});
    expect([answer.status, codesOf(answer)]).toEqual([200, ['PERSISTED_QUERY_NOT_FOUND']]);
  });

  it('asks for a workspace when the credential has several and none is named', async () => {
    const answer = await post({ documentId: documentHash(REGISTERED) }, { 'x-api-key': bothKey.secret });
    expect([answer.status, codesOf(answer)]).toEqual([400, ['WORKSPACE_REQUIRED']]);
  });
});
