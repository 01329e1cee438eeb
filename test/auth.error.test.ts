// Every way a credential or workspace can be wrong gets its documented error, and none
// of them tells an attacker whether a key or an email exists.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCredential } from '../lib/api-key-format.js';
import { newId } from '../lib/ids.js';
import { bearer, createUserKey, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { errorCodes, postGraphQL, selectRows, startStack, type GraphQLResponse, type TestStack } from './testkit.js';

let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;
let otherWorkspaceId: string;

beforeAll(async () => {
  stack = await startStack();
  owner = await signUp(stack, 'Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Main');
  otherWorkspaceId = await createWorkspaceAs(stack, owner.token, 'Other');
});
afterAll(async () => {
  await stack?.stop();
});

const sql = (text: string, values: unknown[] = []) => selectRows(stack.database.url, text, values);

/** The parts of a response that must not differ between failure causes. */
function shape(response: GraphQLResponse) {
  return { status: response.status, body: response.body };
}

const UNAUTHENTICATED = { status: 401, body: { errors: [{ message: 'Invalid or missing API key', extensions: { code: 'UNAUTHENTICATED' } }] } };
const FORBIDDEN = { status: 403, body: { errors: [{ message: 'Token not authorized for this workspace', extensions: { code: 'FORBIDDEN' } }] } };
const QUERY = '{ workspace { id } }';

describe('credentials that do not authenticate', () => {
  it('answer 401 with one message, whatever the cause', async () => {
    const revoked = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    await stack.query({ query: 'mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { status } } }', variables: { id: revoked.id }, headers: bearer(owner.token) });
    const expired = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    await sql("update identity.api_keys set expires_at = now() - interval '1 minute' where id = $1", [expired.id]);
    const valid = generateCredential('user_key');
    const causes: Record<string, Record<string, string>> = {
      'no credential': {},
      'empty x-api-key': { 'x-api-key': '' },
      'bad checksum': { 'x-api-key': `${valid.slice(0, -1)}${valid.endsWith('A') ? 'B' : 'A'}` },
      'wrong prefix': { 'x-api-key': `xyz_${valid.slice(4)}` },
      'valid checksum, unknown key': { 'x-api-key': generateCredential('user_key') },
      'unknown session token': { authorization: `Bearer ${generateCredential('session')}` },
      'revoked key': { 'x-api-key': revoked.secret },
      'expired key (cache bypassed: first use)': { 'x-api-key': expired.secret },
      'unknown scheme': { authorization: `Token ${valid}` },
      'two credentials that disagree': { 'x-api-key': revoked.secret, authorization: `Bearer ${expired.secret}` },
      'oversized value': { 'x-api-key': `atk_${'a'.repeat(5000)}` },
      'Basic with a password': { authorization: `Basic ${Buffer.from(`${valid}:password`).toString('base64')}` },
    };
    for (const [cause, headers] of Object.entries(causes)) {
      const response = await stack.request({ query: QUERY, headers });
      expect(shape(response), cause).toEqual(UNAUTHENTICATED);
      expect(response.headers.get('x-correlation-id'), cause).toBeTruthy();
    }
  });

  it('answer 401 for an expired session', async () => {
    const user = await signUp(stack, 'Expiring');
    await sql("update identity.sessions set expires_at = now() - interval '1 second' where user_id = $1", [user.userId]);
    expect(shape(await stack.request({ query: '{ me { id } }', headers: bearer(user.token) }))).toEqual(UNAUTHENTICATED);
  });

  it('refuse a binary header value before it reaches anything', async () => {
    const { port } = new URL(stack.gatewayUrl);
    const body = JSON.stringify({ query: QUERY });
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          Buffer.concat([
            Buffer.from(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${body.length}\r\nx-api-key: atk_`),
            Buffer.from([0xff, 0xfe, 0x01, 0x80]),
            Buffer.from(`\r\n\r\n${body}`),
          ]),
        );
      });
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 (400|401)/);
    expect(raw).not.toContain('"data"');
  });
});

describe('workspaces a credential may not use', () => {
  it('answer 403 for a workspace the key is not authorized for, and 400 for an id that is not an id', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    for (const header of [otherWorkspaceId, newId()]) {
      const response = await stack.request({ query: QUERY, headers: { 'x-api-key': key.secret, 'x-workspace-id': header } });
      expect(shape(response), header).toEqual(FORBIDDEN);
    }
    const malformed = await stack.request({ query: QUERY, headers: { 'x-api-key': key.secret, 'x-workspace-id': 'not-an-id' } });
    expect(malformed.status).toBe(400);
    expect(errorCodes(malformed)).toEqual(['BAD_REQUEST']);
    expect(malformed.body.errors![0].message).toContain('x-workspace-id header is not a workspace id');
  });

  it("answer 403 once the key's user is no longer a member", async () => {
    const [host, member] = [await signUp(stack, 'Host'), await signUp(stack, 'Member')];
    const shared = await createWorkspaceAs(stack, host.token, 'Shared');
    const ownerHeaders = { ...bearer(host.token), 'x-workspace-id': shared };
    const roles = await stack.query({ query: '{ roles { nodes { id key } } }', headers: ownerHeaders });
    const viewer = roles.roles.nodes.find((role: { key: string }) => role.key === 'viewer').id;
    const added = await stack.query({
      query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
      variables: { input: { email: member.email, roleId: viewer } },
      headers: ownerHeaders,
    });
    const key = await createUserKey(stack, member.token, { scopes: ['read'], workspaceIds: [shared] });
    expect((await stack.request({ query: QUERY, headers: { 'x-api-key': key.secret, 'x-workspace-id': shared } })).status).toBe(200);
    await stack.query({ query: 'mutation($id: ID!) { removeMember(id: $id) { deletedId } }', variables: { id: added.addMember.member.id }, headers: ownerHeaders });
    // The very next request, with the principal still cached from the one above.
    expect(shape(await stack.request({ query: QUERY, headers: { 'x-api-key': key.secret, 'x-workspace-id': shared } }))).toEqual(FORBIDDEN);
  });

  it('answer 400 WORKSPACE_REQUIRED when a workspace field has no workspace and nothing else ran', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId, otherWorkspaceId] });
    const response = await stack.request({ query: '{ contentTypes { totalCount } }', headers: { 'x-api-key': key.secret } });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['WORKSPACE_REQUIRED']);
    expect(response.body.errors?.[0]?.message).toBe('Missing required header: x-workspace-id');
    // With a user-level field beside it, the rest of the operation still runs (a nullable
    // workspace field: a non-null one would null the whole response, as GraphQL says).
    const partial = await stack.request({ query: '{ workspace { id } workspaces { totalCount } }', headers: { 'x-api-key': key.secret } });
    expect(partial.status).toBe(200);
    expect(partial.body.data?.workspaces).toEqual({ totalCount: 2 });
    expect(errorCodes(partial)).toEqual(['WORKSPACE_REQUIRED']);
  });

  it('name the header the gateway is configured to read in WORKSPACE_REQUIRED, not the default', async () => {
    const gateway = await stack.startGateway({ workspaceHeader: 'x-tenant' });
    try {
      const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId, otherWorkspaceId] });
      const response = await postGraphQL(gateway.url, { query: '{ contentTypes { totalCount } }', headers: { 'x-api-key': key.secret } });
      expect(response.status).toBe(400);
      expect(errorCodes(response)).toEqual(['WORKSPACE_REQUIRED']);
      expect(response.body.errors?.[0]?.message).toBe('Missing required header: x-tenant');
      // And the configured header is the one that selects the workspace.
      const answered = await postGraphQL(gateway.url, { query: '{ contentTypes { totalCount } }', headers: { 'x-api-key': key.secret, 'x-tenant': workspaceId } });
      expect(answered.status).toBe(200);
      expect(errorCodes(answered)).toEqual([]);
    } finally {
      await gateway.stop();
    }
  });
});

describe('signing in', () => {
  it('gives the same answer for a wrong email and a wrong password, and refuses a sixth try at one account from one address with 429', async () => {
    const user = await signUp(stack, 'Careful');
    const attempt = (email: string, password: string) =>
      stack.request({
        query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }',
        variables: { input: { email, password } },
      });
    const wrongPassword = await attempt(user.email, 'not-the-password');
    const wrongEmail = await attempt(`nobody-${user.email}`, user.password);
    expect(wrongPassword.body.errors?.[0]?.message).toBe(wrongEmail.body.errors?.[0]?.message);
    expect(errorCodes(wrongPassword)).toEqual(errorCodes(wrongEmail));
    expect(errorCodes(wrongPassword)).toEqual(['UNAUTHENTICATED']);
    // Four more wrong passwords make five tries at this account from this address (sign-in.error.test.ts has the rest).
    for (let index = 0; index < 4; index += 1) expect(errorCodes(await attempt(user.email, 'still-wrong-password'))).toEqual(['UNAUTHENTICATED']);
    const locked = await attempt(user.email, user.password);
    expect(locked.status).toBe(429);
    expect(errorCodes(locked)).toEqual(['RATE_LIMITED']);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('a document with no operation to run', () => {
  it('is refused with 400 OPERATION_RESOLUTION_FAILURE, never a 500, and only with a credential', async () => {
    const document = 'query One { me { id } } query Two { workspaces { totalCount } }';
    const unnamed = await stack.request({ query: document, headers: bearer(owner.token) });
    expect(unnamed.status).toBe(400);
    expect(errorCodes(unnamed)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(unnamed.body.errors![0].message).toBe('Must provide operation name if query contains multiple operations.');
    const unknown = await stack.request({ query: document, operationName: 'Three', headers: bearer(owner.token) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors![0].message).toBe('Unknown operation named "Three".');
    const named = await stack.request({ query: document, operationName: 'Two', headers: bearer(owner.token) });
    expect(named.status).toBe(200);
    expect(named.body.data).toEqual({ workspaces: { totalCount: 2 } });
    expect((await stack.request({ query: document })).status).toBe(401);
  });
});
