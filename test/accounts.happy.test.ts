// Verified email, email change and password reset as a user lives them (issue 17): every
// mail read over SMTP from the stack's sink, every link's token sent back as the account
// pages send it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createWorkspaceAs, mailedToken, registerUnverified, signUp } from './identity-seeds.js';
import { errorCodes, selectRows, startStack, type TestStack } from './testkit.js';
import { scopeEnumName } from '../lib/scopes.js';

const VERIFY = '/account/verify-email';
const RESET = '/account/reset-password';
const VERIFY_EMAIL = 'mutation($token: String!) { verifyEmail(token: $token) { user { id email emailVerified } } }';
const CREATE_KEY = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }';
const SIGN_IN = 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }';
const REQUEST_RESET = 'mutation($email: String!) { requestPasswordReset(email: $email) { email } }';
const RESET_PASSWORD = 'mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { endedSessions user { id emailVerified } } }';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

function keyInput(workspaceId: string) {
  return { input: { description: 'k', expiresIn: 'ONE_MONTH', scopes: [scopeEnumName('read')], workspaceIds: [workspaceId] } };
}

/** The actions audit holds about a user (delivered from identity's outbox). */
async function actionsOf(userId: string): Promise<string[]> {
  const rows = await selectRows<{ action: string }>(stack.database.url, 'select action from audit.audit_events where target_id = $1 order by created_at, id', [userId]);
  return rows.map((row) => row.action);
}

/** Waits until audit holds these actions about the user. */
async function expectAudited(userId: string, actions: string[]): Promise<void> {
  await expect.poll(() => actionsOf(userId)).toEqual(expect.arrayContaining(actions));
}

describe('verified email', () => {
  it('mails a link on register; until it is used the user signs in and creates workspaces but no API keys; then keys work', async () => {
    const user = await registerUnverified(stack, 'Vera Verify');
    const mail = await stack.mail.waitFor((caught) => caught.to.includes(user.email));
    expect(mail.subject).toBe('Verify your email address for Atrium');
    expect(mail.text).toContain('expires in 1 day');
    expect(mail.text).toContain('Hello Vera Verify,');
    const link = new URL(mail.links[0]);
    expect(link.pathname).toBe(VERIFY);
    expect(link.searchParams.get('token')).toMatch(/^atv_[0-9A-Za-z]{38}$/);

    expect((await stack.query({ query: '{ me { emailVerified } }', headers: bearer(user.token) })).me.emailVerified).toBe(false);
    const workspaceId = await createWorkspaceAs(stack, user.token);
    await stack.query({ query: SIGN_IN, variables: { input: { email: user.email, password: user.password } } });
    const refused = await stack.request({ query: CREATE_KEY, variables: keyInput(workspaceId), headers: bearer(user.token) });
    expect(errorCodes(refused)).toEqual(['EMAIL_NOT_VERIFIED']);
    expect(refused.body.errors![0].message).toMatch(/verification mail/);
    const workspaceKey = await stack.request({
      query: 'mutation { createWorkspaceKey(input: { description: "w", expiresIn: ONE_MONTH, scopes: [READ] }) { secret } }',
      headers: { ...bearer(user.token), 'x-workspace-id': workspaceId },
    });
    expect(errorCodes(workspaceKey)).toEqual(['EMAIL_NOT_VERIFIED']);

    // The link works without signing in: the token is the proof.
    const verified = await stack.query({ query: VERIFY_EMAIL, variables: { token: link.searchParams.get('token') } });
    expect(verified.verifyEmail.user).toEqual({ id: user.userId, email: user.email, emailVerified: true });
    expect((await stack.query({ query: '{ me { emailVerified } }', headers: bearer(user.token) })).me.emailVerified).toBe(true);
    expect((await stack.query({ query: CREATE_KEY, variables: keyInput(workspaceId), headers: bearer(user.token) })).createApiKey.secret).toMatch(/^atk_/);
    await expectAudited(user.userId, ['user.registered', 'user.emailVerified']);

    // Once: the same link again is refused, naming the argument.
    const again = await stack.request({ query: VERIFY_EMAIL, variables: { token: link.searchParams.get('token') } });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.body.errors![0].extensions!.argumentName).toBe('token');
  });

  it('resendVerification mails a new link that replaces the old one, and sends nothing once verified', async () => {
    const user = await registerUnverified(stack, 'Rhea Resend');
    const first = await mailedToken(stack, user.email, VERIFY);
    const firstMail = stack.mail.messages().find((mail) => mail.to.includes(user.email))!;
    const resent = await stack.query({ query: 'mutation { resendVerification { user { emailVerified } } }', headers: bearer(user.token) });
    expect(resent.resendVerification.user.emailVerified).toBe(false);
    const second = await mailedToken(stack, user.email, VERIFY, firstMail.id);
    expect(second).not.toBe(first);
    expect(errorCodes(await stack.request({ query: VERIFY_EMAIL, variables: { token: first } }))).toEqual(['BAD_USER_INPUT']);
    await stack.query({ query: VERIFY_EMAIL, variables: { token: second } });
    await expectAudited(user.userId, ['user.verificationRequested']);

    const afterVerified = await stack.query({ query: 'mutation { resendVerification { user { emailVerified } } }', headers: bearer(user.token) });
    expect(afterVerified.resendVerification.user.emailVerified).toBe(true);
    // A later mail to the same address arrives; no third verification mail came before it.
    await stack.query({ query: REQUEST_RESET, variables: { email: user.email } });
    await mailedToken(stack, user.email, RESET);
    expect(stack.mail.messages().filter((mail) => mail.to.includes(user.email) && mail.subject.startsWith('Verify'))).toHaveLength(2);
  });
});

