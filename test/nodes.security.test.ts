// node(id:) and nodes(ids:) for every Node type of the supergraph (the list is read from
// schema/api.graphql, so a new Node type without a case here fails): each record comes
// back by its id alone, with fields from the subgraph that owns it, and only where the
// type's own query would show it. Another workspace's record, a forged id and a denied
// type answer as item(id) does: null with NOT_FOUND / INSUFFICIENT_SCOPE, never telling
// whether the record exists; an untagged id is null; a malformed one BAD_USER_INPUT.
import { readFileSync } from 'node:fs';
import { buildSchema, isInterfaceType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../lib/ids.js';
import { NODE_TYPE_TAGS, type NodeTypeName } from '../lib/node-types.js';
import { bearer, createUserKey, createWorkspaceAs, createWorkspaceKey, signUp, type SignedUpUser } from './identity-seeds.js';
import { errorCodes, startStack, type TestStack } from './testkit.js';

const api = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));
const nodeInterface = api.getType('Node');
if (!isInterfaceType(nodeInterface)) throw new Error('schema/api.graphql has no Node interface');
const NODE_TYPES = api
  .getPossibleTypes(nodeInterface)
  .map((type) => type.name)
  .sort();

let stack: TestStack;
let owner: SignedUpUser;
let stranger: SignedUpUser;
let headers: Record<string, string>;
let strangerHeaders: Record<string, string>;
/** One record of each Node type, in the owner's workspace. */
const records = {} as Record<string, string>;

const NODE = 'query($id: ID!) { node(id: $id) { __typename id } }';
const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }';

beforeAll(async () => {
  stack = await startStack();
  owner = await signUp(stack, 'Owner');
  stranger = await signUp(stack, 'Stranger');
  const workspaceId = await createWorkspaceAs(stack, owner.token, 'Mine');
  const strangerWorkspaceId = await createWorkspaceAs(stack, stranger.token, 'Theirs');
  headers = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  strangerHeaders = { ...bearer(stranger.token), 'x-workspace-id': strangerWorkspaceId };
  const colleague = await signUp(stack, 'Colleague');
  const seeded = await stack.query({
    query: `mutation($email: String!, $roleId: ID!) {
      createContentType(input: { name: "Post", key: "post" }) { contentType { id } }
      createMemberGroup(input: { name: "Writers" }) { memberGroup { id } }
      createRole(input: { name: "Reader", key: "reader", permissions: [ITEMS_READ] }) { role { id } }
      addMember(input: { email: $email, roleId: $roleId }) { member { id user { id } } }
    }`,
    variables: { email: colleague.email, roleId: await builtInRoleId('viewer') },
    headers,
  });
  const typeId = seeded.createContentType.contentType.id;
  const more = await stack.query({
    query: `mutation($t: ID!, $roleId: ID!) {
      createContentField(contentTypeId: $t, input: { name: "Title", key: "title", kind: TEXT }) { contentField { id } }
      createItem(contentTypeId: $t, values: { title: "Hello" }) { item { id } }
      inviteMember(input: { email: "someone@example.com", roleId: $roleId }) { invitation { id } }
    }`,
    variables: { t: typeId, roleId: seeded.createRole.role.id },
    headers,
  });
  const key = await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['read'] });
  Object.assign(records, {
    User: seeded.addMember.member.user.id,
    Workspace: workspaceId,
    ApiKey: key.id,
    Role: seeded.createRole.role.id,
    Member: seeded.addMember.member.id,
    MemberGroup: seeded.createMemberGroup.memberGroup.id,
    Invitation: more.inviteMember.invitation.id,
    ContentType: typeId,
    ContentField: more.createContentField.contentField.id,
    Item: more.createItem.item.id,
  });
  // Audit events arrive through the outbox, request logs through the gateway's shipper.
  records.AuditEvent = await vi.waitFor(() => firstId('auditEvents'), { timeout: 20_000, interval: 100 });
  records.RequestLog = await vi.waitFor(() => firstId('requestLogs'), { timeout: 20_000, interval: 100 });
});
afterAll(async () => {
  await stack?.stop();
});

/** The id of the newest record of a list of the owner's workspace; throws (so waitFor tries again) while it is empty. */
async function firstId(list: 'auditEvents' | 'requestLogs'): Promise<string> {
  const data = await stack.query({ query: `{ ${list}(first: 1) { nodes { id } } }`, headers });
  const id = data[list].nodes[0]?.id as string | undefined;
  if (!id) throw new Error(`no ${list} yet`);
  return id;
}

async function builtInRoleId(key: string): Promise<string> {
  const roles = await stack.query({ query: '{ roles(first: 100) { nodes { id key } } }', headers });
  return roles.roles.nodes.find((role: { key: string }) => role.key === key).id;
}

describe('node(id:) for every Node type', () => {
  it('covers every implementation of Node in the schema, each with a tag', () => {
    expect(NODE_TYPES.length).toBeGreaterThan(10);
    // A new Node type needs a tag (lib/node-types.ts) and a record seeded above.
    expect(Object.keys(NODE_TYPE_TAGS).sort()).toEqual(NODE_TYPES);
    expect(Object.keys(records).sort()).toEqual(NODE_TYPES);
  });

  it.each(NODE_TYPES)('fetches a %s by its id alone, and again in nodes()', async (typeName) => {
    const id = records[typeName];
    const data = await stack.query({ query: NODE, variables: { id }, headers });
    expect(data.node).toEqual({ __typename: typeName, id });
  });

  it('answers nodes() in the order asked, every type in one call', async () => {
    const ids = NODE_TYPES.map((typeName) => records[typeName]);
    const data = await stack.query({ query: NODES, variables: { ids }, headers });
    expect(data.nodes).toEqual(NODE_TYPES.map((typeName) => ({ __typename: typeName, id: records[typeName] })));
  });

  it("fetches the owning subgraph's fields of a content type (the gateway plans them on content)", async () => {
    const data = await stack.query({
      query: 'query($id: ID!) { node(id: $id) { id ... on ContentType { name key fields { nodes { key } } } ... on Item { values } } }',
      variables: { id: records.ContentType },
      headers,
    });
    expect(data.node).toEqual({ id: records.ContentType, name: 'Post', key: 'post', fields: { nodes: [{ key: 'title' }] } });
  });
});

