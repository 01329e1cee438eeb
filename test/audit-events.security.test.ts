// Secrets never enter the audit trail: after sign-up, sign-in (right and wrong), key
// creation and rotation, every audit event, request log and outbox row is searched for
// every password, token, key secret and key hash, and the events are there to search.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashCredential } from '../lib/api-key-format.js';
import { bearer, issueEverySecret } from './identity-seeds.js';
import { selectRows, startStack, type TestStack } from './testkit.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const rows = (sql: string) => selectRows(stack.database.url, sql);

it('keeps no password, token, key secret or key hash in any audit event, request log or outbox row', async () => {
  const { user, workspaceId, userKey, workspaceKey, rotatedSecret, sessionToken } = await issueEverySecret(stack, 'Careful', ['read', 'keys:read', 'keys:write']);
  const wrongPassword = `${user.password}-wrong`;
  await stack.request({ query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }', variables: { input: { email: user.email, password: wrongPassword } } });
  const keyMadeByKey = await stack.query({
    query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
    variables: { input: { description: 'made by a key', expiresIn: 'ONE_MONTH', scopes: ['READ'], workspaceIds: [workspaceId] } },
    headers: { 'x-api-key': userKey.secret, 'x-workspace-id': workspaceId },
  });
  await stack.query({ query: 'mutation { revokeSession { user { id } } }', headers: bearer(sessionToken) });

  const expected = ['user.registered', 'session.created', 'workspace.created', 'apiKey.created', 'apiKey.rotated', 'session.revoked'];
  let events: Record<string, unknown>[] = [];
  const actions = async () => (events = await rows(`select * from audit.audit_events where actor_user_id = '${user.userId}'`)).map((event) => event.action);
  await expect.poll(actions, { timeout: 10_000, interval: 100 }).toEqual(expect.arrayContaining(expected));
  await expect.poll(async () => (await actions()).filter((action) => action === 'apiKey.created'), { timeout: 10_000, interval: 100 }).toHaveLength(3);
  expect(events.filter((event) => event.action === 'session.created')).toHaveLength(2);

  const secrets = [user.password, wrongPassword, user.token, userKey.secret, workspaceKey.secret, rotatedSecret, sessionToken, keyMadeByKey.createApiKey.secret];
  const forbidden = [...secrets, ...secrets.map(hashCredential)];
  const dump = JSON.stringify([
    events,
    await rows('select * from audit.audit_events'),
    await rows('select * from audit.request_logs'),
    await rows('select * from identity.outbox_events'),
    await rows('select * from content.outbox_events'),
  ]);
  for (const secret of forbidden) expect(dump.includes(secret), 'a secret or its hash is in the audit trail').toBe(false);
  // Nor any long run of a secret's characters (a hint is not a secret, but half a key would be).
  for (const secret of secrets.slice(2)) expect(dump.includes(secret.slice(4, 20)), 'part of a secret is in the audit trail').toBe(false);
});
