// Hostile list arguments (issue 11): every field of the committed supergraph that takes
// `first`/`after`, root or nested, found by walking the schema, so a new connection is
// covered without touching this file. Forged cursors and bad page sizes get BAD_USER_INPUT
// on that field (or 400 when GraphQL validation refuses them), never INTERNAL_SERVER_ERROR,
// and nothing is logged at error level; real cursors still page through every shape.
import { randomBytes } from 'node:crypto';
import { getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../../lib/ids.js';
import { supergraphSchema } from '../authorization/coordinates.js';
import { bearer, createUserKey, createWorkspaceAs, createWorkspaceKey, signUp, type SignedUpUser } from '../identity-seeds.js';
import { discoveryDocumentIssuer, TRUST_ISSUER } from '../jwt-seeds.js';
import { publishSchemaVersions } from '../schema-version-seeds.js';
import { startStack, type GraphQLRequest, type GraphQLResponse, type TestStack } from '../testkit.js';

const FEDERATION_TYPES = /^(join__|link__|_Service|_Entity|_Any)/;

/** A list field and how to reach it from Query: the fields to select down to its parent (`nodes` through connections). */
interface ListField {
  readonly coordinate: string;
  readonly field: GraphQLField<unknown, unknown>;
  readonly route: readonly string[];
}

/**
 * Types reached by a fixed route instead of the shortest one. A Workspace's fields answer
 * only for the workspace the request acts in (null with FORBIDDEN under any other: see
 * test/workspace-fields.security.test.ts), so its lists are reached through `workspace`.
 */
const FIXED_ROUTES: Record<string, string[]> = { Workspace: ['workspace'] };

/** Every field with `first` and `after`, each with the shortest route from Query through fields without required arguments. */
function listFields(schema: GraphQLSchema): ListField[] {
  const query = schema.getQueryType()!;
  const routes = new Map<string, string[]>([[query.name, []], ...Object.entries(FIXED_ROUTES)]);
  const queue: GraphQLObjectType[] = [query, ...Object.keys(FIXED_ROUTES).map((name) => schema.getType(name) as GraphQLObjectType)];
  while (queue.length > 0) {
    const type = queue.shift()!;
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('_') || field.args.some((argument) => isNonNullType(argument.type))) continue;
      const target = getNamedType(field.type);
      if (!isObjectType(target) || FEDERATION_TYPES.test(target.name)) continue;
      // Through a connection to its nodes: the objects that own nested lists.
      const nodes = target.getFields().nodes;
      const [next, step] = nodes && isObjectType(getNamedType(nodes.type)) ? [getNamedType(nodes.type) as GraphQLObjectType, [field.name, 'nodes']] : [target, [field.name]];
      if (routes.has(next.name)) continue;
      routes.set(next.name, [...routes.get(type.name)!, ...step]);
      queue.push(next);
    }
  }
  const found: ListField[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || FEDERATION_TYPES.test(type.name) || type === schema.getMutationType()) continue;
    for (const field of Object.values(type.getFields())) {
      const names = field.args.map((argument) => argument.name);
      if (!names.includes('first') || !names.includes('after')) continue;
      const route = routes.get(type.name);
      if (!route) throw new Error(`${type.name}.${field.name}: no route from Query reaches ${type.name}; extend listFields`);
      found.push({ coordinate: `${type.name}.${field.name}`, field, route });
    }
  }
  return found.sort((a, b) => a.coordinate.localeCompare(b.coordinate));
}

const schema = supergraphSchema();
const LISTS = listFields(schema);

let stack: TestStack;
const logLines: string[] = [];
let owner: SignedUpUser;
let headers: Record<string, string>;
let typeId: string;

/** Values for required arguments of list fields (besides first/after), by coordinate. */
const requiredArguments = (): Record<string, Record<string, unknown>> => ({ 'Query.items': { contentTypeId: typeId } });

