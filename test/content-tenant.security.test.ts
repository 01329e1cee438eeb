// Two workspaces with look-alike content: nothing of one is returned or touched from the
// other, whether through a query, a filter, a reference value or a federation reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../lib/principal.js';
import { PRINCIPAL_HEADER, signPrincipal } from '../lib/principal-signing.js';
import { bearer, createWorkspaceAs, signUp } from './identity-seeds.js';
import { errorCodes, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
const workspaces: { headers: Record<string, string>; workspaceId: string; typeId: string; itemId: string }[] = [];

beforeAll(async () => {
  stack = await startStack();
  for (const name of ['One', 'Two']) {
    const user = await signUp(stack, name);
    const workspaceId = await createWorkspaceAs(stack, user.token, name);
    const headers = { ...bearer(user.token), 'x-workspace-id': workspaceId };
    const type = await stack.query({ query: 'mutation { createContentType(input: { name: "Post", key: "post" }) { contentType { id } } }', headers });
    const typeId = type.createContentType.contentType.id;
    await stack.query({
      query: 'mutation($t: ID!) { createContentField(contentTypeId: $t, input: { name: "Title", key: "title", kind: TEXT, unique: true }) { contentField { id } } }',
      variables: { t: typeId },
      headers,
    });
    await stack.query({
      query:
        'mutation($t: ID!) { createContentField(contentTypeId: $t, input: { name: "Related", key: "related", kind: REFERENCE, options: { reference: { contentTypeId: $t } } }) { contentField { id } } }',
      variables: { t: typeId },
      headers,
    });
    const item = await stack.query({ query: 'mutation($t: ID!) { createItem(contentTypeId: $t, values: { title: "Same title" }) { item { id } } }', variables: { t: typeId }, headers });
    workspaces.push({ headers, workspaceId, typeId, itemId: item.createItem.item.id });
  }
});
afterAll(async () => {
  await stack?.stop();
});

describe('look-alike workspaces', () => {
  it('refuse a reference to an item of the other workspace, writing nothing', async () => {
    const [one, two] = workspaces as [(typeof workspaces)[0], (typeof workspaces)[0]];
    const response = await stack.request({
      query: 'mutation($t: ID!, $v: JSON!) { createItem(contentTypeId: $t, values: $v) { item { id } } }',
      variables: { t: one.typeId, v: { title: 'Pointing away', related: two.itemId } },
      headers: one.headers,
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.extensions?.fieldErrors).toEqual([{ field: 'related', reason: 'must reference an item of its content type in this workspace' }]);
    const count = await stack.query({ query: 'query($t: ID!) { items(contentTypeId: $t) { totalCount } }', variables: { t: one.typeId }, headers: one.headers });
    expect(count.items.totalCount).toBe(1);
  });

  it('refuse a reference field to a content type of the other workspace, writing nothing', async () => {
    const [one, two] = workspaces as [(typeof workspaces)[0], (typeof workspaces)[0]];
    const response = await stack.request({
      query:
        'mutation($t: ID!, $other: ID!) { createContentField(contentTypeId: $t, input: { name: "Away", key: "away", kind: REFERENCE, options: { reference: { contentTypeId: $other } } }) { contentField { id } } }',
      variables: { t: one.typeId, other: two.typeId },
      headers: one.headers,
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.extensions?.fieldErrors).toEqual([{ field: 'options.reference.contentTypeId', reason: 'must be a content type of this workspace' }]);
    const fields = await stack.query({ query: 'query($t: ID!) { contentType(id: $t) { fields { nodes { key } } } }', variables: { t: one.typeId }, headers: one.headers });
    expect(fields.contentType.fields.nodes.map((field: { key: string }) => field.key)).toEqual(['title', 'related']);
  });

  it('filter only within the workspace', async () => {
    const [one, two] = workspaces as [(typeof workspaces)[0], (typeof workspaces)[0]];
    const found = await stack.query({
      query: 'query($t: ID!) { items(contentTypeId: $t, filter: { equals: { title: "Same title" } }) { totalCount nodes { id } } }',
      variables: { t: one.typeId },
      headers: one.headers,
    });
    // Both workspaces hold a unique "Same title"; uniqueness and filters are per workspace.
    expect(found.items).toEqual({ totalCount: 1, nodes: [{ id: one.itemId }] });
    const across = await stack.request({ query: 'query($t: ID!) { items(contentTypeId: $t) { totalCount } }', variables: { t: two.typeId }, headers: one.headers });
    expect(errorCodes(across)).toEqual(['NOT_FOUND']);
  });

  it("resolve federation references only within the principal's workspace", async () => {
    const [one, two] = workspaces as [(typeof workspaces)[0], (typeof workspaces)[0]];
    const principal: Principal = { kind: 'user_key', userId: '00000000-0000-7000-8000-000000000001', keyId: 'k', workspaceId: one.workspaceId, scopes: ['read'], workspaceIds: [one.workspaceId] };
    const body = JSON.stringify({
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Item { id values } } }',
      variables: {
        r: [
          { __typename: 'Item', id: one.itemId },
          { __typename: 'Item', id: two.itemId },
        ],
      },
    });
    const response = await fetch(stack.subgraphUrls.content, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: signPrincipal(principal, 'content', body, stack.signingSecrets) },
      body,
    });
    const json = (await response.json()) as { data: { _entities: ({ id: string } | null)[] } };
    expect(json.data._entities[0]?.id).toBe(one.itemId);
    expect(json.data._entities[1]).toBeNull();
  });
});
