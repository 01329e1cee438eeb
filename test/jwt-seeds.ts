// Seeds for the Bearer JWT tests: a workspace that trusts a real OpenID provider
// (test/oidc-provider.ts), and members whose email the provider vouches for.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearer, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import type { TestOidcProvider } from './oidc-provider.js';
import { selectRows, type TestStack } from './testkit.js';

export const TRUST_ISSUER = 'mutation($input: TrustIssuerInput!) { trustIssuer(input: $input) { trustedIssuer { id issuerUrl audience claimMappings { email emailVerified } createdBy { id } } } }';
export const UNTRUST_ISSUER = 'mutation($id: ID!) { untrustIssuer(id: $id) { deletedId } }';

export function newClient(idp: TestOidcProvider, clientId = `app-${randomBytes(4).toString('hex')}`): string {
  idp.addClient({ clientId, clientSecret: randomBytes(16).toString('hex'), redirectUris: ['http://127.0.0.1:9/callback'] });
  return clientId;
}

export interface TrustingWorkspace {
  readonly owner: SignedUpUser;
  readonly workspaceId: string;
  readonly ownerHeaders: Record<string, string>;
  readonly trustedIssuerId: string;
  readonly clientId: string;
}

/** A workspace whose owner trusts `idp` for a new client of it. */
export async function trustingWorkspace(stack: TestStack, idp: TestOidcProvider): Promise<TrustingWorkspace> {
  const owner = await signUp(stack, 'Owner');
  const workspaceId = await createWorkspaceAs(stack, owner.token, 'Trusting');
  const ownerHeaders = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  const clientId = newClient(idp);
  const trusted = await stack.query({ query: TRUST_ISSUER, variables: { input: { issuerUrl: idp.issuer, audience: clientId } }, headers: ownerHeaders });
  return { owner, workspaceId, ownerHeaders, trustedIssuerId: trusted.trustIssuer.trustedIssuer.id, clientId };
}

/** A new user with `role` (a built-in role key) in the workspace, verified in Atrium, with an account at the provider vouching for their email. */
export async function memberWithAccount(
  stack: TestStack,
  idp: TestOidcProvider,
  workspace: TrustingWorkspace,
  role: string,
  options: { verifiedInAtrium?: boolean; verifiedAtProvider?: boolean; member?: boolean } = {},
): Promise<{ user: SignedUpUser; sub: string }> {
  // signUp opens the verification mail: the user is verified in Atrium.
  const user = await signUp(stack, `Member ${role}`);
  if (options.member ?? true) {
    const roles = await stack.query({ query: '{ roles { nodes { id key } } }', headers: workspace.ownerHeaders });
    const roleId = roles.roles.nodes.find((candidate: { key: string }) => candidate.key === role).id;
    await stack.query({
      query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
      variables: { input: { email: user.email, roleId } },
      headers: workspace.ownerHeaders,
    });
  }
  // A member whose address Atrium no longer counts as proven (a verification undone, as an
  // account from before verification existed would be were it not counted as verified).
  if (options.verifiedInAtrium === false) await selectRows(stack.database.url, 'update identity.users set email_verified_at = null where id = $1', [user.userId]);
  const sub = `sub-${randomBytes(5).toString('hex')}`;
  // The provider's address is the member's in another case: emails match case-insensitively.
  idp.addAccount({ sub, email: user.email.toUpperCase(), email_verified: options.verifiedAtProvider ?? true, name: user.email });
  return { user, sub };
}

let discoveryIssuer: Promise<string> | undefined;

/**
 * The issuer URL of a minimal OpenID discovery document on 127.0.0.1 (issuer and an empty
 * JWKS), for suites that only need trustIssuer to succeed (authorization, connections),
 * not tokens: started once per test file, never holding the process open.
 */
export function discoveryDocumentIssuer(): Promise<string> {
  discoveryIssuer ??= new Promise((resolve) => {
    const server = createServer((request, response) => {
      const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const body =
        request.url === '/jwks'
          ? { keys: [] }
          : {
              issuer,
              jwks_uri: `${issuer}/jwks`,
              authorization_endpoint: `${issuer}/auth`,
              response_types_supported: ['code'],
              subject_types_supported: ['public'],
              id_token_signing_alg_values_supported: ['RS256'],
            };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
  return discoveryIssuer;
}
