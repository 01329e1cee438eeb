// Authentication through the real gateway: every header form, both key kinds, sessions,
// auto-selection of the only workspace, rotation with a grace period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityClient } from '../gateway/identity-client.js';
import { PrincipalResolver } from '../gateway/principal-resolver.js';
import { readCommittedSupergraph } from '../gateway/supergraph.js';
import { bearer, createUserKey, createWorkspaceAs, createWorkspaceKey, signUp, type SignedUpUser } from './identity-seeds.js';
import { errorCodes, postGraphQL, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;

beforeAll(async () => {
  stack = await startStack({ gateway: { keyUsageFlushMs: 100 } });
  owner = await signUp(stack, 'Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Acme');
});
afterAll(async () => {
  await stack?.stop();
});

const WORKSPACE_QUERY = '{ workspace { id name } contentTypes { totalCount } }';

describe('a user API key', () => {
  it('is accepted in every header form', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    const forms: Record<string, Record<string, string>> = {
      'x-api-key': { 'x-api-key': key.secret },
      Bearer: { authorization: `Bearer ${key.secret}` },
      'Basic <key>': { authorization: `Basic ${key.secret}` },
      'Basic base64(<key>:)': { authorization: `Basic ${Buffer.from(`${key.secret}:`).toString('base64')}` },
      'the same key twice': { 'x-api-key': key.secret, authorization: `Bearer ${key.secret}` },
    };
    for (const [form, headers] of Object.entries(forms)) {
      const response = await stack.request({ query: WORKSPACE_QUERY, headers: { ...headers, 'x-workspace-id': workspaceId } });
      expect(response.status, form).toBe(200);
      expect(response.body, form).toEqual({ data: { workspace: { id: workspaceId, name: 'Acme' }, contentTypes: { totalCount: 0 } }, extensions: { cost: 5 } });
    }
  });

  it('selects the only workspace it is authorized for when the header is absent', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    const data = await stack.query({ query: '{ workspace { id } }', headers: { 'x-api-key': key.secret } });
    expect(data.workspace.id).toBe(workspaceId);
  });

  it('is listed with a masked hint and never its secret, and records when it was last used', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId], description: 'listed key' });
    await stack.query({ query: '{ workspace { id } }', headers: { 'x-api-key': key.secret } });
    let listed: Record<string, unknown> | undefined;
    const lastUsedAt = async () => {
      const data = await stack.query({
        query: '{ apiKeys(first: 100) { nodes { id description hint scopes status lastUsedAt workspaces { id } } } }',
        headers: bearer(owner.token),
      });
      listed = data.apiKeys.nodes.find((node: { id: string }) => node.id === key.id);
      return listed?.lastUsedAt ?? null;
    };
    // The gateway reports key usage to identity in the background.
    await expect.poll(lastUsedAt, { timeout: 5000, interval: 100 }).not.toBeNull();
    expect(listed).toMatchObject({ description: 'listed key', status: 'ACTIVE', workspaces: [{ id: workspaceId }] });
    expect(listed!.hint).toBe(`${key.secret.slice(0, 8)}…${key.secret.slice(-4)}`);
    expect(listed!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(key.secret);
  });
});

describe('a workspace key', () => {
  it('works without a user, in its own workspace only', async () => {
    const key = await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['read'] });
    expect(key.secret.startsWith('atw_')).toBe(true);
    const data = await stack.query({ query: '{ workspace { id } contentTypes { totalCount } }', headers: { 'x-api-key': key.secret } });
    expect(data.workspace.id).toBe(workspaceId);
    const other = await createWorkspaceAs(stack, owner.token, 'Other');
    const refused = await stack.request({ query: '{ workspace { id } }', headers: { 'x-api-key': key.secret, 'x-workspace-id': other } });
    expect(refused.status).toBe(403);
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
  });

  it('has no user: me is null, without an error, and the rest of the answer arrives', async () => {
    const key = await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['read'] });
    const response = await stack.request({ query: '{ me { id } workspace { id } }', headers: { 'x-api-key': key.secret } });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ me: null, workspace: { id: workspaceId } });
  });
});

