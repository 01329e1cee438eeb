// changePassword: the signed-in user proves the current password and sets a new one; every
// other session ends at once (the asking one and API keys stay); a wrong current password,
// a too-short new one or an API key change nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, signUp } from './identity-seeds.js';
import { errorCodes, selectRows, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const CHANGE = 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { endedSessions user { id } } }';
const SIGN_IN = 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }';

it('sets the new password, ends every other session at once, and keeps this one and the API keys', async () => {
  const user = await signUp(stack, 'Changer');
  const workspaceId = await createWorkspaceAs(stack, user.token, 'Changer Workspace');
  const key = await createUserKey(stack, user.token, { scopes: ['read'], workspaceIds: [workspaceId] });
  const other = (await stack.query({ query: SIGN_IN, variables: { input: { email: user.email, password: user.password } } })).createSession.token as string;
  // The other session works, and its principal is cached by the gateway.
  expect((await stack.request({ query: '{ me { id } }', headers: bearer(other) })).status).toBe(200);

  const newPassword = `${user.password}-changed`;
  const changed = await stack.query({ query: CHANGE, variables: { input: { currentPassword: user.password, newPassword } }, headers: bearer(user.token) });
  expect(changed.changePassword).toEqual({ endedSessions: 1, user: { id: user.userId } });

  expect((await stack.request({ query: '{ me { id } }', headers: bearer(other) })).status).toBe(401);
  expect((await stack.query({ query: '{ me { id } }', headers: bearer(user.token) })).me.id).toBe(user.userId);
  expect((await stack.request({ query: '{ workspace { id } }', headers: { 'x-api-key': key.secret, 'x-workspace-id': workspaceId } })).status).toBe(200);
  const oldSignIn = await stack.request({ query: SIGN_IN, variables: { input: { email: user.email, password: user.password } } });
  expect(errorCodes(oldSignIn)).toEqual(['UNAUTHENTICATED']);
  expect((await stack.query({ query: SIGN_IN, variables: { input: { email: user.email, password: newPassword } } })).createSession.token).toMatch(/^ats_/);

  // The audit trail says the password changed and how many sessions ended, never what the password is.
  const changes = async () =>
    (await selectRows<{ changes: string }>(stack.database.url, "select changes::text as changes from audit.audit_events where action = 'user.passwordChanged' and target_id = $1", [user.userId]))[0]
      ?.changes;
  await expect.poll(changes, { timeout: 10_000 }).toBeDefined();
  expect(JSON.parse(await changes())).toEqual([{ field: 'endedSessions', new: 1 }, { field: 'password' }]);
  expect(await changes()).not.toContain(newPassword);
});

it('changes nothing for a wrong current password, a too-short new one, or an API key', async () => {
  const user = await signUp(stack, 'Unchanged');
  const wrong = await stack.request({ query: CHANGE, variables: { input: { currentPassword: 'not-the-password', newPassword: 'another-long-password' } }, headers: bearer(user.token) });
  expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
  expect(wrong.body.errors![0].extensions!.fieldErrors).toEqual([{ field: 'currentPassword', reason: 'is wrong' }]);
  const short = await stack.request({ query: CHANGE, variables: { input: { currentPassword: user.password, newPassword: 'short' } }, headers: bearer(user.token) });
  expect(errorCodes(short)).toEqual(['BAD_USER_INPUT']);
  expect(short.body.errors![0].extensions!.fieldErrors).toEqual([{ field: 'newPassword', reason: 'must be 12 to 1024 characters' }]);
  const workspaceId = await createWorkspaceAs(stack, user.token, 'Unchanged Workspace');
  const key = await createUserKey(stack, user.token, { scopes: ['read'], workspaceIds: [workspaceId] });
  const byKey = await stack.request({ query: CHANGE, variables: { input: { currentPassword: user.password, newPassword: 'another-long-password' } }, headers: { 'x-api-key': key.secret } });
  expect(errorCodes(byKey)).toEqual(['FORBIDDEN']);
  // The password is still the old one.
  expect((await stack.query({ query: SIGN_IN, variables: { input: { email: user.email, password: user.password } } })).createSession.token).toMatch(/^ats_/);
});
