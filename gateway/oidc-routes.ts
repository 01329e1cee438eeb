// Sign-in with an OpenID provider in a browser (the authorization-code flow with PKCE), on the
// gateway: openid-client does discovery, the authorization URL and the callback's checks (state,
// PKCE, the ID token and its nonce); identity turns the verified claims into a session
// (lib/oidc-settings.ts OIDC_SESSION_PATH), which becomes an HttpOnly cookie that /graphql
// accepts (gateway/oidc-session-cookie.ts).
//
//   GET  /auth/oidc/<id>/start[?returnTo=/path]  → 302 to the provider
//   GET  /auth/oidc/<id>/callback?code&state      → "Signed in as …" with a link to returnTo
//   POST /auth/sign-out                           → the session revoked, the cookie cleared
//
// The flow's secrets (state, nonce, PKCE verifier, returnTo) wait for the callback in a cookie
// encrypted with a key derived from the principal-signing secrets (jose, A256GCM; 10 minutes,
// path /auth/oidc/) rather than in server memory: any gateway instance can finish a flow another
// started, and a flood of /start requests fills nothing. What a cookie cannot stop — the same
// callback sent twice — a short-lived set of used states (lru-cache) refuses; the provider's
// code is single-use too. Every failure answers that request with 400 (a page, or JSON for
// clients that ask for it) and is logged without codes, states or tokens.
import { hkdfSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { LRUCache } from 'lru-cache';
import * as oidc from 'openid-client';
import type { Logger } from '../lib/logger.js';
import { OIDC_SESSION_PATH, claimsOf, type OidcProviderSetting, type OidcSessionRequest, type OidcSessionResponse } from '../lib/oidc-settings.js';
import type { IdentityClient } from './identity-client.js';
import { SESSION_COOKIE, cookieHeader, isCrossSiteRisk, readCookie } from './oidc-session-cookie.js';
import { escapeHtml } from '../lib/html.js';

export interface OidcRoutesOptions {
  readonly providers: readonly OidcProviderSetting[];
  /** Where browsers reach the gateway (PUBLIC_URL), no trailing slash; redirect URIs are `${publicUrl}/auth/oidc/<id>/callback`. */
  readonly publicUrl: () => string;
  /** The gateway's own /graphql, to revoke a session on sign-out through the API itself. */
  readonly graphqlUrl: () => string;
  /** Origins a sign-out may come from (the gateway's own and the listed CORS origins). */
  readonly trustedOrigins: () => readonly string[];
  readonly identity: IdentityClient;
  readonly signingSecrets: readonly string[];
  readonly logger: Logger;
  /** Client address for identity's audit trail. */
  readonly clientIp: (request: IncomingMessage) => string | null;
}

export interface OidcRoutes {
  /** Answers the request when it is one of these routes (true), else leaves it alone (false). */
  handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean>;
}

const FLOW_COOKIE = 'atrium_oidc';
const FLOW_COOKIE_PATH = '/auth/oidc/';
const FLOW_TTL_SECONDS = 600;
const SCOPE = 'openid email profile';
const DEFAULT_RETURN_TO = '/graphql';
const ROUTE = /^\/auth\/oidc\/([a-z0-9][a-z0-9-]{0,31})\/(start|callback)$/;

/** What a refusal tells the browser; `log` is what the log line says (never a code, state or token). */
class FlowError extends Error {
  constructor(
    readonly code: string,
    readonly userMessage: string,
    readonly log?: string,
  ) {
    super(userMessage);
  }
}

interface FlowState {
  readonly provider: string;
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly returnTo: string;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Atrium</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}h1{font-size:1.4rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** A same-origin path to come back to (`/console?tab=keys`), or the default: never another site (open redirect). */
export function safeReturnTo(value: string | null): string {
  if (
    value === null ||
    value.length === 0 ||
    value.length > 512 ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\') ||
    [...value].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)
  )
    return DEFAULT_RETURN_TO;
  const base = 'http://same-origin.invalid';
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : DEFAULT_RETURN_TO;
}

function wantsJson(request: IncomingMessage): boolean {
  const accept = String(request.headers.accept ?? '');
  return accept.includes('application/json') && !accept.includes('text/html');
}

export function createOidcRoutes(options: OidcRoutesOptions): OidcRoutes {
  const providers = new Map(options.providers.map((provider) => [provider.id, provider]));
  const keys = options.signingSecrets.map((secret) => new Uint8Array(hkdfSync('sha256', secret, 'atrium', 'oidc flow cookie', 32)));
  /** States whose callback came already: a second one is a replay. Longer-lived than the flow cookie. */
  const usedStates = new LRUCache<string, true>({ max: 10_000, ttl: FLOW_TTL_SECONDS * 1000 * 2 });
  /** Per provider: openid-client's configuration from discovery, fetched once (a failure is not kept). */
  const configurations = new Map<string, Promise<oidc.Configuration>>();
  const secure = () => options.publicUrl().startsWith('https:');
  const redirectUri = (provider: OidcProviderSetting) => `${options.publicUrl()}/auth/oidc/${provider.id}/callback`;

  function configurationOf(provider: OidcProviderSetting): Promise<oidc.Configuration> {
    let configuration = configurations.get(provider.id);
    if (!configuration) {
      const insecure = new URL(provider.issuer).protocol === 'http:';
      configuration = oidc.discovery(
        new URL(provider.issuer),
        provider.clientId,
        undefined,
        provider.clientSecret !== undefined ? oidc.ClientSecretBasic(provider.clientSecret) : oidc.None(),
        // http only for a provider on this machine (lib/oidc-settings.ts allows no other).
        { ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}), timeout: 5 },
      );
      configuration.catch(() => configurations.delete(provider.id));
      configurations.set(provider.id, configuration);
    }
    return configuration;
  }

  async function sealFlow(flow: FlowState): Promise<string> {
    return new EncryptJWT({ ...flow }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setIssuedAt().setExpirationTime(`${FLOW_TTL_SECONDS}s`).encrypt(keys[0]);
  }

  async function openFlow(sealed: string): Promise<FlowState | undefined> {
    for (const key of keys) {
      try {
        const { payload } = await jwtDecrypt(sealed, key);
        const { provider, state, nonce, verifier, returnTo } = payload as Partial<Record<keyof FlowState, unknown>>;
        if ([provider, state, nonce, verifier, returnTo].every((value) => typeof value === 'string')) return payload as unknown as FlowState;
        return undefined;
      } catch {
        // Another key (rotation), or not ours / expired: the next key, then undefined.
      }
    }
    return undefined;
  }

  const clearFlowCookie = () => cookieHeader(FLOW_COOKIE, '', { path: FLOW_COOKIE_PATH, maxAgeSeconds: 0, secure: secure() });

  async function start(request: IncomingMessage, response: ServerResponse, provider: OidcProviderSetting, query: URLSearchParams): Promise<void> {
    let configuration: oidc.Configuration;
    try {
      configuration = await configurationOf(provider);
    } catch (error) {
      throw new FlowError('PROVIDER_UNAVAILABLE', `${provider.label} cannot be reached right now. Try again in a moment.`, `discovery failed: ${(error as Error).message}`);
    }
    const verifier = oidc.randomPKCECodeVerifier();
    const flow: FlowState = { provider: provider.id, state: oidc.randomState(), nonce: oidc.randomNonce(), verifier, returnTo: safeReturnTo(query.get('returnTo')) };
    const target = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri(provider),
      scope: SCOPE,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    response.writeHead(302, {
      location: target.href,
      'set-cookie': cookieHeader(FLOW_COOKIE, await sealFlow(flow), { path: FLOW_COOKIE_PATH, maxAgeSeconds: FLOW_TTL_SECONDS, secure: secure() }),
      'cache-control': 'no-store',
    });
    response.end();
  }

  async function callback(request: IncomingMessage, response: ServerResponse, provider: OidcProviderSetting, query: URLSearchParams): Promise<void> {
    const providerError = query.get('error');
    if (providerError !== null) {
      const denied = providerError === 'access_denied';
      throw new FlowError(
        'PROVIDER_REFUSED',
        denied ? `You did not allow the sign-in at ${provider.label}.` : `${provider.label} could not sign you in (${providerError.slice(0, 64)}).`,
        `provider answered error=${providerError.slice(0, 64)}`,
      );
    }
    const sealed = readCookie(request, FLOW_COOKIE);
    if (sealed === undefined) throw new FlowError('NO_SIGN_IN_IN_PROGRESS', 'No sign-in was started in this browser (or it took more than 10 minutes). Start again.', 'callback without a flow cookie');
    const flow = await openFlow(sealed);
    if (!flow || flow.provider !== provider.id)
      throw new FlowError('NO_SIGN_IN_IN_PROGRESS', 'This sign-in could not be matched to one started in this browser. Start again.', 'flow cookie unreadable, expired or for another provider');
    const state = query.get('state');
    if (state === null || state !== flow.state)
      throw new FlowError('STATE_MISMATCH', 'This sign-in answer does not belong to the sign-in started in this browser. Start again.', 'state missing or different from the flow cookie');
    if (usedStates.has(flow.state)) throw new FlowError('ALREADY_USED', 'This sign-in was already completed. Start again to sign in once more.', 'callback replayed');
    usedStates.set(flow.state, true);
    const configuration = await configurationOf(provider).catch((error: unknown) => {
      throw new FlowError('PROVIDER_UNAVAILABLE', `${provider.label} cannot be reached right now. Try again in a moment.`, `discovery failed: ${(error as Error).message}`);
    });
    const currentUrl = new URL(redirectUri(provider));
    currentUrl.search = new URLSearchParams([...query].filter(([name]) => ['code', 'state', 'iss', 'session_state'].includes(name))).toString();
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
      claims = tokens.claims();
    } catch (error) {
      const { name, code } = error as { name?: string; code?: string };
      throw new FlowError('PROVIDER_REFUSED', `${provider.label} did not confirm this sign-in. Start again.`, `code exchange refused: ${name ?? 'Error'} ${code ?? ''}`.trim());
    }
    if (!claims) throw new FlowError('PROVIDER_REFUSED', `${provider.label} did not confirm this sign-in. Start again.`, 'no ID token claims');
    const verified = claimsOf(provider, claims);
    const ask: OidcSessionRequest = {
      providerId: provider.id,
      claims: {
        sub: verified.sub,
        emailVerified: verified.emailVerified,
        ...(verified.email !== undefined ? { email: verified.email } : {}),
        ...(verified.name !== undefined ? { name: verified.name.slice(0, 1000) } : {}),
      },
      ...(options.clientIp(request) ? { clientIp: options.clientIp(request)! } : {}),
    };
    const answer = await options.identity.post<OidcSessionResponse>(OIDC_SESSION_PATH, ask);
    if (!answer.ok) throw new FlowError(`INVALID_TOKEN`, answer.message, `identity refused: ${answer.reason}`);
    const maxAge = (Date.parse(answer.expiresAt) - Date.now()) / 1000;
    options.logger.info('oidc sign-in', { provider: provider.id, userId: answer.user.id, outcome: answer.outcome });
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'set-cookie': [cookieHeader(SESSION_COOKIE, answer.token, { path: '/', maxAgeSeconds: maxAge, secure: secure() }), clearFlowCookie()],
    });
    const who = answer.user.name && answer.user.name !== answer.user.email ? `${answer.user.name} (${answer.user.email})` : answer.user.email;
    response.end(
      page(
        'Signed in',
        `<p id="signed-in">Signed in as <strong>${escapeHtml(who)}</strong> with ${escapeHtml(provider.label)}.</p><p><a id="continue" href="${escapeHtml(flow.returnTo)}">Continue</a></p>`,
      ),
    );
  }

  async function signOut(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (typeof request.headers.origin === 'string' && isCrossSiteRisk(request, options.trustedOrigins())) {
      throw new FlowError('FORBIDDEN_ORIGIN', 'Sign-out must come from this site.', 'sign-out from an untrusted origin');
    }
    const token = readCookie(request, SESSION_COOKIE);
    if (token !== undefined && token.length <= 256) {
      // Through the API itself: revokeSession ends it on every gateway and records it in the audit trail.
      try {
        await fetch(options.graphqlUrl(), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: 'mutation SignOut { revokeSession { user { id } } }' }),
          signal: AbortSignal.timeout(5000),
        });
      } catch (error) {
        options.logger.warn('sign-out could not revoke the session', { error: (error as Error).message });
      }
    }
    const clear = cookieHeader(SESSION_COOKIE, '', { path: '/', maxAgeSeconds: 0, secure: secure() });
    if (wantsJson(request)) {
      response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': clear, 'cache-control': 'no-store' });
      response.end(JSON.stringify({ signedOut: true }));
    } else {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': clear, 'cache-control': 'no-store' });
      response.end(page('Signed out', '<p id="signed-out">You are signed out.</p>'));
    }
  }

  function refuse(request: IncomingMessage, response: ServerResponse, error: FlowError, clearFlow: boolean): void {
    const headers: Record<string, string | string[]> = { 'cache-control': 'no-store', ...(clearFlow ? { 'set-cookie': clearFlowCookie() } : {}) };
    const status = error.code === 'FORBIDDEN_ORIGIN' ? 403 : 400;
    if (wantsJson(request)) {
      response.writeHead(status, { ...headers, 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: error.code, message: error.userMessage } }));
    } else {
      response.writeHead(status, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      response.end(page('Sign-in failed', `<p id="sign-in-error" data-code="${escapeHtml(error.code)}">${escapeHtml(error.userMessage)}</p>`));
    }
  }

  return {
    async handle(request, response, path) {
      const signingOut = path === '/auth/sign-out';
      const match = ROUTE.exec(path);
      if (!signingOut && !match && !path.startsWith('/auth/oidc/')) return false;
      try {
        if (signingOut) {
          if (request.method !== 'POST') throw new FlowError('METHOD_NOT_ALLOWED', 'Sign out with POST.');
          await signOut(request, response);
          return true;
        }
        const provider = match ? providers.get(match[1]) : undefined;
        if (!match || !provider)
          throw new FlowError('UNKNOWN_PROVIDER', `No sign-in provider is configured at this address. Configured: ${[...providers.keys()].join(', ') || 'none'}.`, 'unknown provider id');
        if (request.method !== 'GET') throw new FlowError('METHOD_NOT_ALLOWED', 'This address takes GET only.');
        const query = new URL(request.url ?? '/', 'http://gateway.invalid').searchParams;
        if (match[2] === 'start') await start(request, response, provider, query);
        else await callback(request, response, provider, query);
      } catch (error) {
        const flowError =
          error instanceof FlowError
            ? error
            : new FlowError('SIGN_IN_FAILED', 'Signing in failed on our side. Start again in a moment.', `unexpected: ${(error as Error).name}: ${(error as Error).message}`);
        options.logger.warn('oidc route refused', { path: path.slice(0, 80), code: flowError.code, reason: flowError.log ?? flowError.code });
        if (!response.headersSent) refuse(request, response, flowError, !signingOut);
        else response.end();
      }
      return true;
    },
  };
}
