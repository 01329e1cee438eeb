// What an attacker tries against the mailed account links (issue 17): using a link twice at
// once, an expired or superseded link, guessing whether an address has an account, mail
// bombing, an address of another account, and finding a token where it should never be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashCredential } from '../lib/api-key-format.js';
import { bearer, mailedToken, registerUnverified, signUp } from './identity-seeds.js';
import { errorCodes, selectRows, startStack, type GraphQLResponse, type TestStack } from './testkit.js';

const VERIFY = '/account/verify-email';
const RESET = '/account/reset-password';
const VERIFY_EMAIL = 'mutation($token: String!) { verifyEmail(token: $token) { user { id emailVerified } } }';
const REQUEST_RESET = 'mutation($email: String!) { requestPasswordReset(email: $email) { email } }';
const RESET_PASSWORD = 'mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { endedSessions } }';
const CHANGE_EMAIL = 'mutation($input: ChangeEmailInput!) { changeEmail(input: $input) { user { email } } }';

let stack: TestStack;
const logLines: string[] = [];
/** Every token a test saw in a mail: none may appear in a log line, an event or a stored row. */
const seenTokens: string[] = [];

beforeAll(async () => {
  stack = await startStack({ logLines });
});
afterAll(async () => {
  await stack?.stop();
});

async function tokenFor(email: string, path: string, after = 0): Promise<string> {
  const token = await mailedToken(stack, email, path, after);
  seenTokens.push(token);
  return token;
}

function unusable(response: GraphQLResponse): boolean {
  return errorCodes(response).join() === 'BAD_USER_INPUT' && /cannot be used/.test(response.body.errors![0].message);
}

describe('single use', () => {
  it('lets exactly one of two simultaneous uses of a verification link through', async () => {
    const user = await registerUnverified(stack, 'Twice');
    const token = await tokenFor(user.email, VERIFY);
    const answers = await Promise.all([0, 1, 2].map(() => stack.request({ query: VERIFY_EMAIL, variables: { token } })));
    expect(answers.filter((answer) => errorCodes(answer).length === 0)).toHaveLength(1);
    expect(answers.filter(unusable)).toHaveLength(2);
  });

  it('lets exactly one of two simultaneous password resets through', async () => {
    const user = await signUp(stack, 'Race');
    await stack.query({ query: REQUEST_RESET, variables: { email: user.email } });
    const token = await tokenFor(user.email, RESET);
    const answers = await Promise.all(['first-racing-password', 'second-racing-password'].map((newPassword) => stack.request({ query: RESET_PASSWORD, variables: { input: { token, newPassword } } })));
    expect(answers.filter((answer) => errorCodes(answer).length === 0)).toHaveLength(1);
    expect(answers.filter(unusable)).toHaveLength(1);
  });
});

