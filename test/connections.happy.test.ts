// Every connection of the API pages backwards as well as forwards (issue 16): generated
// from schema/api.graphql, so a new connection fails here until it has a way in below.
// For each one, a workspace with a few records of every kind is read whole with `first`,
// then walked back with `last`/`before`, and both walks must give the same records in the
// same order, with pageInfo telling where each page sits; forged cursors and `first` with
// `last` are BAD_USER_INPUT.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, createWorkspaceKey, signUp, type SignedUpUser } from './identity-seeds.js';
import { discoveryDocumentIssuer, TRUST_ISSUER } from './jwt-seeds.js';
import { publishSchemaVersions } from './schema-version-seeds.js';
import { errorCodes, startStack, type AssertedJson, type TestStack } from './testkit.js';

/** Every field of the public schema that returns a connection, as `Type.field`. */
function connectionFields(): string[] {
  const schema = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));
  const fields: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) if (getNamedType(field.type).name.endsWith('Connection')) fields.push(`${type.name}.${field.name}`);
  }
  return fields.sort();
}

const PAGE_ARGUMENTS = 'first: $first, after: $after, last: $last, before: $before';
const SELECTION = '{ totalCount edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }';

/** How to reach each connection: the query around it (with `PAGE`) and where it is in the answer. */
interface Way {
  readonly query: string;
  readonly read: (data: AssertedJson) => AssertedJson;
}
const PAGE = `(${PAGE_ARGUMENTS}) ${SELECTION}`;
const rootField = (name: string, extra = ''): Way => ({ query: `{ ${name}(${extra}${PAGE_ARGUMENTS}) ${SELECTION} }`, read: (data) => data[name] });
const WAYS: Record<string, Way> = {
  'Query.apiKeys': rootField('apiKeys'),
  'Query.auditEvents': rootField('auditEvents'),
  'Query.contentTypes': rootField('contentTypes'),
  'Query.invitations': rootField('invitations'),
  'Query.items': rootField('items', 'contentTypeId: $typeId, '),
  'Query.memberGroups': rootField('memberGroups'),
  'Query.members': rootField('members'),
  // Only the requests of the oldest key: the workspace's own log grows with every test request.
  'Query.requestLogs': rootField('requestLogs', 'filter: { apiKeyId: $keyId }, '),
  'Query.roles': rootField('roles'),
  // One type nobody here queries (the walk selects only its connection's fields): a list that stays the same while usage is recorded.
  'Query.unusedFields': rootField('unusedFields', 'type: "SchemaVersion", '),
  'Query.schemaVersions': rootField('schemaVersions'),
  'Query.trustedDocuments': rootField('trustedDocuments'),
  'Query.trustedIssuers': rootField('trustedIssuers'),
  'Query.workspaces': rootField('workspaces'),
  'ApiKey.requestLogs': { query: `{ apiKeys(first: 1) { nodes { requestLogs${PAGE} } } }`, read: (data) => data.apiKeys.nodes[0].requestLogs },
  'ContentType.fields': { query: `{ contentType(id: $typeId) { fields${PAGE} } }`, read: (data) => data.contentType.fields },
  'Member.groups': { query: `{ members(first: 1) { nodes { groups${PAGE} } } }`, read: (data) => data.members.nodes[0].groups },
  'MemberGroup.members': { query: `{ memberGroups(first: 1) { nodes { members${PAGE} } } }`, read: (data) => data.memberGroups.nodes[0].members },
  'User.auditEvents': { query: `{ me { auditEvents${PAGE} } }`, read: (data) => data.me.auditEvents },
  'Workspace.contentTypes': { query: `{ workspace { contentTypes${PAGE} } }`, read: (data) => data.workspace.contentTypes },
  'Workspace.apiKeys': { query: `{ workspace { apiKeys${PAGE} } }`, read: (data) => data.workspace.apiKeys },
  'Workspace.memberGroups': { query: `{ workspace { memberGroups${PAGE} } }`, read: (data) => data.workspace.memberGroups },
  'Workspace.members': { query: `{ workspace { members${PAGE} } }`, read: (data) => data.workspace.members },
  'Workspace.roles': { query: `{ workspace { roles${PAGE} } }`, read: (data) => data.workspace.roles },
};

let stack: TestStack;
let owner: SignedUpUser;
let headers: Record<string, string>;
let typeId: string;
/** The key that made the requests the request-log connections list. */
let keyId: string;

/** The request for one page of a connection: variables declared only where used. */
function pageRequest(coordinate: string, page: { first?: number; after?: string; last?: number; before?: string }) {
  const way = WAYS[coordinate];
  const declarations = ['$first: Int', '$after: String', '$last: Int', '$before: String'];
  if (way.query.includes('$typeId')) declarations.push('$typeId: ID!');
  if (way.query.includes('$keyId')) declarations.push('$keyId: ID!');
  return { query: `query(${declarations.join(', ')}) ${way.query}`, variables: { ...page, typeId, keyId }, headers };
}

async function readPage(coordinate: string, page: { first?: number; after?: string; last?: number; before?: string }) {
  return WAYS[coordinate].read(await stack.query(pageRequest(coordinate, page)));
}

async function mutate(query: string, variables: Record<string, unknown> = {}): Promise<AssertedJson> {
  return stack.query({ query, variables, headers });
}

