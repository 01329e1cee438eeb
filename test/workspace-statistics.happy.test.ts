// Workspace statistics and the deletion preview gather counts from every subgraph that
// owns a kind of record, in one query, for the current workspace only.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, signUp } from './identity-seeds.js';
import { dataOf, errorCodes, postGraphQL, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let headers: Record<string, string>;
/** Request logs the workspace has: exactly those of the logging gateway below. */
const LOGGED_REQUESTS = 3;

beforeAll(async () => {
  // The stack's gateway logs no requests, so the audit count is known, not a matter of
  // whether its 1 s shipment happened to run before the assertion.
  stack = await startStack({ gateway: { requestLogging: false } });
  const owner = await signUp(stack, 'Counter');
  const workspaceId = await createWorkspaceAs(stack, owner.token, 'Counted');
  headers = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
  const colleague = await signUp(stack, 'Colleague');
  const roles = await stack.query({ query: '{ roles { nodes { id key } } }', headers });
  const viewer = roles.roles.nodes.find((role: { key: string }) => role.key === 'viewer').id;
  await stack.query({ query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }', variables: { input: { email: colleague.email, roleId: viewer } }, headers });
  const type = await stack.query({ query: 'mutation { createContentType(input: { name: "Post", key: "post" }) { contentType { id } } }', headers });
  await stack.query({
    query: 'mutation($t: ID!) { createContentField(contentTypeId: $t, input: { name: "Title", key: "title", kind: TEXT }) { contentField { id } } }',
    variables: { t: type.createContentType.contentType.id },
    headers,
  });
  for (const title of ['a', 'b', 'c']) {
    await stack.query({
      query: 'mutation($t: ID!, $v: JSON!) { createItem(contentTypeId: $t, values: $v) { item { id } } }',
      variables: { t: type.createContentType.contentType.id, v: { title } },
      headers,
    });
  }
  // A second workspace of the same user whose counts must not show up.
  const other = await createWorkspaceAs(stack, owner.token, 'Other');
  await stack.query({ query: 'mutation { createContentType(input: { name: "Elsewhere", key: "elsewhere" }) { contentType { id } } }', headers: { ...bearer(owner.token), 'x-workspace-id': other } });
  // Request logs: a gateway that logs, stopped after a few requests (stopping ships every entry).
  const logging = await stack.startGateway({ requestLogging: true });
  for (let request = 0; request < LOGGED_REQUESTS; request += 1) dataOf(await postGraphQL(logging.url, { query: '{ workspace { id } }', headers }), { query: '{ workspace { id } }' });
  await postGraphQL(logging.url, { query: '{ workspace { id } }', headers: { ...bearer(owner.token), 'x-workspace-id': other } });
  await logging.stop();
});
afterAll(async () => {
  await stack?.stop();
});

it('counts members and keys in identity, types and items in content, in one query', async () => {
  const response = await stack.request({ query: '{ workspace { statistics { members apiKeys contentTypes items } } workspaces { nodes { name statistics { items } } } }', headers });
  const data = response.body.data!;
  expect(data.workspace.statistics).toEqual({ members: 2, apiKeys: 1, contentTypes: 1, items: 3 });
  // Another workspace's statistics are refused, not counted as empty (test/workspace-fields.security.test.ts).
  const other = data.workspaces.nodes.find((node: { name: string }) => node.name === 'Other');
  expect(other.statistics).toBeNull();
  expect(errorCodes(response)).toEqual(['FORBIDDEN']);
});

it('previews what deleting the workspace would remove, from every subgraph', async () => {
  const data = await stack.query({ query: '{ workspaceDeletionPreview { members roles memberGroups apiKeys contentTypes contentFields items requestLogs } }', headers });
  expect(data.workspaceDeletionPreview).toEqual({ members: 2, roles: 4, memberGroups: 0, apiKeys: 1, contentTypes: 1, contentFields: 1, items: 3, requestLogs: LOGGED_REQUESTS });
});