describe('expiry and replacement', () => {
  it('refuses an expired verification link and an expired reset link alike', async () => {
    const user = await registerUnverified(stack, 'Late');
    const verification = await tokenFor(user.email, VERIFY);
    await stack.query({ query: REQUEST_RESET, variables: { email: user.email } });
    const reset = await tokenFor(user.email, RESET);
    await selectRows(stack.database.url, "update identity.account_tokens set expires_at = now() - interval '1 second' where user_id = $1", [user.userId]);
    expect(unusable(await stack.request({ query: VERIFY_EMAIL, variables: { token: verification } }))).toBe(true);
    expect(unusable(await stack.request({ query: RESET_PASSWORD, variables: { input: { token: reset, newPassword: 'too-late-password' } } }))).toBe(true);
    expect((await stack.query({ query: '{ me { emailVerified } }', headers: bearer(user.token) })).me.emailVerified).toBe(false);
  });

  it('lives 24 hours (verification) and 1 hour (reset), as the mails say', async () => {
    const user = await registerUnverified(stack, 'Clock');
    await tokenFor(user.email, VERIFY);
    await stack.query({ query: REQUEST_RESET, variables: { email: user.email } });
    await tokenFor(user.email, RESET);
    const rows = await selectRows(
      stack.database.url,
      'select purpose, round(extract(epoch from expires_at - created_at)) as seconds from identity.account_tokens where user_id = $1 order by purpose',
      [user.userId],
    );
    expect(rows).toEqual([
      { purpose: 'RESET_PASSWORD', seconds: '3600' },
      { purpose: 'VERIFY_EMAIL', seconds: '86400' },
    ]);
  });

  it('ends an earlier reset link when a new one is mailed', async () => {
    const user = await signUp(stack, 'Two Links');
    await stack.query({ query: REQUEST_RESET, variables: { email: user.email } });
    const first = await tokenFor(user.email, RESET);
    const firstMail = stack.mail
      .messages()
      .filter((mail) => mail.to.includes(user.email))
      .at(-1)!;
    await stack.query({ query: REQUEST_RESET, variables: { email: user.email } });
    const second = await tokenFor(user.email, RESET, firstMail.id);
    expect(unusable(await stack.request({ query: RESET_PASSWORD, variables: { input: { token: first, newPassword: 'first-link-password' } } }))).toBe(true);
    expect(errorCodes(await stack.request({ query: RESET_PASSWORD, variables: { input: { token: second, newPassword: 'second-link-password' } } }))).toEqual([]);
  });

  it('refuses a verification link of an address the account no longer has', async () => {
    const user = await registerUnverified(stack, 'Moved Before');
    const old = await tokenFor(user.email, VERIFY);
    await stack.query({ query: CHANGE_EMAIL, variables: { input: { newEmail: `new-${user.email}`, currentPassword: user.password } }, headers: bearer(user.token) });
    await stack.query({ query: VERIFY_EMAIL, variables: { token: await tokenFor(`new-${user.email}`, VERIFY) } });
    expect(unusable(await stack.request({ query: VERIFY_EMAIL, variables: { token: old } }))).toBe(true);
  });

  it('answers garbage tokens with the same refusal, never a server error', async () => {
    for (const token of ['', 'atv_', 'x'.repeat(100_000), 'atr_00000000000000000000000000000000000000', `atv_${'A'.repeat(38)}`, '\u0000\u{1F600}']) {
      expect(unusable(await stack.request({ query: VERIFY_EMAIL, variables: { token } }))).toBe(true);
      expect(unusable(await stack.request({ query: RESET_PASSWORD, variables: { input: { token, newPassword: 'long-enough-password' } } }))).toBe(true);
    }
    // A verification token is no reset token, nor the reverse.
    const user = await registerUnverified(stack, 'Crossed');
    const verification = await tokenFor(user.email, VERIFY);
    expect(unusable(await stack.request({ query: RESET_PASSWORD, variables: { input: { token: verification, newPassword: 'long-enough-password' } } }))).toBe(true);
  });
});

describe('requestPasswordReset', () => {
  it('answers an unknown address exactly as a known one, and mails only the known one', async () => {
    const user = await signUp(stack, 'Known');
    const unknown = `nobody-${user.email}`;
    const known = await stack.request({ query: REQUEST_RESET, variables: { email: user.email } });
    const stranger = await stack.request({ query: REQUEST_RESET, variables: { email: unknown } });
    expect(stranger.status).toBe(known.status);
    expect(JSON.stringify(stranger.body).replace(unknown, user.email)).toBe(JSON.stringify(known.body));
    expect([...stranger.headers.keys()].sort()).toEqual([...known.headers.keys()].sort());
    await tokenFor(user.email, RESET);
    expect(stack.mail.messages().some((mail) => mail.to.includes(unknown))).toBe(false);
  });

  it('is throttled per address like sign-in, known or not: RATE_LIMITED with retryAfter', async () => {
    const user = await signUp(stack, 'Bombed');
    for (const email of [user.email, `nobody-else-${user.email}`]) {
      const answers: GraphQLResponse[] = [];
      for (let attempt = 0; attempt < 6; attempt += 1) answers.push(await stack.request({ query: REQUEST_RESET, variables: { email } }));
      expect(answers.slice(0, 5).map(errorCodes)).toEqual([[], [], [], [], []]);
      expect(errorCodes(answers[5])).toEqual(['RATE_LIMITED']);
      expect(answers[5].status).toBe(429);
      expect(answers[5].body.errors![0].extensions!.retryAfter).toBeGreaterThan(0);
    }
  });
});

