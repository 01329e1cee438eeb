// What a forged, expired, foreign or replayed proof gets: createSessionFromIdToken answers
// HTTP 401 INVALID_TOKEN with the check that failed; a rotated key set is picked up without a
// restart and the removed key stops counting; the browser flow's callback answers hostile input
// with 400 and the gateway keeps serving; the session cookie counts only on requests no other
// site could have made, and signing out ends it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcProviderSetting } from '../lib/oidc-settings.js';
import { bearer } from './identity-seeds.js';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider.js';
import { startStack, type TestStack } from './testkit.js';

let idp: TestOidcProvider;
let stack: TestStack;
let gateway: string;
const CLIENT_SECRET = 'atrium-secret-0123456789';

const SIGN_IN = 'mutation($input: CreateSessionFromIdTokenInput!) { createSessionFromIdToken(input: $input) { token user { id email } } }';

function signInWith(idToken: string, extra: Record<string, unknown> = {}) {
  return stack.request({ query: SIGN_IN, variables: { input: { issuer: 'acme', idToken, ...extra } } });
}

async function refusal(idToken: string, extra: Record<string, unknown> = {}) {
  const answer = await signInWith(idToken, extra);
  return { status: answer.status, code: answer.body.errors?.[0]?.extensions?.code, reason: answer.body.errors?.[0]?.extensions?.reason, data: answer.body.data };
}

