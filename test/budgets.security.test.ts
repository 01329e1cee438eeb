// Raising a budget is not a way up: only those who may change the workspace
// (workspaces:write: owners and admins, or a key granted it) set its budget, and a key's
// own budget, which anyone making keys may choose, never takes it above its workspace's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { errorCodes, selectRows, startStack, type TestStack } from './testkit.js';

const DEFAULT = 10_000;
const SET = 'mutation($points: Int) { setWorkspaceRateLimit(points: $points) { workspace { id rateLimit } } }';
let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;
const members: Record<string, SignedUpUser> = {};

beforeAll(async () => {
  stack = await startStack({ gateway: { rateLimits: { windowSeconds: 3600, points: { user_key: DEFAULT, workspace_key: DEFAULT, session: DEFAULT, anonymous: DEFAULT } } } });
  owner = await signUp(stack, 'Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Guarded budget');
  const roles = await stack.query({ query: '{ roles { nodes { id key } } }', headers: ownerHeaders() });
  for (const role of ['admin', 'editor', 'viewer']) {
    const user = await signUp(stack, role);
    const roleId = roles.roles.nodes.find((candidate: { key: string }) => candidate.key === role).id;
    await stack.query({
      query: 'mutation($email: String!, $role: ID!) { addMember(input: { email: $email, roleId: $role }) { member { id } } }',
      variables: { email: user.email, role: roleId },
      headers: ownerHeaders(),
    });
    members[role] = user;
  }
});
afterAll(async () => {
  await stack?.stop();
});

function ownerHeaders() {
  return { ...bearer(owner.token), 'x-workspace-id': workspaceId };
}
const sessionOf = (role: string) => ({ ...bearer(members[role].token), 'x-workspace-id': workspaceId });
const storedBudget = async () => (await selectRows(stack.database.url, 'select rate_limit from identity.workspaces where id = $1', [workspaceId]))[0].rate_limit;

describe('setWorkspaceRateLimit', () => {
  it.each(['editor', 'viewer'])('is refused to an %s, up front, and changes nothing', async (role) => {
    const before = await storedBudget();
    const response = await stack.request({ query: SET, variables: { points: 5 * DEFAULT }, headers: sessionOf(role) });
    expect(response.status).toBe(403);
    expect(errorCodes(response)).toEqual(['INSUFFICIENT_SCOPE']);
    expect(response.body.errors![0].extensions!.requiredScopes).toEqual([['WORKSPACES_WRITE']]);
    expect(await storedBudget()).toBe(before);
  });

  it("is refused to a key without workspaces:write, even an owner's with every key scope", async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read', 'keys:read', 'keys:write', 'keys:delete'], workspaceIds: [workspaceId] });
    const response = await stack.request({ query: SET, variables: { points: 5 * DEFAULT }, headers: { 'x-api-key': key.secret } });
    expect(response.status).toBe(403);
    expect(await storedBudget()).toBeNull();
  });

  it('is allowed to an admin, and to a key granted workspaces:write', async () => {
    const byAdmin = await stack.request({ query: SET, variables: { points: 2 * DEFAULT }, headers: sessionOf('admin') });
    expect(byAdmin.status).toBe(200);
    expect(await storedBudget()).toBe(2 * DEFAULT);
    const key = await createUserKey(stack, owner.token, { scopes: ['read', 'workspaces:write'], workspaceIds: [workspaceId] });
    const byKey = await stack.request({ query: SET, variables: { points: null }, headers: { 'x-api-key': key.secret } });
    expect(byKey.body.data).toEqual({ setWorkspaceRateLimit: { workspace: { id: workspaceId, rateLimit: null } } });
    expect(await storedBudget()).toBeNull();
  });

  it("acts on the current workspace only: another's budget is out of reach", async () => {
    const stranger = await signUp(stack, 'Stranger');
    const theirs = await createWorkspaceAs(stack, stranger.token, 'Theirs');
    const response = await stack.request({ query: SET, variables: { points: 5 * DEFAULT }, headers: { ...bearer(owner.token), 'x-workspace-id': theirs } });
    expect(response.status).toBe(403);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect((await selectRows(stack.database.url, 'select rate_limit from identity.workspaces where id = $1', [theirs]))[0].rate_limit).toBeNull();
  });
});

it("gives a viewer's key with the largest budget allowed no more than the workspace's", async () => {
  const created = await stack.query({
    query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { rateLimit } } }',
    variables: { input: { description: 'greedy', expiresIn: 'ONE_MONTH', scopes: ['READ'], workspaceIds: [workspaceId], rateLimit: 10_000_000 } },
    headers: bearer(members.viewer.token),
  });
  expect(created.createApiKey.apiKey.rateLimit).toBe(10_000_000);
  const response = await stack.request({ query: '{ rateLimit { limit } }', headers: { 'x-api-key': created.createApiKey.secret, 'x-workspace-id': workspaceId } });
  expect(response.body.data).toEqual({ rateLimit: { limit: DEFAULT } });
  expect(response.headers.get('ratelimit-limit')).toBe(String(DEFAULT));
});