describe('resendVerification', () => {
  it('sends at most one mail a minute: RATE_LIMITED with retryAfter', async () => {
    const user = await registerUnverified(stack, 'Impatient');
    await stack.query({ query: 'mutation { resendVerification { user { id } } }', headers: bearer(user.token) });
    const second = await stack.request({ query: 'mutation { resendVerification { user { id } } }', headers: bearer(user.token) });
    expect(errorCodes(second)).toEqual(['RATE_LIMITED']);
    expect(second.body.errors![0].extensions!.retryAfter).toBeLessThanOrEqual(60);
  });
});

describe('changeEmail', () => {
  it('refuses an address another account uses with what register says, and a wrong password, and an API key', async () => {
    const user = await signUp(stack, 'Changer');
    const other = await signUp(stack, 'Owner Of Address');
    const taken = await stack.request({ query: CHANGE_EMAIL, variables: { input: { newEmail: other.email, currentPassword: user.password } }, headers: bearer(user.token) });
    const registered = await stack.request({
      query: 'mutation($input: RegisterInput!) { register(input: $input) { token } }',
      variables: { input: { email: other.email, password: 'long-enough-password', name: 'X' } },
    });
    expect(errorCodes(taken)).toEqual(['BAD_USER_INPUT']);
    expect(taken.body.errors![0].message).toBe(registered.body.errors![0].message);

    const wrong = await stack.request({ query: CHANGE_EMAIL, variables: { input: { newEmail: `w-${user.email}`, currentPassword: 'not-the-password' } }, headers: bearer(user.token) });
    expect(wrong.body.errors![0].extensions!.fieldErrors).toEqual([{ field: 'currentPassword', reason: 'is wrong' }]);
    expect(stack.mail.messages().some((mail) => mail.to.includes(`w-${user.email}`))).toBe(false);

    const workspace = await stack.query({ query: 'mutation { createWorkspace(input: { name: "K" }) { workspace { id } } }', headers: bearer(user.token) });
    const key = await stack.query({
      query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      variables: { input: { description: 'k', expiresIn: 'ONE_MONTH', scopes: ['KEYS_WRITE'], workspaceIds: [workspace.createWorkspace.workspace.id] } },
      headers: bearer(user.token),
    });
    const byKey = await stack.request({
      query: CHANGE_EMAIL,
      variables: { input: { newEmail: `k-${user.email}`, currentPassword: user.password } },
      headers: { 'x-api-key': key.createApiKey.secret },
    });
    expect(errorCodes(byKey)).toEqual(['FORBIDDEN']);
  });
});

describe('secrets', () => {
  it('stores tokens only as SHA-256 and never logs, audits or reports one', async () => {
    // Every flow above ran in this stack; one more of each kind, so the list is never empty.
    const user = await registerUnverified(stack, 'Secretive');
    const token = await tokenFor(user.email, VERIFY);
    await stack.query({ query: VERIFY_EMAIL, variables: { token } });
    const stored = await selectRows<{ token_hash: string }>(stack.database.url, 'select token_hash from identity.account_tokens where user_id = $1', [user.userId]);
    expect(stored.map((row) => row.token_hash)).toEqual([hashCredential(token)]);

    await expect
      .poll(() => selectRows(stack.database.url, "select 1 from audit.audit_events where action = 'user.emailVerified' and target_id = $1", [user.userId]).then((rows) => rows.length))
      .toBe(1);
    const everything = [
      logLines.join('\n'),
      JSON.stringify(await selectRows(stack.database.url, 'select * from audit.audit_events')),
      JSON.stringify(await selectRows(stack.database.url, 'select * from identity.outbox_events')),
      JSON.stringify(await selectRows(stack.database.url, 'select * from identity.account_tokens')),
    ].join('\n');
    expect(seenTokens.length).toBeGreaterThan(10);
    for (const seen of seenTokens) expect(everything.includes(seen), `a token appears in logs, events or rows`).toBe(false);
  });
});
