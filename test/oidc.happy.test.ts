// createSessionFromIdToken with ID tokens a real OpenID provider (oidc-provider, in-process)
// issued: a first sign-in creates a verified account without a password, the next finds the same
// user, a provider-verified email links to the account that has it, an unverified one never
// links, allowedDomains keeps other domains out; the audit trail says which provider, never a token.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcProviderSetting } from '../lib/oidc-settings.js';
import { bearer, registerUnverified, signUp } from './identity-seeds.js';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider.js';
import { selectRows, startStack, type TestStack } from './testkit.js';

let idp: TestOidcProvider;
let stack: TestStack;

const SIGN_IN = `mutation($input: CreateSessionFromIdTokenInput!) { createSessionFromIdToken(input: $input) { token user { id email emailVerified name } } }`;
const ME = '{ me { id email emailVerified name } }';

function signInWith(providerId: string, idToken: string, nonce?: string) {
  return stack.request({ query: SIGN_IN, variables: { input: { issuer: providerId, idToken, ...(nonce !== undefined ? { nonce } : {}) } } });
}

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

describe('createSessionFromIdToken', () => {
  beforeAll(async () => {
    idp = await startOidcProvider({ clients: [{ clientId: 'atrium', clientSecret: 'atrium-secret-0123456789', redirectUris: ['http://127.0.0.1:9/unused'] }] });
    const providers: OidcProviderSetting[] = [
      { id: 'acme', issuer: idp.issuer, clientId: 'atrium', clientSecret: 'atrium-secret-0123456789', allowedDomains: [], label: 'Acme SSO' },
      { id: 'acme-staff', issuer: idp.issuer, clientId: 'atrium', allowedDomains: ['acme.com'], label: 'Acme staff' },
    ];
    stack = await startStack({ settings: { oidcProviders: providers }, gateway: { oidcProviders: providers } });
  });

  afterAll(async () => {
    await stack?.stop();
    await idp?.stop();
  });

  it('creates a verified account without a password on a first sign-in, and finds the same user the next time', async () => {
    const sub = unique('alice');
    const email = `${sub}@acme.com`;
    idp.addAccount({ sub, email, email_verified: true, name: 'Alice Acme' });
    const first = await signInWith('acme', (await idp.idTokenFor(sub, { nonce: 'n-1' })).idToken, 'n-1');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const created = first.body.data!.createSessionFromIdToken;
    expect(created.user).toMatchObject({ email, emailVerified: true, name: 'Alice Acme' });
    // The session works like any other.
    expect((await stack.query({ query: ME, headers: bearer(created.token) })).me).toMatchObject({ id: created.user.id, email, emailVerified: true });
    const [row] = await selectRows(stack.database.url, 'select password_hash from identity.users where id = $1', [created.user.id]);
    expect(row.password_hash).toBeNull();

    // A fresh token (no nonce this time): the same user, no second account.
    const again = await signInWith('acme', (await idp.idTokenFor(sub)).idToken);
    expect(again.body.data!.createSessionFromIdToken.user.id).toBe(created.user.id);
    expect(await selectRows(stack.database.url, 'select count(*)::int as count from identity.users where email = $1', [email])).toEqual([{ count: 1 }]);

    // Audited: the link names the provider; session.created says how; no token anywhere.
    await expect
      .poll(async () =>
        (
          await selectRows(
            stack.database.url,
            "select action, changes from audit.audit_events where actor_user_id = $1 and action in ('user.registered', 'user.oidcLinked', 'session.created') order by created_at",
            [created.user.id],
          )
        ).map((event) => event.action),
      )
      .toEqual(['user.registered', 'user.oidcLinked', 'session.created', 'session.created']);
    const events = await selectRows(stack.database.url, 'select changes from audit.audit_events where actor_user_id = $1', [created.user.id]);
    const text = JSON.stringify(events);
    expect(text).toContain(idp.issuer);
    expect(text).toContain('"oidc"');
    expect(text).not.toContain(created.token);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('links a provider-verified email to the existing account with that email', async () => {
    // Bob proved his address: signUp opens the verification mail.
    const owner = await signUp(stack, 'Bob');
    const sub = unique('bob');
    idp.addAccount({ sub, email: owner.email.toUpperCase(), email_verified: true, name: 'Bob at Acme' });
    const answer = await signInWith('acme', (await idp.idTokenFor(sub)).idToken);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.data!.createSessionFromIdToken.user).toMatchObject({ id: owner.userId, email: owner.email, name: 'Bob' });
    // His password and his other session still work.
    expect((await stack.query({ query: ME, headers: bearer(owner.token) })).me.id).toBe(owner.userId);
    const password = await stack.request({
      query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }',
      variables: { input: { email: owner.email, password: owner.password } },
    });
    expect(password.body.errors).toBeUndefined();
  });

  it('links to an account whose address was never verified, ending what its registrant set (password, sessions)', async () => {
    // Registered with Carol's address, never opened the verification mail.
    const squatter = await registerUnverified(stack, 'Not Carol');
    const sub = unique('carol');
    idp.addAccount({ sub, email: squatter.email, email_verified: true, name: 'Carol' });
    const answer = await signInWith('acme', (await idp.idTokenFor(sub)).idToken);
    expect(answer.body.data!.createSessionFromIdToken.user).toMatchObject({ id: squatter.userId, emailVerified: true });
    expect((await stack.request({ query: ME, headers: bearer(squatter.token) })).status).toBe(401);
    const password = await stack.request({
      query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }',
      variables: { input: { email: squatter.email, password: squatter.password } },
    });
    expect(password.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('never links an email the provider does not vouch for, nor creates an account with it', async () => {
    const victim = await signUp(stack, 'Dave');
    const sub = unique('mallory');
    idp.addAccount({ sub, email: victim.email, email_verified: false, name: 'Mallory' });
    const answer = await signInWith('acme', (await idp.idTokenFor(sub)).idToken);
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TOKEN', reason: 'email_not_verified' });
    expect(await selectRows(stack.database.url, 'select count(*)::int as count from identity.user_identities where subject = $1', [sub])).toEqual([{ count: 0 }]);

    const stranger = unique('erin');
    idp.addAccount({ sub: stranger, email: `${stranger}@acme.com`, email_verified: false });
    const refused = await signInWith('acme', (await idp.idTokenFor(stranger)).idToken);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TOKEN', reason: 'email_not_verified' });
    expect(await selectRows(stack.database.url, 'select count(*)::int as count from identity.users where email = $1', [`${stranger}@acme.com`])).toEqual([{ count: 0 }]);
  });

  it('keeps addresses outside allowedDomains out', async () => {
    const sub = unique('frank');
    idp.addAccount({ sub, email: `${sub}@gmail.com`, email_verified: true });
    const answer = await signInWith('acme-staff', (await idp.idTokenFor(sub)).idToken);
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TOKEN', reason: 'domain_not_allowed' });

    const staff = unique('grace');
    idp.addAccount({ sub: staff, email: `${staff}@acme.com`, email_verified: true });
    const allowed = await signInWith('acme-staff', (await idp.idTokenFor(staff)).idToken);
    expect(allowed.body.data?.createSessionFromIdToken.user.email).toBe(`${staff}@acme.com`);
  });
});