describe('changing one’s email', () => {
  it('takes effect only when the link mailed to the new address is used; the old address is told', async () => {
    const user = await signUp(stack, 'Mo Mover');
    const newEmail = `moved-${user.email}`;
    const asked = await stack.query({
      query: 'mutation($input: ChangeEmailInput!) { changeEmail(input: $input) { user { email } } }',
      variables: { input: { newEmail: newEmail.toUpperCase(), currentPassword: user.password } },
      headers: bearer(user.token),
    });
    expect(asked.changeEmail.user.email).toBe(user.email);
    const mail = await stack.mail.waitFor((caught) => caught.to.includes(newEmail));
    expect(mail.subject).toBe('Confirm your new email address for Atrium');
    expect(mail.text).toContain(newEmail);
    // Nothing changed yet: the old address still signs in.
    await stack.query({ query: SIGN_IN, variables: { input: { email: user.email, password: user.password } } });
    expect((await stack.query({ query: '{ me { email } }', headers: bearer(user.token) })).me.email).toBe(user.email);

    const token = new URL(mail.links[0]).searchParams.get('token');
    const verified = await stack.query({ query: VERIFY_EMAIL, variables: { token } });
    expect(verified.verifyEmail.user).toEqual({ id: user.userId, email: newEmail, emailVerified: true });
    expect((await stack.query({ query: '{ me { email } }', headers: bearer(user.token) })).me.email).toBe(newEmail);
    await stack.query({ query: SIGN_IN, variables: { input: { email: newEmail, password: user.password } } });
    expect(errorCodes(await stack.request({ query: SIGN_IN, variables: { input: { email: user.email, password: user.password } } }))).toEqual(['UNAUTHENTICATED']);

    const notice = await stack.mail.waitFor((caught) => caught.to.includes(user.email) && caught.subject.includes('was changed'));
    expect(notice.text).toContain(`from ${user.email} to ${newEmail}`);
    expect(new URL(notice.links[0]).pathname).toBe(RESET);
    await expectAudited(user.userId, ['user.emailChangeRequested', 'user.emailChanged']);
  });

  it('lets the old address take the account back with the notice’s link', async () => {
    const user = await signUp(stack, 'Stolen');
    const newEmail = `thief-${user.email}`;
    await stack.query({
      query: 'mutation($input: ChangeEmailInput!) { changeEmail(input: $input) { user { id } } }',
      variables: { input: { newEmail, currentPassword: user.password } },
      headers: bearer(user.token),
    });
    await stack.query({ query: VERIFY_EMAIL, variables: { token: await mailedToken(stack, newEmail, VERIFY) } });
    const recovery = await mailedToken(stack, user.email, RESET);
    const reset = await stack.query({ query: RESET_PASSWORD, variables: { input: { token: recovery, newPassword: 'taken-back-password' } } });
    expect(reset.resetPassword.endedSessions).toBeGreaterThanOrEqual(1);
    expect(errorCodes(await stack.request({ query: '{ me { id } }', headers: bearer(user.token) }))).toEqual(['UNAUTHENTICATED']);
    await stack.query({ query: SIGN_IN, variables: { input: { email: newEmail, password: 'taken-back-password' } } });
  });
});

