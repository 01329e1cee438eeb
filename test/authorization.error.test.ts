// @scopes through the real gateway: a denied query field is null with INSUFFICIENT_SCOPE
// (path and required scope sets); a mutation the principal can never run is refused by
// the gateway with 403 before any subgraph is called.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { countRows, errorCodes, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;

beforeAll(async () => {
  stack = await startStack();
  owner = await signUp(stack);
  workspaceId = await createWorkspaceAs(stack, owner.token);
});
afterAll(async () => {
  await stack?.stop();
});

const count = (table: string) => countRows(stack.database.url, `select count(*) from ${table}`);

describe('a key without the scope a field needs', () => {
  it('gets INSUFFICIENT_SCOPE with the path and the scope sets that would allow it', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['types:read', 'workspaces:read'], workspaceIds: [workspaceId] });
    const allowed = await stack.request({ query: '{ contentTypes { totalCount } }', headers: { 'x-api-key': key.secret } });
    expect(allowed.body).toEqual({ data: { contentTypes: { totalCount: 0 } }, extensions: { cost: 2 } });
    const denied = await stack.request({ query: '{ requestLogs { totalCount } }', headers: { 'x-api-key': key.secret } });
    expect(denied.status).toBe(200);
    expect(denied.body.errors).toEqual([
      expect.objectContaining({ path: ['requestLogs'], extensions: expect.objectContaining({ code: 'INSUFFICIENT_SCOPE', requiredScopes: [['AUDIT_READ'], ['KEYS_READ']] }) }),
    ]);
  });

  it('never mints keys from coarse scopes: keys:* must be granted by name', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read', 'write', 'delete'], workspaceIds: [workspaceId] });
    const response = await stack.request({
      query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      variables: { input: { description: 'child', expiresIn: 'ONE_MONTH', scopes: ['READ'], workspaceIds: [workspaceId] } },
      headers: { 'x-api-key': key.secret },
    });
    expect(response.status).toBe(403);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'INSUFFICIENT_SCOPE', requiredScopes: [['KEYS_WRITE']] });
  });
});

describe('a mutation the principal can never run', () => {
  it('is refused by the gateway with 403 and nothing is executed', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    const before = await count('identity.workspaces');
    const response = await stack.request({
      query: 'mutation { createWorkspace(input: { name: "not allowed" }) { workspace { id } } }',
      headers: { 'x-api-key': key.secret },
    });
    expect(response.status).toBe(403);
    expect(errorCodes(response)).toEqual(['INSUFFICIENT_SCOPE']);
    expect(response.body.errors?.[0]).toMatchObject({ path: ['createWorkspace'], extensions: { requiredScopes: [['WORKSPACES_WRITE']] } });
    expect(response.body.data).toBeUndefined();
    expect(await count('identity.workspaces')).toBe(before);
  });

  it('runs for a principal that has the scope', async () => {
    const response = await stack.request({ query: 'mutation { createWorkspace(input: { name: "allowed" }) { workspace { id } } }', headers: bearer(owner.token) });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });
});