beforeAll(async () => {
  stack = await startStack();
  owner = await signUp(stack, 'Owner');
  const workspaceId = await createWorkspaceAs(stack, owner.token);
  await createWorkspaceAs(stack, owner.token, 'Second');
  headers = { ...bearer(owner.token), 'x-workspace-id': workspaceId };

  // Content: two more types, three fields and three items.
  const types: string[] = [];
  for (const key of ['article', 'page', 'note'])
    types.push((await mutate('mutation($i: CreateContentTypeInput!) { createContentType(input: $i) { contentType { id } } }', { i: { key, name: key } })).createContentType.contentType.id);
  typeId = types[0];
  for (const key of ['title', 'body', 'summary'])
    await mutate(`mutation($t: ID!) { createContentField(contentTypeId: $t, input: { name: "${key}", key: "${key}", kind: TEXT }) { contentField { id } } }`, { t: typeId });
  for (const title of ['a', 'b', 'c']) await mutate('mutation($t: ID!, $v: JSON!) { createItem(contentTypeId: $t, values: $v) { item { id } } }', { t: typeId, v: { title } });

  // Team: two more members, two invitations, groups holding everyone.
  const roles = (await mutate('{ roles(first: 100) { nodes { id key } } }')).roles.nodes;
  const roleId = roles.find((role: { key: string }) => role.key !== 'owner').id;
  const others = [await signUp(stack, 'Second member'), await signUp(stack, 'Third member')];
  for (const other of others) await mutate('mutation($i: AddMemberInput!) { addMember(input: $i) { member { id } } }', { i: { email: other.email, roleId } });
  for (let index = 0; index < 2; index++) {
    await mutate('mutation($i: InviteMemberInput!) { inviteMember(input: $i) { invitation { id } } }', { i: { email: `invited-${randomBytes(4).toString('hex')}@example.com`, roleId } });
  }
  for (const name of ['Editors', 'Reviewers']) {
    const group = (await mutate('mutation($i: CreateMemberGroupInput!) { createMemberGroup(input: $i) { memberGroup { id } } }', { i: { name } })).createMemberGroup.memberGroup.id;
    await mutate('mutation($g: ID!, $u: [ID!]!) { addMemberGroupUsers(groupId: $g, userIds: $u) { memberGroup { id } } }', { g: group, u: [owner.userId, ...others.map((other) => other.userId)] });
  }

  // Trusted documents, and keys: the oldest one makes requests, so that it has request logs.
  const documents = ['query A { viewer { __typename } }', 'query B { viewer { __typename } }'].map((body) => ({ id: createHash('sha256').update(body).digest('hex'), body }));
  await mutate('mutation($i: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $i) { __typename } }', { i: { clientName: 'web', documents } });
  // Trusted issuers: one provider, trusted for three audiences.
  for (const audience of ['web', 'ios', 'android']) await mutate(TRUST_ISSUER, { input: { issuerUrl: await discoveryDocumentIssuer(), audience } });
  const keys = [];
  for (let index = 0; index < 3; index++) keys.push(await createUserKey(stack, owner.token, { scopes: ['read', 'keys:read'], workspaceIds: [workspaceId] }));
  keyId = keys[0].id;
  // Workspace keys, for Workspace.apiKeys (the workspace's own keys).
  for (let index = 0; index < 2; index++) await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['read'] });
  for (let index = 0; index < 3; index++) await stack.query({ query: '{ workspace { id } }', headers: { 'x-api-key': keys[0].secret, 'x-workspace-id': workspaceId } });
  // Three published schemas (Query.schemaVersions).
  await publishSchemaVersions(stack.database.url, 3);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

it('has a way in for every connection of the API', () => {
  expect(Object.keys(WAYS).sort()).toEqual(connectionFields());
});

describe.each(connectionFields())('%s', (coordinate) => {
  it('gives the same records walking back with last/before as forward with first/after, with exact pageInfo', async () => {
    // Request logs and audit events arrive a moment after the requests that make them.
    await expect.poll(async () => (await readPage(coordinate, { first: 100 })).totalCount, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    const whole = await readPage(coordinate, { first: 100 });
    const cursors: string[] = whole.edges.map((edge: { cursor: string }) => edge.cursor);
    expect(cursors.length).toBe(whole.totalCount);
    expect(whole.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: cursors[0], endCursor: cursors.at(-1) });

    // Backwards one record at a time, from the end.
    const backward: string[] = [];
    let before: string | undefined;
    for (let step = 0; step < cursors.length + 1; step++) {
      const page = await readPage(coordinate, { last: 1, before });
      backward.unshift(...page.edges.map((edge: { cursor: string }) => edge.cursor));
      expect(page.pageInfo.hasNextPage).toBe(before !== undefined);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward).toEqual(cursors);

    // The last n in the same order, and a window between two cursors.
    const tail = await readPage(coordinate, { last: cursors.length - 1 });
    expect(tail.edges.map((edge: { cursor: string }) => edge.cursor)).toEqual(cursors.slice(1));
    expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const between = await readPage(coordinate, { first: 100, after: cursors[0], before: cursors.at(-1) });
    expect(between.edges.map((edge: { cursor: string }) => edge.cursor)).toEqual(cursors.slice(1, -1));
  });

  it('refuses a forged before and first with last as BAD_USER_INPUT', async () => {
    for (const page of [
      { last: 1, before: 'not-a-cursor' },
      { first: 1, last: 1 },
    ]) {
      const response = await stack.request(pageRequest(coordinate, page));
      expect(response.status).toBe(200);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
  });
});