beforeAll(async () => {
  // Without schema usage: unusedFields would shrink while this file's own requests are recorded, under its cursors.
  stack = await startStack({ logLines, gateway: { requestLogFlushMs: 50, schemaUsage: false } });
  owner = await signUp(stack, 'Owner');
  const workspaceId = await createWorkspaceAs(stack, owner.token, 'Lists');
  await createWorkspaceAs(stack, owner.token, 'Second');
  headers = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  const run = (query: string, variables: Record<string, unknown> = {}) => stack.query({ query, variables, headers });

  // Content: two types (Query.contentTypes, Workspace.contentTypes), items of the first one.
  const type = await run('mutation { createContentType(input: { name: "Posts", key: "posts" }) { contentType { id } } }');
  typeId = type.createContentType.contentType.id;
  await run('mutation { createContentType(input: { name: "Pages", key: "pages" }) { contentType { id } } }');
  await run('mutation($t: ID!) { createContentField(contentTypeId: $t, input: { name: "Rank", key: "rank", kind: NUMBER }) { contentField { id } } }', { t: typeId });
  await run('mutation($t: ID!) { createContentField(contentTypeId: $t, input: { name: "Title", key: "title", kind: TEXT }) { contentField { id } } }', { t: typeId });
  for (const values of [{ rank: 2, title: 'b' }, { rank: 1, title: 'c' }, { title: 'a' }]) {
    await run('mutation($t: ID!, $v: JSON!) { createItem(contentTypeId: $t, values: $v) { item { id } } }', { t: typeId, v: values });
  }

  // Two trusted documents (Query.trustedDocuments); their ids are the SHA-256 of their text.
  const documents = ['query One { workspace { id } }', 'query Two { workspace { name } }'].map((body) => ({ id: createHash('sha256').update(body).digest('hex'), body }));
  await run('mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { registered } }', { input: { clientName: 'lists', documents } });

  // Identity: two keys (each used twice, for ApiKey.requestLogs), a second member, two
  // invitations, two groups holding both members (Member.groups, MemberGroup.members);
  // four built-in roles.
  // Two workspace keys (Workspace.apiKeys: the workspace's own keys).
  for (const description of ['first workspace key', 'second workspace key']) await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['read'], description });
  for (const description of ['first key', 'second key']) {
    const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId], description });
    for (let use = 0; use < 2; use += 1) await stack.query({ query: '{ workspace { id } }', headers: { 'x-api-key': key.secret } });
  }
  const colleague = await signUp(stack, 'Colleague');
  const roles = await run('{ roles { nodes { id key } } }');
  const viewer = roles.roles.nodes.find((role: { key: string }) => role.key === 'viewer').id;
  await run('mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }', { input: { email: colleague.email, roleId: viewer } });
  // Two invitations (Query.invitations).
  for (const email of ['first-invitee@example.com', 'second-invitee@example.com']) {
    await run('mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }', { input: { email, roleId: viewer } });
  }
  // Two trusted issuers (Query.trustedIssuers): one issuer, trusted for two audiences.
  const issuerUrl = await discoveryDocumentIssuer();
  for (const audience of ['first-app', 'second-app']) await run(TRUST_ISSUER, { input: { issuerUrl, audience } });
  for (const name of ['Editors', 'Reviewers']) {
    const group = await run('mutation($input: CreateMemberGroupInput!) { createMemberGroup(input: $input) { memberGroup { id } } }', { input: { name } });
    await run('mutation($g: ID!, $u: [ID!]!) { addMemberGroupUsers(groupId: $g, userIds: $u) { memberGroup { id } } }', {
      g: group.createMemberGroup.memberGroup.id,
      u: [owner.userId, colleague.userId],
    });
  }

  // Two published schemas (Query.schemaVersions).
  await publishSchemaVersions(stack.database.url, 2);

  // Audit: request logs and audit events arrive asynchronously; wait until every list has two entries.
  for (const list of LISTS) {
    await vi.waitFor(
      async () => {
        const response = await send(list, { first: 100 });
        const most = Math.max(0, ...connectionsIn(response).map((connection) => connection.totalCount));
        if (most < 2) throw new Error(`fewer than two entries in ${describeResponse(list, { first: 100 }, response)}`);
      },
      { timeout: 20_000, interval: 100 },
    );
  }
});
afterAll(async () => {
  await stack?.stop();
});

/** Arguments of the list field: a value (sent as a variable) or `{ literal }` (written into the document). */
type Arguments = Record<string, unknown>;
interface Literal {
  readonly literal: string;
}
const literal = (text: string): Literal => ({ literal: text });
const isLiteral = (value: unknown): value is Literal => typeof value === 'object' && value !== null && 'literal' in value;