const sub = `alice-${randomBytes(4).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

describe('OpenID sign-in under attack', () => {
  beforeAll(async () => {
    idp = await startOidcProvider({ clients: [{ clientId: 'atrium', clientSecret: CLIENT_SECRET, redirectUris: ['http://127.0.0.1:9/unused'] }] });
    idp.addClient({ clientId: 'other-app', clientSecret: 'other-secret-0123456789', redirectUris: ['http://127.0.0.1:9/other'] });
    idp.addAccount({ sub, email: `${sub}@acme.com`, email_verified: true, name: 'Alice' });
    const providers: OidcProviderSetting[] = [{ id: 'acme', issuer: idp.issuer, clientId: 'atrium', clientSecret: CLIENT_SECRET, allowedDomains: [], label: 'Acme SSO' }];
    stack = await startStack({ settings: { oidcProviders: providers }, gateway: { oidcProviders: providers } });
    gateway = new URL(stack.gatewayUrl).origin;
    idp.addClient({ clientId: 'atrium', clientSecret: CLIENT_SECRET, redirectUris: [`${gateway}/auth/oidc/acme/callback`] });
  });

  afterAll(async () => {
    await stack?.stop();
    await idp?.stop();
  });

  it('refuses forged, expired, foreign and malformed tokens with 401 INVALID_TOKEN and the reason', async () => {
    const { idToken } = await idp.idTokenFor(sub, { nonce: 'n-1' });
    const [header, payload, signature] = idToken.split('.');
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    const otherPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), email: 'ceo@acme.com' })).toString('base64url');
    const cases: [string, Promise<{ status: number; code: unknown; reason: unknown }>, string][] = [
      ['a tampered signature', refusal(`${header}.${payload}.${flipped}`, { nonce: 'n-1' }), 'signature'],
      ['a tampered payload', refusal(`${header}.${otherPayload}.${signature}`, { nonce: 'n-1' }), 'signature'],
      ['a key the provider never published', refusal(await idp.signIdToken({ sub, aud: 'atrium', email: `${sub}@acme.com`, email_verified: true }, { key: 'fresh' })), 'signature'],
      ['an expired token', refusal(await idp.signIdToken({ sub, aud: 'atrium', iat: now() - 7200, exp: now() - 3600 })), 'expired'],
      ["another client's token", refusal((await idp.idTokenFor(sub, { clientId: 'other-app' })).idToken), 'audience'],
      ['another issuer', refusal(await idp.signIdToken({ sub, aud: 'atrium', iss: 'https://evil.example' })), 'issuer'],
      ['another nonce', refusal(idToken, { nonce: 'n-2' }), 'nonce'],
      ['no nonce for a token that has one', refusal(idToken), 'nonce'],
      ['not a JWT', refusal('not-a-token'), 'malformed'],
      ['a JWT without sub', refusal(await idp.signIdToken({ aud: 'atrium' })), 'malformed'],
    ];
    for (const [name, answer, reason] of cases) expect(await answer, name).toMatchObject({ status: 401, code: 'INVALID_TOKEN', reason });
    // An id no provider is configured under.
    const unknown = await stack.request({ query: SIGN_IN, variables: { input: { issuer: 'nobody', idToken } } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TOKEN', reason: 'untrusted_issuer' });
    // No message quotes the token.
    expect(JSON.stringify(unknown.body)).not.toContain(signature);
    // The genuine token still signs in.
    expect((await signInWith(idToken, { nonce: 'n-1' })).body.data?.createSessionFromIdToken.user.email).toBe(`${sub}@acme.com`);
  });

  it('picks up a rotated key set without a restart, and refuses the removed key afterwards', async () => {
    const before = await idp.idTokenFor(sub);
    expect((await signInWith(before.idToken)).status).toBe(200);
    await idp.rotateKeys({ keepOld: false });
    const after = await idp.idTokenFor(sub);
    expect(after.idToken.split('.')[0]).not.toBe(before.idToken.split('.')[0]);
    // jose refetches the key set for the unknown kid (at most once a second per provider).
    await expect.poll(async () => (await signInWith(after.idToken)).status, { timeout: 10_000, interval: 300 }).toBe(200);
    expect(await refusal(before.idToken)).toMatchObject({ status: 401, code: 'INVALID_TOKEN', reason: 'signature' });
  });

  it('answers hostile callbacks with 400 and keeps serving', async () => {
    const callback = `${gateway}/auth/oidc/acme/callback`;
    const bare = await fetch(callback, { redirect: 'manual' });
    expect(bare.status).toBe(400);
    expect(await bare.text()).toContain('No sign-in was started');
    expect((await fetch(`${gateway}/auth/oidc/nobody/start`, { redirect: 'manual' })).status).toBe(400);
    expect((await fetch(`${gateway}/auth/oidc/${'x'.repeat(5000)}/start`, { redirect: 'manual' })).status).toBe(400);
    expect((await fetch(`${callback}?error=access_denied&state=x`, { redirect: 'manual' })).status).toBe(400);

    const started = await fetch(`${gateway}/auth/oidc/acme/start?returnTo=//evil.example/x`, { redirect: 'manual' });
    expect(started.status).toBe(302);
    const flowCookie = started.headers.getSetCookie()[0].split(';')[0];
    expect(started.headers.getSetCookie()[0]).toMatch(/HttpOnly/);
    const authorization = new URL(started.headers.get('location')!);
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    const state = authorization.searchParams.get('state')!;
    const json = { cookie: flowCookie, accept: 'application/json' };

    const noState = await fetch(`${callback}?code=abc`, { headers: json });
    expect(noState.status).toBe(400);
    expect(await noState.json()).toMatchObject({ error: { code: 'STATE_MISMATCH' } });
    expect((await fetch(`${callback}?code=abc&state=wrong`, { headers: json })).status).toBe(400);
    const forgedCookie = await fetch(`${callback}?code=abc&state=${state}`, { headers: { ...json, cookie: `atrium_oidc=${'e'.repeat(300)}` } });
    expect(await forgedCookie.json()).toMatchObject({ error: { code: 'NO_SIGN_IN_IN_PROGRESS' } });
    const garbageCode = await fetch(`${callback}?code=${'%00garbage'.repeat(20)}&state=${state}`, { headers: json });
    expect(garbageCode.status).toBe(400);
    expect(await garbageCode.json()).toMatchObject({ error: { code: 'PROVIDER_REFUSED' } });
    const replayed = await fetch(`${callback}?code=abc&state=${state}`, { headers: json });
    expect(await replayed.json()).toMatchObject({ error: { code: 'ALREADY_USED' } });

    expect((await fetch(`${gateway}/health`)).status).toBe(200);
  });

  it('signs in through the browser flow; the cookie counts only where no other site could send it; sign-out ends it', async () => {
    const started = await fetch(`${gateway}/auth/oidc/acme/start?returnTo=/graphql%3Fx%3D1`, { redirect: 'manual' });
    const flowCookie = started.headers.getSetCookie()[0].split(';')[0];
    const back = await idp.completeAuthorization(started.headers.get('location')!, sub, `${gateway}/auth/oidc/acme/callback`);
    const signedIn = await fetch(back, { headers: { cookie: flowCookie }, redirect: 'manual' });
    const page = await signedIn.text();
    expect(signedIn.status, page).toBe(200);
    expect(page).toContain(`Signed in as <strong>Alice (${sub}@acme.com)</strong>`);
    expect(page).toContain('href="/graphql?x=1"');
    const sessionCookie = signedIn.headers.getSetCookie().find((line) => line.startsWith('atrium_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);
    const cookie = sessionCookie.split(';')[0];
    const viewer = (headers: Record<string, string>, init: RequestInit = {}) =>
      fetch(`${gateway}/graphql`, { method: 'POST', body: JSON.stringify({ query: '{ me { email } }' }), ...init, headers: { 'content-type': 'application/json', cookie, ...headers } });

    // The same callback again is refused (the state was used).
    expect((await fetch(back, { headers: { cookie: flowCookie } })).status).toBe(400);

    expect(await (await viewer({})).json()).toMatchObject({ data: { me: { email: `${sub}@acme.com` } } });
    expect(await (await viewer({ origin: gateway })).json()).toMatchObject({ data: { me: { email: `${sub}@acme.com` } } });
    // Another site's page, a form post, a link: anonymous, as if no cookie were sent.
    expect((await viewer({ origin: 'https://evil.example' })).status).toBe(401);
    expect((await viewer({ 'content-type': 'text/plain' })).status).toBe(401);
    expect((await fetch(`${gateway}/graphql?query=${encodeURIComponent('{ me { email } }')}`, { headers: { cookie, accept: 'application/json' } })).status).toBe(401);
    // A credential header wins over the cookie.
    const other = await stack.query<{ register: { token: string } }>({
      query: 'mutation($input: RegisterInput!) { register(input: $input) { token } }',
      variables: { input: { email: `other-${randomBytes(3).toString('hex')}@example.com`, password: 'a-long-password-123', name: 'Other' } },
    });
    expect(((await (await viewer(bearer(other.register.token))).json()) as { data: { me: { email: string } } }).data.me.email).toMatch(/^other-/);

    const signOut = await fetch(`${gateway}/auth/sign-out`, { method: 'POST', headers: { cookie, origin: gateway, accept: 'application/json' } });
    expect(signOut.status).toBe(200);
    expect(signOut.headers.getSetCookie()[0]).toMatch(/^atrium_session=; .*Max-Age=0/);
    // Revoked on the server, not only forgotten by the browser.
    expect((await viewer({})).status).toBe(401);
    expect((await fetch(`${gateway}/auth/sign-out`, { method: 'POST', headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
  });
});
