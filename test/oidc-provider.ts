// A real OpenID provider (node-oidc-provider v9) on 127.0.0.1, in-process, for tests.
//
//   const idp = await startOidcProvider({ clients: [{ clientId: 'atrium', clientSecret: 's3cret', redirectUris: ['http://127.0.0.1:4000/auth/oidc/acme/callback'] }] });
//   idp.issuer                       // 'http://127.0.0.1:<port>' (discovery at `${issuer}/.well-known/openid-configuration`)
//   idp.addAccount({ sub: 'alice', email: 'alice@acme.com', email_verified: true, name: 'Alice' });
//   idp.addClient({ clientId: 'other', clientSecret: '…', redirectUris: ['…'] });   // takes effect at once
//   const { idToken, claims } = await idp.idTokenFor('alice', { clientId: 'atrium', nonce: 'n-123' });
//   const forged = await idp.signIdToken({ sub: 'alice', aud: 'atrium', exp: past });  // minted with jose with the provider's current key (or { key: 'fresh' } for one it never published)
//   await idp.rotateKeys({ keepOld: false });  // a new signing key; the old one dropped from (or kept in) the JWKS
//   await idp.stop();
//
// Accounts: the login name typed into the provider's devInteractions login form is the account's `sub`
// (any password). Claims: openid → sub; email → email, email_verified; profile → name. The ID token
// carries email/name itself (conformIdTokenClaims: false), as Google and Microsoft do.
//
// Clients: confidential (client_secret_basic, also client_secret_post), authorization code only,
// `pkce: 'required'` (default) refuses an authorization request without a code_challenge (S256).
//
// idTokenFor drives the whole authorization-code flow over HTTP with fetch — /auth → the login form
// (POST prompt=login) → the consent form (POST prompt=consent) → the redirect to the client's
// redirect_uri with a code (never followed) → POST /token with the PKCE verifier — and returns the
// ID token the provider issued. No browser needed. `authorizationCodeFor` stops at the code, for tests
// that redeem (or replay) it themselves.
//
// Key rotation without a new port: one http.Server on a fixed port delegates to the current Provider
// instance; rotateKeys (and addClient) build a new Provider with the same issuer, clients, accounts and
// cookie keys and swap it in. Grants and sessions live in oidc-provider's process-wide memory adapter,
// so they survive the swap.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import Provider, { type Configuration } from 'oidc-provider';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface OidcTestClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface OidcTestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface IdTokenRequest {
  /** Defaults to the first client. */
  clientId?: string;
  /** Defaults to the client's first redirect URI. */
  redirectUri?: string;
  nonce?: string;
  scope?: string;
}

export interface IssuedTokens {
  idToken: string;
  accessToken: string;
  /** The ID token's payload (decoded, not verified: the provider just issued it). */
  claims: Record<string, unknown>;
}

export interface OidcProviderOptions {
  clients?: OidcTestClient[];
  accounts?: OidcTestAccount[];
  /** 'required' (default): an authorization request without PKCE is refused. */
  pkce?: 'required' | 'optional';
  /** ID token lifetime in seconds (default 3600). */
  idTokenTtlSeconds?: number;
}