/** The operation selecting `target:` (the list field) along its route, with its page, cursors and node ids. */
function operation(list: ListField, args: Arguments, withSibling = false): GraphQLRequest {
  const all = { ...requiredArguments()[list.coordinate], ...args };
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const written: string[] = [];
  for (const [name, value] of Object.entries(all)) {
    if (isLiteral(value)) {
      written.push(`${name}: ${value.literal}`);
      continue;
    }
    const argument = list.field.args.find((candidate) => candidate.name === name)!;
    declarations.push(`$${name}: ${argument.type.toString()}`);
    written.push(`${name}: $${name}`);
    variables[name] = value;
  }
  const nodeType = getNamedType(list.field.type) as GraphQLObjectType;
  const nodeFields = (getNamedType(nodeType.getFields().nodes.type) as GraphQLObjectType).getFields();
  // What tells the nodes apart: the id, else the first non-null scalar (UnusedSchemaCoordinate.coordinate).
  const identity = 'id' in nodeFields ? 'id' : (Object.values(nodeFields).find((field) => isNonNullType(field.type) && isLeafType(getNamedType(field.type)))?.name ?? '__typename');
  const page = `{ totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { ${identity} } }`;
  let selection = `target: ${list.field.name}${written.length ? `(${written.join(', ')})` : ''} ${page}`;
  if (withSibling) {
    // The same list with good page arguments (and the same required ones), beside the target.
    const required = written.filter((argument) => !/^(first|after):/.test(argument));
    selection += ` sibling: ${list.field.name}(${[...required, 'first: 2'].join(', ')}) ${page}`;
  }
  for (const step of [...list.route].reverse()) selection = `${step} { ${selection} }`;
  return { query: `query List${declarations.length ? `(${declarations.join(', ')})` : ''} { ${selection} }`, variables, headers };
}

function send(list: ListField, args: Arguments, withSibling = false): Promise<GraphQLResponse> {
  return stack.request(operation(list, args, withSibling));
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string }[];
  nodes: { id: string }[];
}

/** Every page under `alias` in a response, in parent order (one per parent for a nested list). */
function connectionsIn(response: GraphQLResponse, alias: 'target' | 'sibling' = 'target'): Page[] {
  const pages: Page[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      if (alias in value) {
        const page = (value as Record<string, Page | null>)[alias];
        if (page) pages.push(page);
      } else Object.values(value).forEach(walk);
    }
  };
  walk(response.body.data);
  return pages;
}

const describeResponse = (list: ListField, args: Arguments, response: GraphQLResponse) =>
  `${list.coordinate} ${JSON.stringify(args)} → HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 600)}`;

/** The field answered BAD_USER_INPUT naming the argument, at the field itself, for every parent, and nothing else went wrong. */
function expectRefusedArgument(list: ListField, args: Arguments, response: GraphQLResponse, argumentName: 'first' | 'after'): void {
  const context = describeResponse(list, args, response);
  expect(response.status, context).toBe(200);
  const errors = response.body.errors ?? [];
  expect(errors.length, context).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.extensions, context).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    expect(error.path?.at(-1), context).toBe('target');
  }
  expect(connectionsIn(response), context).toEqual([]);
}

/** A cursor this list really made: the first edge of its first page (the first parent with entries, for a nested list). */
async function realCursor(list: ListField): Promise<string> {
  const response = await send(list, { first: 1 });
  const page = connectionsIn(response).find((candidate) => candidate.edges.length > 0);
  if (!page) throw new Error(`no entries in ${describeResponse(list, { first: 1 }, response)}`);
  return page.edges[0].cursor;
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const SQL = "'; drop table roles; --";
const TEN_KB = 'a'.repeat(10 * 1024);

/** Cursors the API never made, whatever the list: wrong encodings, wrong JSON, wrong parts. */
function forgedCursors(real: string, foreign: string): Record<string, string> {
  const forged: Record<string, string> = {
    'random bytes, base64url': randomBytes(48).toString('base64url'),
    'not base64 at all': '%%% not a cursor %%%',
    'base64 of text that is not JSON': base64url('hello, cursor'),
    'a JSON object instead of an array': base64url(JSON.stringify({ id: newId() })),
    'an empty array': base64url('[]'),
    'an array of numbers': base64url('[1, 2, 3]'),
    'an array of booleans': base64url('[true]'),
    'a non-UUID id': base64url(JSON.stringify(['not-a-uuid'])),
    'a bare UUID (an untagged position)': base64url(JSON.stringify([newId()])),
    'an SQL-ish string': base64url(JSON.stringify([SQL])),
    'a 10 kB string': TEN_KB,
    'a 10 kB string in an array': base64url(JSON.stringify([TEN_KB])),
    'a real cursor with a character appended': `${real}A`,
    'a real cursor cut short': real.slice(0, -3),
    'a valid cursor of a different list': foreign,
  };
  // Each part of the real position replaced, one at a time, and the position made longer and shorter.
  const position: unknown = JSON.parse(Buffer.from(real, 'base64url').toString('utf8'));
  expect(Array.isArray(position), `a real cursor is a base64url JSON array: ${real}`).toBe(true);
  const parts = position as unknown[];
  parts.forEach((_part, index) => {
    for (const [name, replacement] of Object.entries({ 'not-a-uuid': 'not-a-uuid', SQL, '10 kB': TEN_KB, number: 12345, null: null, object: {}, array: [] })) {
      // Another number in a numeric part (a field's position) is a valid position, not a forgery:
      // a keyset cursor holds the values it pages from, and a page after them may well be empty.
      if (typeof replacement === 'number' && typeof _part === 'number') continue;
      forged[`part ${index} replaced by ${name}`] = base64url(JSON.stringify(parts.map((part, at) => (at === index ? replacement : part))));
    }
  });
  forged['a part too many'] = base64url(JSON.stringify([...parts, newId()]));
  forged['a part too few'] = base64url(JSON.stringify(parts.slice(0, -1)));
  return forged;
}

/** Runs `work` over `items`, a few at a time: enough to be quick, not enough to flood two cores. */
async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<void>, size = 6): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(work));
}