describe('sessions', () => {
  it('sign in with email and password, work as Bearer tokens, and end with revokeSession', async () => {
    const user = await signUp(stack, 'Session User');
    const signIn = await stack.query({
      query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token expiresAt user { id } } }',
      variables: { input: { email: user.email, password: user.password } },
    });
    const token = signIn.createSession.token as string;
    expect(token.startsWith('ats_')).toBe(true);
    expect(new Date(signIn.createSession.expiresAt).getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
    expect((await stack.query({ query: '{ me { id } }', headers: bearer(token) })).me.id).toBe(user.userId);
    expect((await stack.query({ query: 'mutation { revokeSession { user { id } } }', headers: bearer(token) })).revokeSession).toEqual({ user: { id: user.userId } });
    const after = await stack.request({ query: '{ me { id } }', headers: bearer(token) });
    expect(after.status).toBe(401);
    expect(errorCodes(after)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('rotation', () => {
  it('keeps the old secret working during the grace period, and not after', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    const rotate = (id: string, gracePeriod: number) =>
      stack.query({
        query: 'mutation($id: ID!, $grace: Int!) { rotateApiKey(id: $id, gracePeriod: $grace) { secret apiKey { id } } }',
        variables: { id, grace: gracePeriod },
        headers: bearer(owner.token),
      });
    const withGrace = await rotate(key.id, 3600);
    const graced = withGrace.rotateApiKey.secret as string;
    for (const secret of [key.secret, graced]) {
      expect((await stack.request({ query: '{ workspace { id } }', headers: { 'x-api-key': secret } })).status).toBe(200);
    }
    const immediate = await rotate(withGrace.rotateApiKey.apiKey.id, 0);
    const refused = await stack.request({ query: '{ workspace { id } }', headers: { 'x-api-key': graced } });
    expect(refused.status).toBe(401);
    expect((await stack.request({ query: '{ workspace { id } }', headers: { 'x-api-key': immediate.rotateApiKey.secret } })).status).toBe(200);
  });
});

describe("a key's client", () => {
  const KEY_FIELDS = 'id client description';
  /** The gateway's own lookup, uncached: the principal it would sign for a request with `secret`. */
  const principalOf = async (secret: string, kind: 'user_key' | 'workspace_key' | 'session') => {
    const resolver = new PrincipalResolver({ identity: createIdentityClient(stack.subgraphUrls.identity, stack.signingSecrets), ttlMs: 0 });
    const result = await resolver.resolve(secret, kind, undefined);
    if (!result.ok) throw new Error(`lookup refused: ${result.reason}`);
    return result.principal;
  };

  it('is set at creation, trimmed, listed, and carried by the principal of the key', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId], client: '  @acme/dashboard ' });
    const workspaceKey = await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['read'], client: 'ios-app' });
    const plain = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId], client: '' });
    const mine = await stack.query({ query: `{ apiKeys(first: 100) { nodes { ${KEY_FIELDS} } } }`, headers: bearer(owner.token) });
    const listed = (id: string) => mine.apiKeys.nodes.find((node: { id: string }) => node.id === id);
    expect(listed(key.id)).toMatchObject({ client: '@acme/dashboard' });
    expect(listed(plain.id)).toMatchObject({ client: null });
    const workspaceKeys = await stack.query({
      query: `{ apiKeys(first: 100, filter: { owner: WORKSPACE }) { nodes { ${KEY_FIELDS} } } }`,
      headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId },
    });
    expect(workspaceKeys.apiKeys.nodes.find((node: { id: string }) => node.id === workspaceKey.id)).toMatchObject({ client: 'ios-app' });
    expect((await stack.query({ query: `query($id: ID!) { apiKey(id: $id) { ${KEY_FIELDS} } }`, variables: { id: key.id }, headers: bearer(owner.token) })).apiKey.client).toBe('@acme/dashboard');

    expect((await principalOf(key.secret, 'user_key')).clientName).toBe('@acme/dashboard');
    expect((await principalOf(workspaceKey.secret, 'workspace_key')).clientName).toBe('ios-app');
    expect(await principalOf(plain.secret, 'user_key')).not.toHaveProperty('clientName');
    expect(await principalOf(owner.token, 'session')).not.toHaveProperty('clientName');
  });

  it('is kept by a rotation, for the new secret too', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId], client: 'web' });
    const rotated = await stack.query({
      query: `mutation($id: ID!) { rotateApiKey(id: $id, gracePeriod: 60) { secret apiKey { ${KEY_FIELDS} rotatedFrom { id } } } }`,
      variables: { id: key.id },
      headers: bearer(owner.token),
    });
    expect(rotated.rotateApiKey.apiKey).toMatchObject({ client: 'web', rotatedFrom: { id: key.id } });
    expect((await principalOf(rotated.rotateApiKey.secret, 'user_key')).clientName).toBe('web');
  });
});

