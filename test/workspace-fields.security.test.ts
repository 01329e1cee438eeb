// The fields hanging from a Workspace (members, keys, content types, statistics, the
// deletion preview, and any added later) answer for the workspace the request acts in,
// exactly as their root fields do; for another workspace, even one the credential may
// use, they are null with FORBIDDEN (never an empty page), and the rest of the answer
// stands. Generated from schema/api.graphql: every field of Workspace whose type is an
// object type is covered.
import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createWorkspaceAs, createWorkspaceKey, signUp } from './identity-seeds.js';
import { errorCodes, startStack, type TestStack } from './testkit.js';

const schema = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));
const workspaceType = schema.getType('Workspace') as GraphQLObjectType;
/** The fields that take the workspace they hang from: all but its own scalars. */
const WORKSPACE_FIELDS = Object.values(workspaceType.getFields())
  .filter((field) => isObjectType(getNamedType(field.type)))
  .map((field) => field.name)
  .sort();

/** Where a Workspace field's root twin differs from "the Query field of the same name, or workspace<Name>". */
const ROOT_TWINS: Record<string, string> = {
  apiKeys: 'apiKeys(filter: { owner: WORKSPACE })',
  // No root field of its own: the current workspace's, through `workspace`.
  statistics: 'workspace { statistics }',
};

/** Every scalar of the field's type, and the ids of a connection's nodes. */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type) as GraphQLObjectType;
  const parts = Object.values(type.getFields()).flatMap((inner) => {
    if (inner.args.some((argument) => argument.type.toString().endsWith('!'))) return [];
    const named = getNamedType(inner.type);
    if (!isObjectType(named)) return [inner.name];
    if (inner.name === 'nodes' && named.getFields().id) return ['nodes { id }'];
    return [];
  });
  return `{ ${parts.join(' ')} }`;
}

function rootTwin(name: string): { query: string; read: (data: Record<string, unknown>) => unknown } {
  const selection = selectionOf(workspaceType.getFields()[name]);
  const explicit = ROOT_TWINS[name];
  if (explicit?.startsWith('workspace {')) return { query: `{ workspace { ${name} ${selection} } }`, read: (data) => (data.workspace as Record<string, unknown>)[name] };
  if (explicit) return { query: `{ twin: ${explicit} ${selection} }`, read: (data) => data.twin };
  const rootName = [name, `workspace${name[0].toUpperCase()}${name.slice(1)}`].find((candidate) => schema.getQueryType()?.getFields()[candidate]);
  if (!rootName) throw new Error(`Workspace.${name}: name its root twin in ROOT_TWINS`);
  return { query: `{ twin: ${rootName} ${selection} }`, read: (data) => data.twin };
}

let stack: TestStack;
let token: string;
let current: string;
let other: string;
let strangers: string;
let headers: Record<string, string>;

/** One group, one workspace key, one content type: something in every list. */
async function fill(workspaceId: string, name: string): Promise<void> {
  const inIt = { ...bearer(token), 'x-workspace-id': workspaceId };
  await stack.query({ query: 'mutation($i: CreateMemberGroupInput!) { createMemberGroup(input: $i) { memberGroup { id } } }', variables: { i: { name } }, headers: inIt });
  await createWorkspaceKey(stack, token, workspaceId, { scopes: ['read'] });
  await stack.query({ query: 'mutation($i: CreateContentTypeInput!) { createContentType(input: $i) { contentType { id } } }', variables: { i: { key: name.toLowerCase(), name } }, headers: inIt });
}

beforeAll(async () => {
  stack = await startStack({ gateway: { requestLogging: false } });
  const owner = await signUp(stack, 'Owner');
  token = owner.token;
  current = await createWorkspaceAs(stack, token, 'Current');
  other = await createWorkspaceAs(stack, token, 'Other');
  headers = { ...bearer(token), 'x-workspace-id': current };
  await fill(current, 'Here');
  await fill(other, 'There');
  const stranger = await signUp(stack, 'Stranger');
  strangers = await createWorkspaceAs(stack, stranger.token, 'Theirs');
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

it('finds the fields that take their workspace, each saying so in its description', () => {
  expect(WORKSPACE_FIELDS).toEqual(expect.arrayContaining(['apiKeys', 'contentTypes', 'deletionPreview', 'memberGroups', 'members', 'roles', 'statistics']));
  for (const name of WORKSPACE_FIELDS) expect(workspaceType.getFields()[name].description, `Workspace.${name}`).toContain('null with FORBIDDEN');
});

describe.each(WORKSPACE_FIELDS)('Workspace.%s', (name) => {
  const selection = () => selectionOf(workspaceType.getFields()[name]);

  it('answers for the workspace the request acts in as its root field does', async () => {
    const twin = rootTwin(name);
    const expected = twin.read(await stack.query({ query: twin.query, headers }));
    expect(expected).not.toBeNull();
    const data = await stack.query({ query: `{ workspace { ${name} ${selection()} } }`, headers });
    expect(data.workspace[name]).toEqual(expected);
    const viaNode = await stack.query({ query: `query($id: ID!) { node(id: $id) { ... on Workspace { ${name} ${selection()} } } }`, variables: { id: current }, headers });
    expect(viaNode.node[name]).toEqual(expected);
  });

  it('is null with FORBIDDEN for another workspace the credential may use, naming the header; the rest answers', async () => {
    const response = await stack.request({ query: `{ workspaces { nodes { id name ${name} ${selection()} } } }`, headers });
    expect(response.status).toBe(200);
    const nodes: Record<string, unknown>[] = response.body.data?.workspaces.nodes;
    const index = nodes.findIndex((node) => node.id === other);
    expect(nodes[index]).toEqual({ id: other, name: 'Other', [name]: null });
    expect(nodes.find((node) => node.id === current)?.[name]).not.toBeNull();
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    const [error] = response.body.errors!;
    expect(error.path).toEqual(['workspaces', 'nodes', index, name]);
    expect(error.message).toContain(`Workspace ${other} is not the workspace this request acts in: send its id in the x-workspace-id header`);
  });

  it('is null with FORBIDDEN for every workspace when the request acts in none', async () => {
    const response = await stack.request({ query: `{ workspaces { nodes { id ${name} ${selection()} } } }`, headers: bearer(token) });
    expect(response.body.data?.workspaces.nodes).toEqual(
      expect.arrayContaining([
        { id: current, [name]: null },
        { id: other, [name]: null },
      ]),
    );
    expect(errorCodes(response)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('tells nothing about a workspace the credential may not use: the workspace itself is not found', async () => {
    const response = await stack.request({ query: `query($id: ID!) { node(id: $id) { id ... on Workspace { ${name} ${selection()} } } }`, variables: { id: strangers }, headers });
    expect(response.body.data?.node).toBeNull();
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });
});

it('names the header the gateway is configured to read in the FORBIDDEN message', async () => {
  const gateway = await stack.startGateway({ workspaceHeader: 'x-tenant' });
  try {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(token), 'x-tenant': current },
      body: JSON.stringify({ query: '{ workspaces { nodes { id members { totalCount } } } }' }),
    });
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors.map((error) => error.message)).toEqual([`Workspace ${other} is not the workspace this request acts in: send its id in the x-tenant header to read its members`]);
  } finally {
    await gateway.stop();
  }
});