it('finds every list field of the supergraph, root and nested', () => {
  expect(LISTS.map((list) => list.coordinate)).toEqual(
    expect.arrayContaining(['ApiKey.requestLogs', 'Member.groups', 'MemberGroup.members', 'Query.items', 'Query.roles', 'User.auditEvents', 'Workspace.contentTypes']),
  );
  expect(LISTS.length).toBeGreaterThanOrEqual(14);
});

describe.each(LISTS.map((list) => [list.coordinate, list] as const))('%s', (_coordinate, list) => {
  it('pages with its own cursors: after an edge comes the next record', async () => {
    const firstTwo = connectionsIn(await send(list, { first: 2 }));
    const index = firstTwo.findIndex((page) => page.nodes.length === 2);
    expect(index, `${list.coordinate}: a page of two entries`).toBeGreaterThanOrEqual(0);
    const page = firstTwo[index];
    expect(page.pageInfo.endCursor).toBe(page.edges[1].cursor);
    const next = connectionsIn(await send(list, { first: 1, after: page.edges[0].cursor }))[index];
    expect(next.nodes).toEqual([page.nodes[1]]);
    expect(next.pageInfo.endCursor).toBe(page.edges[1].cursor);
    const rest = connectionsIn(await send(list, { first: 100, after: page.edges[1].cursor }))[index];
    expect(rest.nodes).not.toContainEqual(page.nodes[0]);
    expect(rest.nodes).not.toContainEqual(page.nodes[1]);
  });

  it('refuses every cursor it did not make with BAD_USER_INPUT on after', async () => {
    const real = await realCursor(list);
    const other = LISTS[(LISTS.indexOf(list) + 1) % LISTS.length];
    const foreign = await realCursor(other);
    await inBatches(Object.entries(forgedCursors(real, foreign)), async ([name, after]) => {
      const response = await send(list, { first: 5, after });
      expectRefusedArgument(list, { case: name }, response, 'after');
    });
  });

  it('refuses a page size outside 1 to 100 with BAD_USER_INPUT on first', async () => {
    await inBatches([0, -1, 101, 1000, 2 ** 31 - 1, -(2 ** 31)], async (first) => {
      const response = await send(list, { first });
      expectRefusedArgument(list, { first }, response, 'first');
      expect(response.body.errors![0].message).toMatch(/^first must be an integer from 1 to 100 \(default 20\)/);
    });
  });

  // A refused nullable list is null and its siblings answer; a non-null one takes its parent with it, as GraphQL says.
  it.skipIf(isNonNullType(list.field.type))('fails only the field with bad arguments: the same list beside it answers', async () => {
    for (const args of [{ first: 0 }, { first: 5, after: base64url('[]') }]) {
      const response = await send(list, args, true);
      expectRefusedArgument(list, args, response, args.after ? 'after' : 'first');
      const siblings = connectionsIn(response, 'sibling');
      expect(siblings.length, describeResponse(list, args, response)).toBeGreaterThan(0);
      for (const sibling of siblings) expect(sibling.nodes.length).toBeLessThanOrEqual(2);
      expect(
        siblings.some((sibling) => sibling.nodes.length === 2),
        describeResponse(list, args, response),
      ).toBe(true);
    }
  });

  it('answers what GraphQL itself refuses with 400, before any resolver runs', async () => {
    const cases: [string, Arguments, string][] = [
      ['first: 1.5 written in the document', { first: literal('1.5') }, 'GRAPHQL_VALIDATION_FAILED'],
      ['first over 2^31 written in the document', { first: literal('2147483648') }, 'GRAPHQL_VALIDATION_FAILED'],
      ['first as a string written in the document', { first: literal('"10"') }, 'GRAPHQL_VALIDATION_FAILED'],
      ['after as a number written in the document', { after: literal('12345') }, 'GRAPHQL_VALIDATION_FAILED'],
      ['after as an object written in the document', { after: literal('{ id: 1 }') }, 'GRAPHQL_VALIDATION_FAILED'],
      ['first: 1.5 in a variable', { first: 1.5 }, 'BAD_USER_INPUT'],
      ['first over 2^31 in a variable', { first: 2 ** 31 }, 'BAD_USER_INPUT'],
      ['first as a string in a variable', { first: '10' }, 'BAD_USER_INPUT'],
      ['after as an object in a variable', { after: { id: 1 } }, 'BAD_USER_INPUT'],
    ];
    await inBatches(cases, async ([name, args, code]) => {
      const response = await send(list, args);
      const context = `${name}: ${describeResponse(list, args, response)}`;
      expect(response.status, context).toBe(400);
      expect(
        response.body.errors?.map((error) => error.extensions?.code),
        context,
      ).toEqual([code]);
      expect(response.body.data, context).toBeUndefined();
    });
  });
});

