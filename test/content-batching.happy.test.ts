// Batching: listing 10 or 100 items, each with its type, the type's fields and its
// author, costs the same number of SQL statements in every subgraph.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SubgraphName } from '../lib/subgraph-list.js';
import { bearer, createWorkspaceAs, signUp } from './identity-seeds.js';
import { startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let counting = false;
const statements: Record<SubgraphName, number> = { identity: 0, content: 0, audit: 0 };
let headers: Record<string, string>;
let typeId: string;

beforeAll(async () => {
  stack = await startStack({
    // Only the request's statements are counted: no background relay polling, no request
    // logs shipped to audit, no sweep of expired nonces meanwhile, no key-usage report
    // (every 10 s by default; on a loaded machine one landed inside the count), and the
    // principal warmed below stays cached however slow the machine is.
    runWorkers: false,
    gateway: { requestLogging: false, keyUsageFlushMs: 3_600_000, principalCacheTtlMs: 3_600_000 },
    onQuery: (subgraph, sql) => {
      if (counting && !/^delete from "\w+"\."seen_nonces"/.test(sql)) statements[subgraph] += 1;
    },
  });
  const user = await signUp(stack, 'Author');
  const workspaceId = await createWorkspaceAs(stack, user.token);
  headers = { ...bearer(user.token), 'x-workspace-id': workspaceId };
  const type = await stack.query({ query: 'mutation { createContentType(input: { name: "Note", key: "note" }) { contentType { id } } }', headers });
  typeId = type.createContentType.contentType.id;
  for (const key of ['title', 'text']) {
    await stack.query({
      query: `mutation($t: ID!) { createContentField(contentTypeId: $t, input: { name: "${key}", key: "${key}", kind: TEXT }) { contentField { id } } }`,
      variables: { t: typeId },
      headers,
    });
  }
  for (let index = 0; index < 100; index += 1) {
    await stack.query({ query: 'mutation($t: ID!, $v: JSON!) { createItem(contentTypeId: $t, values: $v) { item { id } } }', variables: { t: typeId, v: { title: `Note ${index}` } }, headers });
  }
});
afterAll(async () => {
  await stack?.stop();
});

async function statementsFor(first: number): Promise<Record<SubgraphName, number>> {
  // Warm the principal cache so that only the listing is counted.
  await stack.query({ query: '{ workspace { id } }', headers });
  for (const name of Object.keys(statements) as SubgraphName[]) statements[name] = 0;
  counting = true;
  const data = await stack.query({
    query: 'query($t: ID!, $first: Int) { items(contentTypeId: $t, first: $first) { nodes { id contentType { key fields { nodes { key kind } } } createdBy { name } } } }',
    variables: { t: typeId, first },
    headers,
  });
  counting = false;
  expect(data.items.nodes).toHaveLength(first);
  expect(data.items.nodes[first - 1].createdBy.name).toBe('Author');
  return { ...statements };
}

it('costs as many statements for a page of 100 as for a page of 10', async () => {
  const ten = await statementsFor(10);
  const hundred = await statementsFor(100);
  expect(hundred).toEqual(ten);
  expect(ten.content).toBeGreaterThan(0);
  expect(ten.identity).toBeGreaterThan(0);
});
