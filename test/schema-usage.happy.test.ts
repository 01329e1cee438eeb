// Schema usage from real traffic: two clients (`apollographql-client-name` and `-version`)
// call the API through the gateway, the gateway records what their operations touch, and
// the usage API answers which clients and operations used a coordinate, how often and
// when, and no longer lists what they touched as unused. Who sees whose traffic, the exact
// counting and bad input: test/schema-usage.security.test.ts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { documentHash } from '../lib/trusted-documents.js';
import { createUserKey, createWorkspaceAs, signUp, type CreatedKey } from './identity-seeds.js';
import { startStack, type TestStack } from './testkit.js';

const WEB_OPERATION = 'query WorkspaceTitle { workspace { name } }';
const IOS_OPERATION = 'query WorkspaceCard { workspace { id name } }';
const USAGE = `query($coordinate: String!) {
  schemaUsage(coordinate: $coordinate) {
    scope requests lastSeen
    clients { name version requests lastSeen }
    operations { documentHash name type requests clients { name version requests } }
  }
}`;

let stack: TestStack;
let app: CreatedKey;
let auditor: CreatedKey;

beforeAll(async () => {
  stack = await startStack({ gateway: { requestLogFlushMs: 50 } });
  const owner = await signUp(stack, 'Owner');
  const workspaceId = await createWorkspaceAs(stack, owner.token);
  app = await createUserKey(stack, owner.token, { scopes: ['workspaces:read'], workspaceIds: [workspaceId] });
  auditor = await createUserKey(stack, owner.token, { scopes: ['audit:read'], workspaceIds: [workspaceId] });
});
afterAll(async () => {
  await stack?.stop();
});

const usageOf = async (coordinate: string) => (await stack.query({ query: USAGE, variables: { coordinate }, headers: { 'x-api-key': auditor.secret } })).schemaUsage;

it('tells which clients and operations used a coordinate, from requests sent through the gateway', async () => {
  const web = { 'x-api-key': app.secret, 'apollographql-client-name': 'web', 'apollographql-client-version': '2.0.1' };
  const ios = { 'x-api-key': app.secret, 'apollographql-client-name': 'ios', 'apollographql-client-version': '5.1' };
  const started = Date.now();
  await stack.query({ query: WEB_OPERATION, headers: web });
  await stack.query({ query: WEB_OPERATION, headers: web });
  await stack.query({ query: IOS_OPERATION, headers: ios });

  // Request logs reach audit in the background: wait until all three are counted.
  await expect.poll(async () => (await usageOf('Workspace.name')).requests, { timeout: 15_000 }).toBe(3);
  const name = await usageOf('Workspace.name');
  expect(name).toMatchObject({
    scope: 'WORKSPACE',
    clients: [
      { name: 'web', version: '2.0.1', requests: 2 },
      { name: 'ios', version: '5.1', requests: 1 },
    ],
    operations: [
      { documentHash: documentHash(WEB_OPERATION), name: 'WorkspaceTitle', type: 'QUERY', requests: 2, clients: [{ name: 'web', version: '2.0.1', requests: 2 }] },
      { documentHash: documentHash(IOS_OPERATION), name: 'WorkspaceCard', type: 'QUERY', requests: 1, clients: [{ name: 'ios', version: '5.1', requests: 1 }] },
    ],
  });
  expect(Date.parse(name.lastSeen)).toBeGreaterThanOrEqual(started - 1000);
  // Only the iOS card asks for the id.
  expect(await usageOf('Workspace.id')).toMatchObject({ requests: 1, clients: [{ name: 'ios' }], operations: [{ name: 'WorkspaceCard' }] });
  // The root field and its type count too.
  expect((await usageOf('Query.workspace')).requests).toBe(3);
});

it('no longer lists what the clients touched as unused; what nobody touched still is', async () => {
  const unused = new Set<string>();
  let after: string | null = null;
  do {
    const page: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { coordinate: string }[] } = (
      await stack.query({
        query: 'query($after: String) { unusedFields(days: 7, kinds: [FIELD], first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { coordinate } } }',
        variables: { after },
        headers: { 'x-api-key': auditor.secret },
      })
    ).unusedFields;
    for (const node of page.nodes) unused.add(node.coordinate);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  for (const used of ['Query.workspace', 'Workspace.name', 'Workspace.id']) expect(unused.has(used), used).toBe(false);
  for (const untouched of ['Workspace.createdAt', 'Query.contentTypes']) expect(unused.has(untouched), untouched).toBe(true);
});