describe('resetting a password', () => {
  it('mails a single-use link; the new password signs in, the old does not, and every session ends', async () => {
    const user = await signUp(stack, 'Pat Reset');
    const other = (await stack.query({ query: SIGN_IN, variables: { input: { email: user.email, password: user.password } } })).createSession.token;
    const asked = await stack.query({ query: REQUEST_RESET, variables: { email: ` ${user.email.toUpperCase()} ` } });
    expect(asked.requestPasswordReset.email).toBe(user.email);
    const mail = await stack.mail.waitFor((caught) => caught.to.includes(user.email) && caught.subject === 'Reset your Atrium password');
    expect(mail.text).toContain('expires in 1 hour');
    const token = new URL(mail.links[0]).searchParams.get('token');
    expect(token).toMatch(/^atr_/);

    const reset = await stack.query({ query: RESET_PASSWORD, variables: { input: { token, newPassword: 'a-brand-new-password' } } });
    expect(reset.resetPassword).toEqual({ endedSessions: 2, user: { id: user.userId, emailVerified: true } });
    for (const ended of [user.token, other]) expect(errorCodes(await stack.request({ query: '{ me { id } }', headers: bearer(ended) }))).toEqual(['UNAUTHENTICATED']);
    await stack.query({ query: SIGN_IN, variables: { input: { email: user.email, password: 'a-brand-new-password' } } });
    expect(errorCodes(await stack.request({ query: SIGN_IN, variables: { input: { email: user.email, password: user.password } } }))).toEqual(['UNAUTHENTICATED']);
    await expectAudited(user.userId, ['user.passwordResetRequested', 'user.passwordReset']);

    const again = await stack.request({ query: RESET_PASSWORD, variables: { input: { token, newPassword: 'yet-another-password' } } });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.body.errors![0].extensions!.fieldErrors).toEqual([{ field: 'token', reason: 'cannot be used' }]);
  });

  it('verifies the address it was mailed to, and gives an account without a password one', async () => {
    const user = await registerUnverified(stack, 'No Password');
    await selectRows(stack.database.url, 'update identity.users set password_hash = null where id = $1', [user.userId]);
    const changeEmail = await stack.request({
      query: 'mutation($input: ChangeEmailInput!) { changeEmail(input: $input) { user { id } } }',
      variables: { input: { newEmail: `x-${user.email}`, currentPassword: user.password } },
      headers: bearer(user.token),
    });
    expect(changeEmail.body.errors![0].extensions!.fieldErrors).toEqual([{ field: 'currentPassword', reason: 'no password is set' }]);
    expect(changeEmail.body.errors![0].message).toMatch(/requestPasswordReset/);

    await stack.query({ query: REQUEST_RESET, variables: { email: user.email } });
    const token = await mailedToken(stack, user.email, RESET);
    const reset = await stack.query({ query: RESET_PASSWORD, variables: { input: { token, newPassword: 'first-password-ever' } } });
    expect(reset.resetPassword.user.emailVerified).toBe(true);
    await stack.query({ query: SIGN_IN, variables: { input: { email: user.email, password: 'first-password-ever' } } });
  });
});

describe('with ACCOUNTS_ALLOW_UNVERIFIED_KEYS', () => {
  let relaxed: TestStack;
  beforeAll(async () => {
    relaxed = await startStack({ settings: { accounts: { allowUnverifiedKeys: true } } });
  });
  afterAll(async () => {
    await relaxed?.stop();
  });

  it('lets a user whose address is not verified create API keys', async () => {
    const user = await registerUnverified(relaxed, 'Dev');
    const workspaceId = await createWorkspaceAs(relaxed, user.token);
    expect((await relaxed.query({ query: CREATE_KEY, variables: keyInput(workspaceId), headers: bearer(user.token) })).createApiKey.secret).toMatch(/^atk_/);
  });
});
