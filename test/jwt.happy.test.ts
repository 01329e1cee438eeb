// Bearer JWTs from a workspace's trusted issuer, end to end with a real OpenID provider
// (oidc-provider, in-process): trust it, send its ID token as `Authorization: Bearer`, act
// as the member with their role, logged as JWT; the provider rotates its keys and new
// tokens keep working; untrusting it ends its tokens on every gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from './identity-seeds.js';
import { memberWithAccount, trustingWorkspace, UNTRUST_ISSUER } from './jwt-seeds.js';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider.js';
import { postGraphQL, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let idp: TestOidcProvider;

beforeAll(async () => {
  // No cooldown between two JWKS fetches for an unknown key id, so a rotation shows on the next token.
  stack = await startStack({ gateway: { jwksCooldownMs: 0 } });
  idp = await startOidcProvider();
}, 120_000);

afterAll(async () => {
  await idp?.stop();
  await stack?.stop();
});

const VIEWER = '{ viewer { credentialKind scopes user { id } workspace { id } } }';

describe('a Bearer JWT from a trusted issuer', () => {
  it('acts as the member whose verified email it carries, with their role, and is logged as JWT', async () => {
    const workspace = await trustingWorkspace(stack, idp);
    const listed = await stack.query({
      query: '{ trustedIssuers { totalCount nodes { id issuerUrl audience claimMappings { email emailVerified } createdBy { id } } } }',
      headers: workspace.ownerHeaders,
    });
    expect(listed.trustedIssuers).toEqual({
      totalCount: 1,
      nodes: [
        {
          id: workspace.trustedIssuerId,
          issuerUrl: idp.issuer,
          audience: workspace.clientId,
          claimMappings: { email: 'email', emailVerified: 'email_verified' },
          createdBy: { id: workspace.owner.userId },
        },
      ],
    });

    const { user, sub } = await memberWithAccount(stack, idp, workspace, 'viewer');
    const { idToken } = await idp.idTokenFor(sub, { clientId: workspace.clientId });
    const headers = { ...bearer(idToken), 'x-workspace-id': workspace.workspaceId };
    const viewer = await stack.query({ query: VIEWER, operationName: undefined, headers });
    expect(viewer.viewer.credentialKind).toBe('JWT');
    expect(viewer.viewer.user).toEqual({ id: user.userId });
    expect(viewer.viewer.workspace).toEqual({ id: workspace.workspaceId });
    // The viewer role reads and writes nothing: the same scopes as the member's own session there.
    const session = await stack.query({ query: VIEWER, headers: { ...bearer(user.token), 'x-workspace-id': workspace.workspaceId } });
    expect(viewer.viewer.scopes).toEqual(session.viewer.scopes);
    expect(viewer.viewer.scopes).not.toContain('TYPES_WRITE');

    // What the role does not allow is refused as for any credential.
    const refused = await stack.request({ query: 'mutation { createContentType(input: { key: "note", name: "Note" }) { contentType { id } } }', headers });
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0].extensions?.code).toBe('INSUFFICIENT_SCOPE');

    // The same token again: served from the verified-token cache, same answer.
    expect((await stack.query({ query: VIEWER, headers })).viewer).toEqual(viewer.viewer);

    await expect
      .poll(
        async () => {
          const logs = await stack.query({ query: '{ requestLogs(first: 100) { nodes { credentialKind user { id } apiKey { id } outcome } } }', headers: workspace.ownerHeaders });
          return logs.requestLogs.nodes.filter((node: { credentialKind: string }) => node.credentialKind === 'JWT');
        },
        { timeout: 15_000 },
      )
      .toEqual(
        expect.arrayContaining([
          { credentialKind: 'JWT', user: { id: user.userId }, apiKey: null, outcome: ['OK'] },
          { credentialKind: 'JWT', user: { id: user.userId }, apiKey: null, outcome: ['INSUFFICIENT_SCOPE'] },
        ]),
      );
  });

  it('keeps working across a key rotation at the provider, with no restart', async () => {
    const workspace = await trustingWorkspace(stack, idp);
    const { sub } = await memberWithAccount(stack, idp, workspace, 'editor');
    const before = await idp.idTokenFor(sub, { clientId: workspace.clientId });
    const headers = (token: string) => ({ ...bearer(token), 'x-workspace-id': workspace.workspaceId });
    expect((await stack.query({ query: VIEWER, headers: headers(before.idToken) })).viewer.credentialKind).toBe('JWT');

    const oldKids = idp.publishedKids();
    await idp.rotateKeys({ keepOld: false });
    expect(idp.publishedKids()).not.toEqual(oldKids);
    const after = await idp.idTokenFor(sub, { clientId: workspace.clientId });
    // Signed with a key id the gateway has never seen: it fetches the JWKS again and accepts it.
    expect(JSON.parse(Buffer.from(after.idToken.split('.')[0], 'base64url').toString()).kid).toBe(idp.publishedKids()[0]);
    expect((await stack.query({ query: VIEWER, headers: headers(after.idToken) })).viewer.credentialKind).toBe('JWT');
  });

  it('stops at once on the gateway that untrusted the issuer, and within a second on another', async () => {
    const workspace = await trustingWorkspace(stack, idp);
    const { sub } = await memberWithAccount(stack, idp, workspace, 'editor');
    const { idToken } = await idp.idTokenFor(sub, { clientId: workspace.clientId });
    const headers = { ...bearer(idToken), 'x-workspace-id': workspace.workspaceId };
    const other = await stack.startGateway();
    try {
      // Both gateways have verified the token and cached the issuer, the token and the principal.
      await stack.query({ query: VIEWER, headers });
      expect((await postGraphQL(`${other.url}`, { query: VIEWER, headers })).status).toBe(200);

      await stack.query({ query: UNTRUST_ISSUER, variables: { id: workspace.trustedIssuerId }, headers: workspace.ownerHeaders });
      const refused = await stack.request({ query: VIEWER, headers });
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0].extensions).toEqual({ code: 'INVALID_TOKEN', reason: 'untrusted_issuer' });
      await expect.poll(async () => (await postGraphQL(other.url, { query: VIEWER, headers })).body.errors?.[0].extensions?.reason, { timeout: 1000, interval: 50 }).toBe('untrusted_issuer');
    } finally {
      await other.stop();
    }

    await expect
      .poll(
        async () => {
          const events = await stack.query({ query: '{ auditEvents(first: 100) { nodes { action targetId } } }', headers: workspace.ownerHeaders });
          return events.auditEvents.nodes.filter((event: { targetId: string }) => event.targetId === workspace.trustedIssuerId).map((event: { action: string }) => event.action);
        },
        { timeout: 15_000 },
      )
      .toEqual(expect.arrayContaining(['TRUSTED_ISSUER_CREATED', 'TRUSTED_ISSUER_DELETED']));
  });
});
