// The examples/ operations run as examples/README.md says, through a real gateway with
// an API key and a workspace header, and answer data without errors.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exampleNames, loadExample, runExample, type GatewayAccess } from '../examples/run.js';
import { bearer, createUserKey, createWorkspaceAs, signUp } from './identity-seeds.js';
import { startStack, type AssertedJson, type TestStack } from './testkit.js';

let stack: TestStack;
let access: GatewayAccess;
let keyId: string;

beforeAll(async () => {
  stack = await startStack({ gateway: { requestLogFlushMs: 50 } });
  const owner = await signUp(stack);
  const workspaceId = await createWorkspaceAs(stack, owner.token);
  await stack.query({
    query: 'mutation { createContentType(input: { key: "article", name: "Article" }) { contentType { id } } }',
    headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId },
  });
  // The key examples/README.md tells you to create.
  const key = await createUserKey(stack, owner.token, { scopes: ['read', 'write'], workspaceIds: [workspaceId] });
  access = { url: stack.gatewayUrl, apiKey: key.secret, workspaceId };
  keyId = key.id;
});
afterAll(async () => {
  await stack?.stop();
});

const ran = new Set<string>();

/** Runs an example as `node --import tsx examples/run.ts <name> name=value` would; its data, or a failure showing the answer. */
async function run(name: string, overrides: Record<string, AssertedJson> = {}): Promise<Record<string, AssertedJson>> {
  ran.add(name);
  const { status, body } = await runExample(access, loadExample(name, overrides));
  expect({ status, errors: body.errors }, `${name}: ${JSON.stringify(body)}`).toEqual({ status: 200, errors: undefined });
  return body.data as Record<string, AssertedJson>;
}

it("lists types, adds a field, creates an item and reads the key's request logs, in the order examples/README.md gives", async () => {
  const listed = await run('list-content-types');
  const article = listed.contentTypes.nodes.find((type: { key: string }) => type.key === 'article');
  expect(article).toMatchObject({ key: 'article', fields: { nodes: [] } });

  expect((await run('add-title-field', { contentTypeId: article.id })).createContentField.contentField).toMatchObject({ key: 'title', kind: 'TEXT' });
  const created = (await run('create-item', { contentTypeId: article.id })).createItem.item;
  expect(created).toMatchObject({ values: { title: 'Hello from the examples' }, contentType: { key: 'article' } });
  expect((await run('list-content-types')).contentTypes.nodes.find((type: { key: string }) => type.key === 'article').fields.nodes).toEqual([{ key: 'title', kind: 'TEXT', required: true }]);

  // Request logs reach audit in batches, shortly after each response.
  let operations: string[] = [];
  await expect
    .poll(async () => (operations = (await run('request-logs-of-key', { keyId })).requestLogs.nodes.map((log: { operationName: string }) => log.operationName)), { timeout: 10_000, interval: 100 })
    .toEqual(expect.arrayContaining(['ListContentTypes', 'AddTitleField', 'CreateItem']));
  // Only the key's own requests: the set-up above, sent with a session token, is not among them.
  for (const operation of operations) expect(['ListContentTypes', 'AddTitleField', 'CreateItem', 'RequestLogsOfKey']).toContain(operation);

  // A new example gets a run here too.
  expect([...ran].sort()).toEqual(exampleNames());
});
