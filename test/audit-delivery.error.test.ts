// At least once, stored once: a subgraph killed between a mutation's commit and the
// delivery of its audit event loses nothing, and an event delivered twice is one event.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EVENTS_PATH } from '../lib/domain-events.js';
import { postInternal } from '../lib/internal-call.js';
import { bearer, createWorkspaceAs, signUp } from './identity-seeds.js';
import { countRows, selectRows, startStack, type TestStack } from './testkit.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const sql = <T = Record<string, unknown>>(text: string, values: unknown[] = []) => selectRows<T>(stack.database.url, text, values);

it('loses no event and duplicates none when subgraphs die between commit and delivery', async () => {
  const owner = await signUp(stack, 'Resilient');
  const workspaceId = await createWorkspaceAs(stack, owner.token, 'Survivor');
  const headers = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  const stored = (targetId: string) => sql<{ action: string }>('select action from audit.audit_events where target_id = $1 order by created_at', [targetId]);
  await expect.poll(async () => (await stored(workspaceId)).length, { timeout: 20_000, message: 'the workspace event reaches audit' }).toBe(1);

  // Audit is down: the mutations commit, their events wait in the outboxes.
  await stack.stopSubgraph('audit');
  const type = await stack.query({ query: 'mutation { createContentType(input: { name: "Note", key: "note" }) { contentType { id } } }', headers });
  const typeId = type.createContentType.contentType.id;
  await stack.query({
    query: 'mutation($t: ID!) { createContentField(contentTypeId: $t, input: { name: "Body", key: "body", kind: TEXT }) { contentField { id } } }',
    variables: { t: typeId },
    headers,
  });
  const item = await stack.query({ query: 'mutation($t: ID!) { createItem(contentTypeId: $t, values: { body: "kept" }) { item { id } } }', variables: { t: typeId }, headers });
  const itemId = item.createItem.item.id;
  const role = await stack.query({ query: 'mutation { createRole(input: { key: "reviewer", name: "Reviewer", permissions: [ITEMS_READ] }) { role { id } } }', headers });
  const roleId = role.createRole.role.id;
  // Both relays tried and failed at least once: the events are committed and undelivered.
  await expect.poll(() => countRows(stack.database.url, 'select count(*) from content.outbox_events where attempts > 0'), { timeout: 20_000, message: "content's relay has tried" }).toBeGreaterThan(0);
  await expect
    .poll(() => countRows(stack.database.url, "select count(*) from identity.outbox_events where attempts > 0 and payload->>'targetId' = $1", [roleId]), {
      timeout: 20_000,
      message: "identity's relay has tried",
    })
    .toBeGreaterThan(0);
  const pending = await sql<{ id: string; topic: string; payload: Record<string, unknown> }>('select id, topic, payload from content.outbox_events order by created_at');
  expect(pending.map((row) => row.payload.action)).toEqual(['contentType.created', 'contentField.created', 'item.created']);

  // Content dies with its events undelivered; audit and content come back (new processes).
  await stack.stopSubgraph('content');
  expect(await stored(itemId)).toEqual([]);
  await stack.startSubgraph('audit');
  await stack.startSubgraph('content');

  await expect
    .poll(async () => [(await stored(typeId)).length, (await stored(itemId)).length, (await stored(roleId)).length], { timeout: 20_000, message: 'every event reaches audit' })
    .toEqual([1, 1, 1]);
  await expect
    .poll(async () => (await sql('select id from content.outbox_events union all select id from identity.outbox_events')).length, { timeout: 20_000, message: 'the outboxes are empty' })
    .toBe(0);

  // Delivered again (the relay died before it heard the answer): still stored once.
  const events = pending.map((row) => ({ id: row.id, topic: row.topic, payload: row.payload }));
  await postInternal('audit', stack.subgraphUrls.audit, EVENTS_PATH, { events }, stack.signingSecrets);
  await postInternal('audit', stack.subgraphUrls.audit, EVENTS_PATH, { events }, stack.signingSecrets);
  expect((await stored(typeId)).map((row) => row.action)).toEqual(['contentType.created']);
  expect((await stored(itemId)).map((row) => row.action)).toEqual(['item.created']);
  expect((await stored(roleId)).map((row) => row.action)).toEqual(['role.created']);
  const visible = await stack.query({ query: 'query($id: ID!) { auditEvents(filter: { targetId: $id }) { totalCount nodes { action changes { field new } } } }', variables: { id: itemId }, headers });
  expect(visible.auditEvents).toEqual({ totalCount: 1, nodes: [{ action: 'ITEM_CREATED', changes: [{ field: 'body', new: 'kept' }] }] });
});

it('refuses a malformed or misrouted batch whole, storing none of it', async () => {
  const before = (await sql<{ count: string }>('select count(*) from audit.audit_events'))[0].count;
  const valid = {
    id: '0192f000-0000-7000-8000-000000000001',
    topic: 'audit.recorded',
    payload: {
      workspaceId: null,
      actorUserId: null,
      actorKeyId: null,
      credentialKind: null,
      action: 'user.registered',
      targetType: 'User',
      targetId: 'x',
      changes: [],
      correlationId: null,
      time: new Date().toISOString(),
    },
  };
  for (const events of [[valid, { ...valid, id: 'not-an-id' }], [valid, { ...valid, topic: 'something.else' }], []]) {
    await expect(postInternal('audit', stack.subgraphUrls.audit, EVENTS_PATH, { events }, stack.signingSecrets)).rejects.toThrow(/HTTP 400/);
  }
  await expect(postInternal('content', stack.subgraphUrls.content, EVENTS_PATH, { events: [valid] }, stack.signingSecrets)).rejects.toThrow(/HTTP 400/);
  expect((await sql<{ count: string }>('select count(*) from audit.audit_events'))[0].count).toBe(before);
});
