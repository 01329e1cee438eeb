// The audit trail as a workspace admin and a user read it: every mutation of identity and
// content appears once, with its actor, target, what changed and the request's
// correlation id; auditEvents filters and pages it; me.auditEvents shows what I did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, signUp, type CreatedKey, type SignedUpUser } from './identity-seeds.js';
import { startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;
let key: CreatedKey;

interface Event {
  id: string;
  action: string;
  targetType: string;
  targetId: string;
  workspace: { id: string } | null;
  actor: { id: string } | null;
  apiKey: { id: string } | null;
  credentialKind: string | null;
  correlationId: string | null;
  createdAt: string;
  changes: { field: string; old: unknown; new: unknown; valuesHidden: boolean }[];
}

const EVENT_FIELDS = 'id action targetType targetId workspace { id } actor { id } apiKey { id } credentialKind correlationId createdAt changes { field old new valuesHidden }';

const sessionHeaders = () => ({ ...bearer(owner.token), 'x-workspace-id': workspaceId });

async function auditEvents(filter: Record<string, unknown> = {}, first = 100): Promise<Event[]> {
  const data = await stack.query<{ auditEvents: { nodes: Event[] } }>({
    query: `query($filter: AuditEventFilter, $first: Int) { auditEvents(filter: $filter, first: $first) { nodes { ${EVENT_FIELDS} } } }`,
    variables: { filter, first },
    headers: sessionHeaders(),
  });
  return data.auditEvents.nodes;
}

/** Events reach audit through the outboxes: asynchronously, within moments. */
async function eventually(filter: Record<string, unknown>, count: number): Promise<Event[]> {
  let events: Event[] = [];
  await expect.poll(async () => (events = await auditEvents(filter)).length, { timeout: 10_000, interval: 100, message: `audit events for ${JSON.stringify(filter)}` }).toBeGreaterThanOrEqual(count);
  return events;
}

beforeAll(async () => {
  stack = await startStack();
  owner = await signUp(stack, 'Audited Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Audited');
  key = await createUserKey(stack, owner.token, { scopes: ['read', 'write', 'delete'], workspaceIds: [workspaceId], description: 'content robot' });
});
afterAll(async () => {
  await stack?.stop();
});

describe('content changes', () => {
  let typeId: string;
  let itemId: string;

  beforeAll(async () => {
    const headers = { 'x-api-key': key.secret, 'x-workspace-id': workspaceId };
    const type = await stack.query({
      query: 'mutation { createContentType(input: { name: "Post", key: "post" }) { contentType { id } } }',
      headers: { ...headers, 'x-correlation-id': 'audit-create-type' },
    });
    typeId = type.createContentType.contentType.id;
    await stack.query({
      query: 'mutation($t: ID!) { createContentField(contentTypeId: $t, input: { name: "Title", key: "title", kind: TEXT }) { contentField { id } } }',
      variables: { t: typeId },
      headers,
    });
    const item = await stack.query({ query: 'mutation($t: ID!) { createItem(contentTypeId: $t, values: { title: "Hello" }) { item { id } } }', variables: { t: typeId }, headers });
    itemId = item.createItem.item.id;
    await stack.query({
      query: 'mutation($id: ID!) { updateItem(id: $id, values: { title: "Hello again" }) { item { id } } }',
      variables: { id: itemId },
      headers: { ...headers, 'x-correlation-id': 'audit-update-item' },
    });
    await stack.query({ query: 'mutation($id: ID!) { deleteItem(id: $id) { deletedId } }', variables: { id: itemId }, headers });
  });

  it('records each with its actor, target, changes and correlation id', async () => {
    const [created] = await eventually({ action: 'CONTENT_TYPE_CREATED' }, 1);
    expect(created).toMatchObject({
      targetType: 'CONTENT_TYPE',
      targetId: typeId,
      workspace: { id: workspaceId },
      actor: { id: owner.userId },
      apiKey: { id: key.id },
      credentialKind: 'USER_KEY',
      correlationId: 'audit-create-type',
    });
    expect(created.changes).toContainEqual({ field: 'key', old: null, new: 'post', valuesHidden: false });

    const [updated] = await eventually({ action: 'ITEM_UPDATED' }, 1);
    expect(updated.correlationId).toBe('audit-update-item');
    expect(updated.changes).toEqual([{ field: 'title', old: 'Hello', new: 'Hello again', valuesHidden: false }]);
  });

  it('lists the history of one record, newest first, exactly once each', async () => {
    const history = await eventually({ targetId: itemId }, 3);
    expect(history.map((event) => event.action)).toEqual(['ITEM_DELETED', 'ITEM_UPDATED', 'ITEM_CREATED']);
    expect(history[0].changes).toEqual([{ field: 'title', old: 'Hello again', new: null, valuesHidden: false }]);
    expect(new Set(history.map((event) => event.id)).size).toBe(3);
  });

  it('filters by actor, action, target type and time, and pages without overlap', async () => {
    await eventually({ targetType: 'ITEM' }, 3);
    const byKey = await auditEvents({ actorId: key.id });
    expect(byKey.map((event) => event.action).sort()).toEqual(['CONTENT_FIELD_CREATED', 'CONTENT_TYPE_CREATED', 'ITEM_CREATED', 'ITEM_DELETED', 'ITEM_UPDATED']);
    expect((await auditEvents({ targetType: 'CONTENT_FIELD' })).map((event) => event.action)).toEqual(['CONTENT_FIELD_CREATED']);
    expect(await auditEvents({ createdAfter: new Date(Date.now() + 60_000).toISOString(), createdBefore: new Date(Date.now() + 120_000).toISOString() })).toEqual([]);

    const all = await auditEvents();
    const first = await stack.query({ query: `{ auditEvents(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`, headers: sessionHeaders() });
    expect(first.auditEvents.totalCount).toBe(all.length);
    expect(first.auditEvents.pageInfo.hasNextPage).toBe(true);
    const second = await stack.query({
      query: 'query($after: String) { auditEvents(first: 2, after: $after) { nodes { id } } }',
      variables: { after: first.auditEvents.pageInfo.endCursor },
      headers: sessionHeaders(),
    });
    expect([...first.auditEvents.nodes, ...second.auditEvents.nodes].map((node: { id: string }) => node.id)).toEqual(all.slice(0, 4).map((event) => event.id));
  });
});

describe('identity changes', () => {
  it('records team changes with old and new values', async () => {
    const teammate = await signUp(stack, 'Teammate');
    const roles = await stack.query({ query: '{ roles { nodes { id key } } }', headers: sessionHeaders() });
    const roleId = (key: string) => roles.roles.nodes.find((role: { key: string }) => role.key === key).id;
    const added = await stack.query({
      query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
      variables: { input: { email: teammate.email, roleId: roleId('viewer') } },
      headers: sessionHeaders(),
    });
    const memberId = added.addMember.member.id;
    await stack.query({
      query: 'mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { member { id } } }',
      variables: { id: memberId, input: { roleId: roleId('editor') } },
      headers: sessionHeaders(),
    });
    const group = await stack.query({ query: 'mutation { createMemberGroup(input: { name: "Writers" }) { memberGroup { id } } }', headers: sessionHeaders() });
    await stack.query({
      query: 'mutation($g: ID!, $u: [ID!]!) { addMemberGroupUsers(groupId: $g, userIds: $u) { memberGroup { id } } }',
      variables: { g: group.createMemberGroup.memberGroup.id, u: [teammate.userId] },
      headers: sessionHeaders(),
    });

    const [roleChanged] = await eventually({ action: 'MEMBER_ROLE_CHANGED' }, 1);
    expect(roleChanged).toMatchObject({ targetType: 'MEMBER', targetId: memberId, actor: { id: owner.userId }, credentialKind: 'SESSION', apiKey: null });
    expect(roleChanged.changes).toEqual([{ field: 'roleId', old: roleId('viewer'), new: roleId('editor'), valuesHidden: false }]);
    const [joined] = await eventually({ action: 'MEMBER_GROUP_USERS_ADDED' }, 1);
    expect(joined.changes).toEqual([{ field: 'userIds', old: null, new: [teammate.userId], valuesHidden: false }]);

    // Leaving is the member's own change, recorded in the workspace's trail.
    await stack.query({ query: 'mutation { leaveWorkspace { deletedId } }', headers: { ...bearer(teammate.token), 'x-workspace-id': workspaceId } });
    const [left] = await eventually({ action: 'MEMBER_LEFT' }, 1);
    expect(left).toMatchObject({ targetId: memberId, actor: { id: teammate.userId }, workspace: { id: workspaceId } });
    expect(left.changes).toContainEqual({ field: 'roleId', old: roleId('editor'), new: null, valuesHidden: false });
  });
});

describe('ME_AUDIT_EVENTS', () => {
  it('shows what I did: my account and my workspaces, never what others did', async () => {
    const stranger = await signUp(stack, 'Stranger');
    await createWorkspaceAs(stack, stranger.token, 'Elsewhere');
    const read = async () =>
      (await stack.query<{ me: { auditEvents: { nodes: Event[] } } }>({ query: `{ me { auditEvents(first: 100) { nodes { ${EVENT_FIELDS} } } } }`, headers: bearer(owner.token) })).me.auditEvents
        .nodes;
    let mine: Event[] = [];
    await expect
      .poll(async () => (mine = await read()).map((event) => event.action), { timeout: 10_000, interval: 100 })
      .toEqual(expect.arrayContaining(['USER_REGISTERED', 'SESSION_CREATED', 'WORKSPACE_CREATED', 'API_KEY_CREATED', 'ITEM_UPDATED']));
    expect(mine.every((event) => event.actor?.id === owner.userId)).toBe(true);
    // A user key made outside a workspace belongs to the account's trail: what it may do, never its secret.
    const keyCreated = mine.find((event) => event.action === 'API_KEY_CREATED' && event.targetId === key.id)!;
    expect(keyCreated.workspace).toBeNull();
    expect(keyCreated.changes.map((change) => change.field)).toEqual(['client', 'description', 'expiresAt', 'kind', 'rateLimit', 'scopes', 'trustedDocumentsOnly', 'workspaceIds']);
    expect(keyCreated.changes.find((change) => change.field === 'workspaceIds')!.new).toEqual([workspaceId]);
    const registered = mine.find((event) => event.action === 'USER_REGISTERED')!;
    expect(registered).toMatchObject({ workspace: null, credentialKind: null, targetId: owner.userId });
    expect(registered.changes).toContainEqual({ field: 'password', old: null, new: null, valuesHidden: true });
  });
});
