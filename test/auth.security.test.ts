// Security properties of authentication: subgraphs trust nothing but the gateway's
// signature; revocation reaches every gateway instance; secrets never leak into logs,
// errors, the database or any response but the one that created them.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_PRINCIPAL, type Principal } from '../lib/principal.js';
import { PRINCIPAL_HEADER, SIGNATURE_WINDOW_MS, signPrincipal } from '../lib/principal-signing.js';
import { bearer, createUserKey, createWorkspaceAs, issueEverySecret, signUp } from './identity-seeds.js';
import { countRows, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
const logLines: string[] = [];

beforeAll(async () => {
  stack = await startStack({ logLines });
});
afterAll(async () => {
  await stack?.stop();
});

const workspaceRows = () => countRows(stack.database.url, 'select count(*) from identity.workspaces');

describe('calling a subgraph directly', () => {
  const body = JSON.stringify({ query: 'mutation { createWorkspace(input: { name: "sneaky" }) { workspace { id } } }' });
  const principal: Principal = { kind: 'session', userId: '00000000-0000-7000-8000-000000000000', sessionId: 'x', scopes: [], workspaceIds: [] };
  const send = (headers: Record<string, string>, payload = body) => fetch(stack.subgraphUrls.identity, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload });

  it('is refused with 401 and runs nothing, without a valid signature', async () => {
    const before = await workspaceRows();
    const cases: Record<string, () => Promise<Response>> = {
      'no signature': () => send({}),
      'forged with another secret': () => send({ [PRINCIPAL_HEADER]: signPrincipal(principal, 'identity', body, ['an-attackers-guess-of-the-secret-000']) }),
      'made for another body': () => send({ [PRINCIPAL_HEADER]: signPrincipal(principal, 'identity', '{"query":"{ __typename }"}', stack.signingSecrets) }),
      stale: () => send({ [PRINCIPAL_HEADER]: signPrincipal(principal, 'identity', body, stack.signingSecrets, Date.now() - SIGNATURE_WINDOW_MS - 5000) }),
      garbage: () => send({ [PRINCIPAL_HEADER]: 'not.a.signature.at-all' }),
      'signed for content': () => send({ [PRINCIPAL_HEADER]: signPrincipal(principal, 'content', body, stack.signingSecrets) }),
    };
    for (const [name, call] of Object.entries(cases)) {
      const response = await call();
      expect(response.status, name).toBe(401);
      expect(await response.json(), name).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    expect(await workspaceRows()).toBe(before);
  });

  it('accepts a captured header once; replayed, it is refused', async () => {
    const query = JSON.stringify({ query: '{ __typename }' });
    const captured = signPrincipal(principal, 'identity', query, stack.signingSecrets);
    expect((await send({ [PRINCIPAL_HEADER]: captured }, query)).status).toBe(200);
    expect((await send({ [PRINCIPAL_HEADER]: captured }, query)).status).toBe(401);
  });

  it('runs nothing but a @public root field for a principal without a credential, should the gateway let one through', async () => {
    const before = await workspaceRows();
    const asAnonymous = (payload: string) => send({ [PRINCIPAL_HEADER]: signPrincipal(ANONYMOUS_PRINCIPAL, 'identity', payload, stack.signingSecrets) }, payload);
    const refused = await asAnonymous(body);
    expect(await refused.json()).toMatchObject({ data: null, errors: [{ path: ['createWorkspace'], extensions: { code: 'UNAUTHENTICATED' } }] });
    // A credential but no scope (`@scopes(anyOf: [[]])`) is not public either.
    const me = await asAnonymous(JSON.stringify({ query: '{ me { id } }' }));
    expect(await me.json()).toMatchObject({ data: { me: null }, errors: [{ path: ['me'], extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await workspaceRows()).toBe(before);
    const owner = await signUp(stack);
    const signIn = await asAnonymous(JSON.stringify({ query: `mutation { createSession(input: { email: "${owner.email}", password: "${owner.password}" }) { user { id } } }` }));
    expect(await signIn.json()).toEqual({ data: { createSession: { user: { id: owner.userId } } } });
  });

  it("is refused for every subgraph and for identity's internal endpoints", async () => {
    for (const url of Object.values(stack.subgraphUrls)) {
      expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).status).toBe(401);
    }
    const lookup = new URL('/internal/principal', stack.subgraphUrls.identity);
    const answer = await fetch(lookup, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(401);
    const anonymous = signPrincipal(ANONYMOUS_PRINCIPAL, 'identity', '{}', ['wrong-secret-wrong-secret-wrong-secret']);
    expect((await fetch(lookup, { method: 'POST', headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: anonymous }, body: '{}' })).status).toBe(401);
  });
});

describe('revocation', () => {
  it('holds at once on the gateway that revoked, and within a second on another', async () => {
    const owner = await signUp(stack);
    const workspaceId = await createWorkspaceAs(stack, owner.token);
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
    const second = await stack.startGateway();
    try {
      const ask = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key.secret }, body: JSON.stringify({ query: '{ workspace { id } }' }) });
      // Both instances have the principal cached now.
      expect((await ask(stack.gatewayUrl)).status).toBe(200);
      expect((await ask(second.url)).status).toBe(200);
      await stack.query({ query: 'mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { status } } }', variables: { id: key.id }, headers: bearer(owner.token) });
      // The gateway that revoked refuses at once; the other within a second (NOTIFY).
      expect((await ask(stack.gatewayUrl)).status).toBe(401);
      await expect.poll(async () => (await ask(second.url)).status, { timeout: 1000, interval: 20 }).toBe(401);
    } finally {
      await second.stop();
    }
  });
});

describe('secrets', () => {
  it('never appear in logs, errors, the database or any response but the one that created them', async () => {
    const { user, workspaceId, userKey, workspaceKey, rotatedSecret, sessionToken } = await issueEverySecret(stack, 'Secretive');
    const secrets = [user.password, user.token, userKey.secret, workspaceKey.secret, rotatedSecret, sessionToken];

    // Use them, including in ways that fail, so that every code path logs.
    const responses: string[] = [];
    for (const secret of secrets.slice(1)) {
      for (const query of ['{ workspace { id } }', '{ apiKeys { nodes { id hint } } }', '{ broken']) {
        const response = await stack.request({ query, headers: { authorization: `Bearer ${secret}`, 'x-workspace-id': workspaceId } });
        responses.push(JSON.stringify(response.body));
      }
    }
    responses.push(JSON.stringify((await stack.request({ query: '{ me { id } }', headers: { 'x-api-key': `${userKey.secret}x` } })).body));

    const client = new pg.Client({ connectionString: stack.database.url });
    await client.connect();
    let dump = '';
    try {
      const tables = await client.query("select table_schema, table_name from information_schema.tables where table_schema in ('identity', 'content', 'audit') and table_type = 'BASE TABLE'");
      for (const { table_schema: schema, table_name: table } of tables.rows) {
        dump += JSON.stringify((await client.query(`select * from "${schema}"."${table}"`)).rows);
      }
    } finally {
      await client.end();
    }
    expect(dump.length).toBeGreaterThan(1000);
    expect(logLines.length).toBeGreaterThan(0);
    const logs = logLines.join('\n');
    for (const secret of secrets) {
      expect(logs.includes(secret), 'a secret is in the logs').toBe(false);
      expect(dump.includes(secret), 'a secret is in the database').toBe(false);
      expect(
        responses.some((body) => body.includes(secret)),
        'a secret is in a response',
      ).toBe(false);
    }
  });
});
