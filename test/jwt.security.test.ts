// What a Bearer JWT must never get through, with a real OpenID provider: every refusal is
// 401 INVALID_TOKEN with the check that failed in extensions.reason, and never quotes the
// token. And what trustIssuer refuses to trust.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from './identity-seeds.js';
import { memberWithAccount, newClient, TRUST_ISSUER, trustingWorkspace, type TrustingWorkspace } from './jwt-seeds.js';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider.js';
import { startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let idp: TestOidcProvider;
let stranger: TestOidcProvider;
let workspace: TrustingWorkspace;

beforeAll(async () => {
  stack = await startStack({ gateway: { jwksCooldownMs: 0 } });
  idp = await startOidcProvider();
  stranger = await startOidcProvider();
  workspace = await trustingWorkspace(stack, idp);
}, 120_000);

afterAll(async () => {
  await stranger?.stop();
  await idp?.stop();
  await stack?.stop();
});

const VIEWER = '{ viewer { credentialKind } }';

async function refusal(token: string, headers: Record<string, string> = { 'x-workspace-id': workspace.workspaceId }) {
  const response = await stack.request({ query: VIEWER, headers: { ...bearer(token), ...headers } });
  expect(JSON.stringify(response.body)).not.toContain(token.split('.')[1]);
  expect(response.body.data ?? null).toBeNull();
  return { status: response.status, ...response.body.errors?.[0].extensions };
}

describe('a Bearer JWT is refused with its reason', () => {
  it('for an email that is no verified member of the workspace', async () => {
    const outsider = await memberWithAccount(stack, idp, workspace, 'viewer', { member: false });
    const unverified = await memberWithAccount(stack, idp, workspace, 'viewer', { verifiedInAtrium: false });
    idp.addAccount({ sub: 'nobody', email: 'nobody-at-all@example.com', email_verified: true });
    for (const sub of [outsider.sub, unverified.sub, 'nobody']) {
      const { idToken } = await idp.idTokenFor(sub, { clientId: workspace.clientId });
      expect(await refusal(idToken)).toEqual({ status: 401, code: 'INVALID_TOKEN', reason: 'unknown_user' });
    }
  });

  it('for an email the provider does not say it verified', async () => {
    const { sub } = await memberWithAccount(stack, idp, workspace, 'viewer', { verifiedAtProvider: false });
    const { idToken } = await idp.idTokenFor(sub, { clientId: workspace.clientId });
    expect(await refusal(idToken)).toEqual({ status: 401, code: 'INVALID_TOKEN', reason: 'email_not_verified' });
  });

  it('for an issuer the workspace does not trust, another audience, an expired or a forged token', async () => {
    const { user, sub } = await memberWithAccount(stack, idp, workspace, 'viewer');
    const claims = { sub, aud: workspace.clientId, email: user.email, email_verified: true };
    stranger.addAccount({ sub, email: user.email, email_verified: true });
    const strangerClient = newClient(stranger);
    const fromStranger = await stranger.idTokenFor(sub, { clientId: strangerClient });
    expect(await refusal(fromStranger.idToken)).toEqual({ status: 401, code: 'INVALID_TOKEN', reason: 'untrusted_issuer' });

    // The same provider, for a client of it the workspace does not trust.
    const otherClient = newClient(idp);
    expect(await refusal((await idp.idTokenFor(sub, { clientId: otherClient })).idToken)).toEqual({ status: 401, code: 'INVALID_TOKEN', reason: 'audience' });

    const now = Math.floor(Date.now() / 1000);
    expect(await refusal(await idp.signIdToken({ ...claims, iat: now - 7200, exp: now - 3600 }))).toEqual({ status: 401, code: 'INVALID_TOKEN', reason: 'expired' });
    expect(await refusal(await idp.signIdToken({ ...claims, nbf: now + 3600 }))).toEqual({ status: 401, code: 'INVALID_TOKEN', reason: 'expired' });
    // Signed with a key the provider never published.
    expect(await refusal(await idp.signIdToken(claims, { key: 'fresh' }))).toEqual({ status: 401, code: 'INVALID_TOKEN', reason: 'signature' });
    // A real token whose claims were edited (another member's email), signature kept.
    const { idToken } = await idp.idTokenFor(sub, { clientId: workspace.clientId });
    const [header, payload, signature] = idToken.split('.');
    const edited = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), email: workspace.owner.email };
    expect(await refusal(`${header}.${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${signature}`)).toEqual({ status: 401, code: 'INVALID_TOKEN', reason: 'signature' });
    // Unsigned (alg none) is never accepted.
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, iss: idp.issuer, exp: now + 300 })).toString('base64url')}.x`;
    expect(await refusal(unsigned)).toEqual({ status: 401, code: 'INVALID_TOKEN', reason: 'signature' });
    // Something JWT-shaped that is no JWT, and a token without an issuer.
    expect(await refusal('abc.def.ghi')).toEqual({ status: 401, code: 'INVALID_TOKEN', reason: 'malformed' });
    expect(await refusal(await idp.signIdToken({ ...claims, iss: undefined }))).toEqual({ status: 401, code: 'INVALID_TOKEN', reason: 'issuer' });
  });

  it('without a workspace header, beside an API key, or too long for a header', async () => {
    const { sub } = await memberWithAccount(stack, idp, workspace, 'viewer');
    const { idToken } = await idp.idTokenFor(sub, { clientId: workspace.clientId });
    const noWorkspace = await stack.request({ query: VIEWER, headers: bearer(idToken) });
    expect([noWorkspace.status, noWorkspace.body.errors?.[0].extensions?.code]).toEqual([400, 'WORKSPACE_REQUIRED']);
    const withKey = await stack.request({ query: VIEWER, headers: { ...bearer(idToken), 'x-api-key': 'atk_x', 'x-workspace-id': workspace.workspaceId } });
    expect([withKey.status, withKey.body.errors?.[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    const huge = await stack.request({ query: VIEWER, headers: { ...bearer(`${'a'.repeat(9000)}.b.c`), 'x-workspace-id': workspace.workspaceId } });
    expect([huge.status, huge.body.errors?.[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('trustIssuer', () => {
  const trust = (input: Record<string, unknown>, headers = workspace.ownerHeaders) => stack.request({ query: TRUST_ISSUER, variables: { input }, headers });

  it('refuses what is no OpenID issuer, with the reason, and writes nothing', async () => {
    const port = new URL(idp.issuer).port;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ issuerUrl: 'http://example.com', audience: 'a' }, 'issuerUrl', /must use https/],
      [{ issuerUrl: 'not a url', audience: 'a' }, 'issuerUrl', /absolute URL/],
      // The provider answers, but names itself 127.0.0.1, not localhost.
      [{ issuerUrl: `http://localhost:${port}`, audience: 'a' }, 'issuerUrl', /names another issuer/],
      [{ issuerUrl: `${idp.issuer}/nothing-here`, audience: 'a' }, 'issuerUrl', /no readable OpenID discovery document/],
      [{ issuerUrl: idp.issuer, audience: '' }, 'audience', /1 to 500/],
      [{ issuerUrl: idp.issuer, audience: workspace.clientId }, 'audience', /already trusted/],
      [{ issuerUrl: idp.issuer, audience: 'b', claimMappings: { email: 'has space' } }, 'claimMappings.email', /claim name/],
    ];
    for (const [input, field, reason] of cases) {
      const response = await trust(input);
      expect(response.body.errors?.[0].extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(response.body.errors?.[0].extensions?.fieldErrors).toEqual([{ field, reason: expect.stringMatching(reason) }]);
    }
    const listed = await stack.query({ query: '{ trustedIssuers { totalCount } }', headers: workspace.ownerHeaders });
    expect(listed.trustedIssuers.totalCount).toBe(1);
  });

  it('is for admins: an editor may neither trust nor untrust, and needs workspaces:read to list', async () => {
    const { user } = await memberWithAccount(stack, idp, workspace, 'editor');
    const headers = { ...bearer(user.token), 'x-workspace-id': workspace.workspaceId };
    const trusting = await trust({ issuerUrl: idp.issuer, audience: 'editor-app' }, headers);
    expect([trusting.status, trusting.body.errors?.[0].extensions?.code]).toEqual([403, 'INSUFFICIENT_SCOPE']);
    const untrusting = await stack.request({ query: 'mutation($id: ID!) { untrustIssuer(id: $id) { deletedId } }', variables: { id: workspace.trustedIssuerId }, headers });
    expect([untrusting.status, untrusting.body.errors?.[0].extensions?.code]).toEqual([403, 'INSUFFICIENT_SCOPE']);
  });

  it("cannot untrust another workspace's issuer", async () => {
    const other = await trustingWorkspace(stack, idp);
    const response = await stack.request({ query: 'mutation($id: ID!) { untrustIssuer(id: $id) { deletedId } }', variables: { id: workspace.trustedIssuerId }, headers: other.ownerHeaders });
    expect(response.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