describe('node(id:) tells nothing it should not', () => {
  it.each(NODE_TYPES)("answers another workspace's %s as not found, exactly as a missing one", async (typeName) => {
    const theirs = await stack.request({ query: NODE, variables: { id: records[typeName] }, headers: strangerHeaders });
    const missing = await stack.request({ query: NODE, variables: { id: newId(NODE_TYPE_TAGS[typeName as NodeTypeName]) }, headers: strangerHeaders });
    expect(theirs.body.data).toEqual({ node: null });
    expect(errorCodes(theirs)).toEqual(['NOT_FOUND']);
    expect(missing.body.data).toEqual({ node: null });
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    expect(theirs.body.errors?.[0]?.message).toBe(missing.body.errors?.[0]?.message);
  });

  it('answers an id that names no type with null and no error, and a malformed one with BAD_USER_INPUT', async () => {
    const tags = new Set<number>(Object.values(NODE_TYPE_TAGS));
    let untagged = newId();
    while (tags.has(Number.parseInt(untagged.slice(-2), 16))) untagged = newId();
    const unknown = await stack.request({ query: NODE, variables: { id: untagged }, headers });
    expect(unknown.body).toEqual(expect.objectContaining({ data: { node: null } }));
    expect(unknown.body.errors).toBeUndefined();
    for (const malformed of ['abc', '', `${records.Item}x`, "' or 1=1 --"]) {
      const response = await stack.request({ query: NODE, variables: { id: malformed }, headers });
      expect(response.body.data).toEqual({ node: null });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('refuses a type the credential lacks the scopes for before looking the record up, as its own query does', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['items:read'], workspaceIds: [headers['x-workspace-id']] });
    const keyHeaders = { 'x-api-key': key.secret, 'x-workspace-id': headers['x-workspace-id'] };
    for (const id of [records.ContentType, newId(NODE_TYPE_TAGS.ContentType)]) {
      const response = await stack.request({ query: NODE, variables: { id }, headers: keyHeaders });
      expect(response.body.data).toEqual({ node: null });
      expect(errorCodes(response)).toEqual(['INSUFFICIENT_SCOPE']);
      expect(response.body.errors?.[0]?.extensions?.requiredScopes).toEqual([['TYPES_READ']]);
    }
    const item = await stack.query({ query: NODE, variables: { id: records.Item }, headers: keyHeaders });
    expect(item.node).toEqual({ __typename: 'Item', id: records.Item });
  });

  it('nulls only the denied or missing records in nodes(), each with its own error', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['items:read'], workspaceIds: [headers['x-workspace-id']] });
    const keyHeaders = { 'x-api-key': key.secret, 'x-workspace-id': headers['x-workspace-id'] };
    const ids = [records.Item, records.ContentType, newId(NODE_TYPE_TAGS.Item), records.Item];
    const response = await stack.request({ query: NODES, variables: { ids }, headers: keyHeaders });
    expect(response.body.data).toEqual({ nodes: [{ __typename: 'Item', id: records.Item }, null, null, { __typename: 'Item', id: records.Item }] });
    const byPath = Object.fromEntries((response.body.errors ?? []).map((error) => [JSON.stringify(error.path), error.extensions?.code]));
    expect(byPath).toEqual({ '["nodes",1]': 'INSUFFICIENT_SCOPE', '["nodes",2]': 'NOT_FOUND' });
  });

  it('refuses more than 100 ids', async () => {
    const response = await stack.request({ query: NODES, variables: { ids: Array.from({ length: 101 }, () => records.Item) }, headers });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('apiKey(id:) and key rotation links', () => {
  it('links a rotated key to the key that replaced it, both ways, and shows only keys apiKeys lists', async () => {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [headers['x-workspace-id']] });
    const rotated = await stack.query({ query: 'mutation($id: ID!) { rotateApiKey(id: $id, gracePeriod: 0) { apiKey { id } } }', variables: { id: key.id }, headers: bearer(owner.token) });
    const nextId = rotated.rotateApiKey.apiKey.id;
    const LINKS = 'query($id: ID!) { apiKey(id: $id) { id rotatedFrom { id } rotatedTo { id } } }';
    expect((await stack.query({ query: LINKS, variables: { id: key.id }, headers: bearer(owner.token) })).apiKey).toEqual({ id: key.id, rotatedFrom: null, rotatedTo: { id: nextId } });
    expect((await stack.query({ query: LINKS, variables: { id: nextId }, headers: bearer(owner.token) })).apiKey).toEqual({ id: nextId, rotatedFrom: { id: key.id }, rotatedTo: null });
    for (const id of [key.id, newId(NODE_TYPE_TAGS.ApiKey), 'not-an-id']) {
      const response = await stack.request({ query: LINKS, variables: { id }, headers: strangerHeaders });
      expect(response.body.data).toEqual({ apiKey: null });
      expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    }
  });
});