export interface TestOidcProvider {
  readonly issuer: string;
  readonly port: number;
  addAccount(account: OidcTestAccount): void;
  addClient(client: OidcTestClient): void;
  /** The kids currently published in the JWKS; the first signs. */
  publishedKids(): string[];
  authorizationCodeFor(sub: string, request?: IdTokenRequest & { codeChallenge?: string; state?: string }): Promise<{ code: string; state: string; redirectUri: string; codeVerifier: string }>;
  idTokenFor(sub: string, request?: IdTokenRequest): Promise<IssuedTokens>;
  /**
   * An ID token signed with jose, not by the provider: by default with the provider's current signing
   * key (so only the claims decide), `{ key: 'fresh' }` with a key the provider never published.
   * Claims default to iss = issuer, iat = now, exp = now + 300; pass any to override.
   */
  signIdToken(claims: Record<string, unknown>, options?: { key?: 'current' | 'fresh' }): Promise<string>;
  /** A new signing key; keepOld publishes the previous key(s) too (they no longer sign). */
  rotateKeys(options?: { keepOld?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

interface SigningKey {
  kid: string;
  privateJwk: JWK;
  privateKey: CryptoKey;
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `k-${randomBytes(6).toString('hex')}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateJwk, privateKey };
}

const base64url = (buffer: Buffer) => buffer.toString('base64url');

export async function startOidcProvider(options: OidcProviderOptions = {}): Promise<TestOidcProvider> {
  const clients = new Map<string, OidcTestClient>();
  for (const client of options.clients ?? []) clients.set(client.clientId, client);
  const accounts = new Map<string, OidcTestAccount>();
  for (const account of options.accounts ?? []) accounts.set(account.sub, account);
  const cookieKeys = [randomBytes(32).toString('hex')];
  let keys: SigningKey[] = [await newSigningKey()];

  let handler: ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (!handler) {
      res.statusCode = 503;
      res.end();
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  function build(): void {
    const configuration: Configuration = {
      clients: [...clients.values()].map((client) => ({
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      })),
      async findAccount(_ctx, id) {
        const account = accounts.get(id);
        if (!account) return undefined;
        return {
          accountId: id,
          async claims() {
            return { ...account };
          },
        };
      },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: true } },
      pkce: { required: () => (options.pkce ?? 'required') === 'required' },
      jwks: { keys: keys.map((key) => key.privateJwk as Record<string, unknown>) },
      cookies: { keys: cookieKeys },
      ttl: { IdToken: options.idTokenTtlSeconds ?? 3600, AccessToken: 3600, AuthorizationCode: 60, Grant: 3600, Interaction: 600, Session: 3600 },
    };
    const provider = new Provider(issuer, configuration);
    // Don't print every expected refusal a test provokes.
    provider.on('server_error', (_ctx, error) => console.error('test OIDC provider server_error', error));
    handler = provider.callback();
  }
  build();

  function signingKey(): SigningKey {
    return keys[0];
  }

  async function authorizationCodeFor(sub: string, request: IdTokenRequest & { codeChallenge?: string; state?: string } = {}) {
    const client = request.clientId ? clients.get(request.clientId) : [...clients.values()][0];
    if (!client) throw new Error(`test OIDC provider: no client ${request.clientId ?? '(none configured)'}`);
    const redirectUri = request.redirectUri ?? client.redirectUris[0];
    const codeVerifier = base64url(randomBytes(32));
    const codeChallenge = request.codeChallenge ?? base64url(createHash('sha256').update(codeVerifier).digest());
    const state = request.state ?? base64url(randomBytes(12));
    const jar = new Map<string, string>();
    const remember = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair, ...attributes] = line.split(';');
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        const expired = attributes.some((attribute) => /^\s*expires=Thu, 01 Jan 1970/i.test(attribute)) || value === '';
        if (expired) jar.delete(name);
        else jar.set(name, value);
      }
    };
    const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const step = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() } });
      remember(response);
      return response;
    };

    const authorize = new URL(`${issuer}/auth`);
    authorize.search = new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: request.scope ?? 'openid email profile',
      state,
      ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    }).toString();

    let response = await step(authorize.toString());
    for (let hops = 0; hops < 12; hops++) {
      if (response.status >= 300 && response.status < 400) {
        const location = new URL(response.headers.get('location')!, issuer);
        if (location.toString().startsWith(redirectUri)) {
          const error = location.searchParams.get('error');
          if (error) throw new Error(`test OIDC provider refused: ${error} ${location.searchParams.get('error_description') ?? ''}`);
          const code = location.searchParams.get('code');
          if (!code) throw new Error('test OIDC provider: redirect without a code');
          return { code, state: location.searchParams.get('state') ?? '', redirectUri, codeVerifier };
        }
        response = await step(location.toString());
        continue;
      }
      const html = await response.text();
      if (response.status !== 200) throw new Error(`test OIDC provider answered ${response.status}: ${html.slice(0, 500)}`);
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!prompt || !action) throw new Error(`test OIDC provider: unexpected page: ${html.slice(0, 500)}`);
      const form = new URLSearchParams({ prompt });
      if (prompt === 'login') {
        form.set('login', sub);
        form.set('password', 'any');
      }
      response = await step(new URL(action.replaceAll('&amp;', '&'), issuer).toString(), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
    }
    throw new Error('test OIDC provider: too many redirects');
  }

  return {
    issuer,
    port,
    addAccount(account) {
      accounts.set(account.sub, account);
    },
    addClient(client) {
      clients.set(client.clientId, client);
      build();
    },
    publishedKids() {
      return keys.map((key) => key.kid);
    },
    authorizationCodeFor,
    async idTokenFor(sub, request = {}) {
      const client = request.clientId ? clients.get(request.clientId) : [...clients.values()][0];
      if (!client) throw new Error(`test OIDC provider: no client ${request.clientId ?? '(none configured)'}`);
      if (!accounts.has(sub)) throw new Error(`test OIDC provider: no account ${sub}`);
      const { code, redirectUri, codeVerifier } = await authorizationCodeFor(sub, { ...request, clientId: client.clientId });
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier }).toString(),
      });
      const body = (await response.json()) as { id_token?: string; access_token?: string; error?: string; error_description?: string };
      if (!response.ok || !body.id_token) throw new Error(`test OIDC provider token endpoint: ${response.status} ${body.error ?? ''} ${body.error_description ?? ''}`);
      const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
      return { idToken: body.id_token, accessToken: body.access_token ?? '', claims };
    },
    async signIdToken(claims, signOptions = {}) {
      const key = signOptions.key === 'fresh' ? await newSigningKey() : signingKey();
      const now = Math.floor(Date.now() / 1000);
      const payload = { iss: issuer, iat: now, exp: now + 300, ...claims };
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
    },
    async rotateKeys(rotateOptions = {}) {
      const fresh = await newSigningKey();
      keys = rotateOptions.keepOld ? [fresh, ...keys] : [fresh];
      build();
    },
    async stop() {
      handler = undefined;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
