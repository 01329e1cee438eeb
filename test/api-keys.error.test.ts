// Creating keys: every rule a new key must satisfy, each refused with BAD_USER_INPUT
// naming what is wrong (an unknown scope already by GraphQL validation), and nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { countRows, errorCodes, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;
let strangersWorkspace: string;

beforeAll(async () => {
  stack = await startStack({ settings: { maxKeyExpiry: 'ONE_YEAR' } });
  owner = await signUp(stack);
  workspaceId = await createWorkspaceAs(stack, owner.token);
  const stranger = await signUp(stack);
  strangersWorkspace = await createWorkspaceAs(stack, stranger.token);
});
afterAll(async () => {
  await stack?.stop();
});

const keyCount = () => countRows(stack.database.url, 'select count(*) from identity.api_keys');

const CREATE = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }';

async function refusal(input: Record<string, unknown>, headers = bearer(owner.token)) {
  const before = await keyCount();
  const response = await stack.request({
    query: CREATE,
    variables: { input: { description: 'k', expiresIn: 'ONE_MONTH', scopes: ['READ'], workspaceIds: [workspaceId], ...input } },
    headers,
  });
  expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  expect(await keyCount()).toBe(before);
  return (response.body.errors![0].extensions!.fieldErrors as { field: string; reason: string }[]).map((error) => `${error.field}: ${error.reason}`);
}

describe('createApiKey refuses', () => {
  it('unknown scopes before anything runs: a value outside the Scope enum fails GraphQL validation, naming it', async () => {
    const before = await keyCount();
    // As a variable: the wire form, a made-up scope, and a real one in the wrong spelling.
    for (const unknown of ['ADMIN', 'items:read', 'items_read']) {
      const response = await stack.request({
        query: CREATE,
        variables: { input: { description: 'k', expiresIn: 'ONE_MONTH', scopes: ['READ', unknown], workspaceIds: [workspaceId] } },
        headers: bearer(owner.token),
      });
      expect(response.status).toBe(400);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors![0].message).toContain(`Value "${unknown}" does not exist in "Scope" enum`);
    }
    // As a literal in the document.
    const literal = await stack.request({
      query: `mutation { createApiKey(input: { description: "k", expiresIn: ONE_MONTH, scopes: [READ, ITEMS_FLY], workspaceIds: ["${workspaceId}"] }) { secret } }`,
      headers: bearer(owner.token),
    });
    expect(literal.status).toBe(400);
    expect(errorCodes(literal)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(literal.body.errors![0].message).toContain('Value "ITEMS_FLY" does not exist in "Scope" enum');
    expect(await keyCount()).toBe(before);
  });

  it('scopes as the API names them, stored and answered the same way (ITEMS_READ is items:read)', async () => {
    const response = await stack.query<{ createApiKey: { apiKey: { scopes: string[] } } }>({
      query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { scopes } } }',
      variables: { input: { description: 'k', expiresIn: 'ONE_MONTH', scopes: ['READ', 'ITEMS_WRITE', 'KEYS_READ'], workspaceIds: [workspaceId] } },
      headers: bearer(owner.token),
    });
    expect(response.createApiKey.apiKey.scopes).toEqual(['READ', 'ITEMS_WRITE', 'KEYS_READ']);
    const stored = await countRows(stack.database.url, `select count(*) from identity.api_keys where scopes = array['read', 'items:write', 'keys:read']`);
    expect(stored).toBe(1);
  });

  it('a workspace the user does not belong to, without saying whether it exists', async () => {
    const [reason] = await refusal({ workspaceIds: [strangersWorkspace] });
    expect(reason).toBe(`workspaceIds: ${strangersWorkspace} is not a workspace you belong to`);
  });

  it("an expiry beyond the deployment's cap", async () => {
    expect(await refusal({ expiresIn: 'NEVER' })).toEqual(['expiresIn: may be at most ONE_YEAR in this deployment']);
  });

  it('scopes beyond those of the key used to create it', async () => {
    const parent = await createUserKey(stack, owner.token, { scopes: ['read', 'keys:write'], workspaceIds: [workspaceId] });
    const reasons = await refusal({ scopes: ['READ', 'ITEMS_WRITE'] }, { 'x-api-key': parent.secret });
    expect(reasons).toEqual(['scopes: exceed the scopes of the key you used: items:write']);
  });

  it('a client name that is too long or has characters beyond letters, digits, spaces and . - _ / @ :', async () => {
    expect(await refusal({ client: 'x'.repeat(65) })).toEqual(['client: must be at most 64 characters']);
    expect(await refusal({ client: 'x'.repeat(10 * 1024) })).toEqual(['client: must be at most 64 characters']);
    for (const client of ['web\u0000', 'web\r\nx-api-key: forged', 'wéb', '🚀', 'web<script>']) {
      expect(await refusal({ client }), client).toEqual(['client: may contain only letters (A-Z, a-z), digits, spaces and . - _ / @ :']);
    }
  });

  it('an empty description or no scopes, all at once', async () => {
    expect(await refusal({ description: ' ', scopes: [] })).toEqual(['description: must be 1 to 200 characters', 'scopes: must name at least one scope']);
  });
});

describe('a workspace key', () => {
  it('is refused with an invalid client name, all problems at once, and nothing is stored', async () => {
    const before = await keyCount();
    const response = await stack.request({
      query: 'mutation($input: CreateWorkspaceKeyInput!) { createWorkspaceKey(input: $input) { secret } }',
      variables: { input: { description: '', expiresIn: 'ONE_MONTH', scopes: ['READ'], client: 'dash\tboard' } },
      headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId },
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors![0].extensions!.fieldErrors).toEqual([
      { field: 'description', reason: 'must be 1 to 200 characters' },
      { field: 'client', reason: 'may contain only letters (A-Z, a-z), digits, spaces and . - _ / @ :' },
    ]);
    expect(await keyCount()).toBe(before);
  });

  it('cannot be rotated by a member whose own permissions are narrower than the key', async () => {
    const powerful = await stack.query({
      query: 'mutation { createWorkspaceKey(input: { description: "deploys", expiresIn: ONE_MONTH, scopes: [READ, WRITE] }) { apiKey { id } } }',
      headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId },
    });
    const roles = await stack.query({ query: '{ roles { nodes { id key } } }', headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId } });
    const viewerRole = roles.roles.nodes.find((role: { key: string }) => role.key === 'viewer').id;
    const viewer = await signUp(stack, 'Viewer');
    await stack.query({
      query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
      variables: { input: { email: viewer.email, roleId: viewerRole } },
      headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId },
    });
    const before = await keyCount();
    const response = await stack.request({
      query: 'mutation($id: ID!) { rotateApiKey(id: $id, gracePeriod: 0) { secret } }',
      variables: { id: powerful.createWorkspaceKey.apiKey.id },
      headers: { ...bearer(viewer.token), 'x-workspace-id': workspaceId },
    });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(response.body)).not.toContain('atw_');
    expect(await keyCount()).toBe(before);
  });
});