describe('items in every order', () => {
  const items = () => LISTS.find((list) => list.coordinate === 'Query.items')!;
  const orders = [
    { by: 'CREATED_AT', direction: 'ASC' },
    { by: 'CREATED_AT', direction: 'DESC' },
    { by: 'UPDATED_AT', direction: 'ASC' },
    { by: 'FIELD', field: 'rank', direction: 'ASC' },
    { by: 'FIELD', field: 'rank', direction: 'DESC' },
    { by: 'FIELD', field: 'title', direction: 'ASC' },
  ];

  it.each(orders)('pages one by one through %o, items without the value last', async (orderBy) => {
    const all = connectionsIn(await send(items(), { orderBy, first: 100 }))[0];
    expect(all.nodes).toHaveLength(3);
    const seen: { id: string }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page += 1) {
      const response = await send(items(), { orderBy, first: 1, ...(after ? { after } : {}) });
      const connection = connectionsIn(response)[0];
      seen.push(...connection.nodes);
      expect(connection.pageInfo.hasNextPage).toBe(page < 2);
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes);
  });

  it('refuses a cursor made under another order', async () => {
    const cursorUnder = async (orderBy: (typeof orders)[number]) => connectionsIn(await send(items(), { orderBy, first: 1 }))[0].pageInfo.endCursor!;
    for (const [made, used] of [
      [orders[0], orders[1]],
      [orders[0], orders[2]],
      [orders[3], orders[4]],
      [orders[3], orders[5]],
      [orders[3], orders[0]],
    ]) {
      const response = await send(items(), { orderBy: used, first: 1, after: await cursorUnder(made) });
      expectRefusedArgument(items(), { made, used }, response, 'after');
    }
  });

  it('takes any JSON sort value in a field-order cursor as a position, safely', async () => {
    const orderBy = orders[3];
    const real = connectionsIn(await send(items(), { orderBy, first: 1 }))[0].pageInfo.endCursor!;
    const [list, , id] = JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as unknown[];
    for (const sortValue of [SQL, TEN_KB, 1e308, { nested: [1, { deep: true }] }, [SQL], false]) {
      const response = await send(items(), { orderBy, first: 5, after: base64url(JSON.stringify([list, sortValue, id])) });
      expect(response.status, describeResponse(items(), { sortValue }, response)).toBe(200);
      expect(response.body.errors, describeResponse(items(), { sortValue }, response)).toBeUndefined();
    }
  });
});

it('logged nothing at error level while refusing all of the above', () => {
  const errors = logLines.map((line) => JSON.parse(line) as { level: string }).filter((line) => line.level === 'error');
  expect(errors).toEqual([]);
  expect(logLines.filter((line) => /invalid input syntax|syntax error at or near/i.test(line))).toEqual([]);
});