describe('public operations', () => {
  it('lets register and createSession through without a credential, and nothing else', async () => {
    const signIn = await stack.request({
      query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { user { id } } }',
      variables: { input: { email: owner.email, password: owner.password } },
    });
    expect(signIn.body).toEqual({ data: { createSession: { user: { id: owner.userId } } }, extensions: { cost: expect.any(Number) } });
    const refused = await stack.request({ query: '{ workspaces { totalCount } }' });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]).toMatchObject({ message: 'Invalid or missing API key', extensions: { code: 'UNAUTHENTICATED' } });
    const mixed = await stack.request({
      query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } createWorkspace(input: { name: "x" }) { workspace { id } } }',
      variables: { input: { email: owner.email, password: owner.password } },
    });
    expect(mixed.status).toBe(401);
  });

  it('takes what is public from the @public marks of the supergraph it runs, not from a list', async () => {
    const committed = readCommittedSupergraph();
    const withoutPublicSignIn = committed.replace(/(createSession\([^)]*\): CreateSessionPayload! @join__field\(graph: IDENTITY\)) @public/, '$1');
    expect(withoutPublicSignIn).not.toBe(committed);
    const gateway = await stack.startGateway({ supergraphSdl: withoutPublicSignIn });
    try {
      const signIn = { query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }', variables: { input: { email: owner.email, password: owner.password } } };
      expect((await postGraphQL(gateway.url, signIn)).status).toBe(401);
      expect((await stack.request(signIn)).status).toBe(200);
      const registration = await postGraphQL(gateway.url, {
        query: 'mutation($input: RegisterInput!) { register(input: $input) { user { id } } }',
        variables: { input: { email: `public-${Date.now()}@example.com`, password: 'long-enough-password', name: 'Public' } },
      });
      expect(registration.status, JSON.stringify(registration.body)).toBe(200);
      expect(registration.body.errors).toBeUndefined();
    } finally {
      await gateway.stop();
    }
  });

  it('reads them from a supergraph composed from the live subgraphs too (development composition), with the early mutation refusal', async () => {
    const gateway = await stack.startGateway({ devIntrospection: true });
    try {
      const signIn = await postGraphQL(gateway.url, {
        query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }',
        variables: { input: { email: owner.email, password: owner.password } },
      });
      expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
      expect((await postGraphQL(gateway.url, { query: '{ me { id } }' })).status).toBe(401);
      const readOnly = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
      const refused = await postGraphQL(gateway.url, { query: 'mutation { createWorkspace(input: { name: "x" }) { workspace { id } } }', headers: { 'x-api-key': readOnly.secret } });
      expect(refused.status).toBe(403);
      expect(errorCodes(refused)).toEqual(['INSUFFICIENT_SCOPE']);
    } finally {
      await gateway.stop();
    }
  });
});
