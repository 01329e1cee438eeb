// Workspace content through the gateway: a type with a field of every kind, items that
// are validated, filtered, ordered, paged and partially updated, and deletions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, signUp } from './identity-seeds.js';
import { countRows, errorCodes, selectRows, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let headers: Record<string, string>;
let userId: string;
let userToken: string;
let workspaceId: string;
let typeId: string;
let authorTypeId: string;
let authorId: string;

const rows = (sql: string, values: unknown[] = []) => countRows(stack.database.url, sql, values);

const createItem = (values: Record<string, unknown>) =>
  stack.request({ query: 'mutation($t: ID!, $v: JSON!) { createItem(contentTypeId: $t, values: $v) { item { id values } } }', variables: { t: typeId, v: values }, headers });

beforeAll(async () => {
  stack = await startStack();
  const user = await signUp(stack, 'Editor');
  userId = user.userId;
  userToken = user.token;
  workspaceId = await createWorkspaceAs(stack, user.token, 'Content');
  headers = { ...bearer(user.token), 'x-workspace-id': workspaceId };
  const authors = await stack.query({ query: 'mutation { createContentType(input: { name: "Author", key: "author" }) { contentType { id } } }', headers });
  authorTypeId = authors.createContentType.contentType.id;
  await stack.query({
    query: 'mutation($t: ID!) { createContentField(contentTypeId: $t, input: { name: "Name", key: "name", kind: TEXT, required: true }) { contentField { id } } }',
    variables: { t: authorTypeId },
    headers,
  });
  const author = await stack.query({ query: 'mutation($t: ID!) { createItem(contentTypeId: $t, values: { name: "Ada" }) { item { id } } }', variables: { t: authorTypeId }, headers });
  authorId = author.createItem.item.id;
  const type = await stack.query({ query: 'mutation { createContentType(input: { name: "Article", key: "article", description: "Writing" }) { contentType { id } } }', headers });
  typeId = type.createContentType.contentType.id;
  const fields: [string, string, Record<string, unknown>][] = [
    ['title', 'TEXT', { required: true, unique: true }],
    ['body', 'LONG_TEXT', {}],
    ['rating', 'NUMBER', {}],
    ['featured', 'BOOLEAN', {}],
    ['day', 'DATE', {}],
    ['published_at', 'DATETIME', {}],
    ['contact', 'EMAIL', {}],
    ['link', 'URL', {}],
    ['status', 'SINGLE_SELECT', { options: { singleSelect: { choices: ['draft', 'published'] } } }],
    ['tags', 'MULTI_SELECT', { options: { multiSelect: { choices: ['news', 'tech', 'life'] } } }],
    ['author', 'REFERENCE', { options: { reference: { contentTypeId: authorTypeId } } }],
    ['owner', 'MEMBER', {}],
  ];
  for (const [key, kind, extra] of fields) {
    await stack.query({
      query: 'mutation($t: ID!, $input: CreateContentFieldInput!) { createContentField(contentTypeId: $t, input: $input) { contentField { id } } }',
      variables: { t: typeId, input: { name: key, key, kind, ...extra } },
      headers,
    });
  }
});
afterAll(async () => {
  await stack?.stop();
});

describe('items', () => {
  it('store a value of every kind, with datetimes in UTC and authors as users', async () => {
    const response = await createItem({
      title: 'Everything',
      body: 'Long text',
      rating: 4.5,
      featured: true,
      day: '2026-11-22',
      published_at: '2026-11-22T10:00:00+02:00',
      contact: 'ada@example.com',
      link: 'https://example.com/a',
      status: 'published',
      tags: ['news', 'tech'],
      author: authorId,
      owner: userId,
    });
    expect(response.body.errors).toBeUndefined();
    const item = response.body.data!.createItem.item;
    expect(item.values.published_at).toBe('2026-11-22T08:00:00.000Z');
    const read = await stack.query({
      query: 'query($id: ID!) { item(id: $id) { contentType { key fields { nodes { key kind } } } createdBy { id name } } }',
      variables: { id: item.id },
      headers,
    });
    expect(read.item.contentType.key).toBe('article');
    expect(read.item.contentType.fields.nodes).toHaveLength(12);
    expect(read.item.createdBy).toEqual({ id: userId, name: 'Editor' });
  });

  it('refuse invalid values with one error listing every offending field, and write nothing', async () => {
    const before = await rows('select count(*) from content.items');
    const response = await createItem({
      body: 42,
      rating: 'high',
      featured: 'yes',
      day: '2026-02-30',
      published_at: 'yesterday',
      contact: 'not-an-email',
      link: 'ftp://example.com',
      status: 'archived',
      tags: ['news', 'news'],
      author: '00000000-0000-7000-8000-000000000000',
      owner: 'someone',
      extra: 1,
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    const fields = (response.body.errors![0].extensions!.fieldErrors as { field: string }[]).map((error) => error.field).sort();
    expect(fields).toEqual(['author', 'body', 'contact', 'day', 'extra', 'featured', 'link', 'owner', 'published_at', 'rating', 'status', 'tags', 'title'].sort());
    expect(await rows('select count(*) from content.items')).toBe(before);
  });

  it('accept a member field only for a member of the workspace', async () => {
    const stranger = await signUp(stack, 'Stranger');
    const response = await createItem({ title: 'Owned elsewhere', owner: stranger.userId });
    expect(response.body.errors?.[0]?.extensions?.fieldErrors).toEqual([{ field: 'owner', reason: 'must be a member of this workspace' }]);
  });

  it('keep unique values unique within the type', async () => {
    expect((await createItem({ title: 'Unique one' })).body.errors).toBeUndefined();
    const duplicate = await createItem({ title: 'Unique one' });
    expect(duplicate.body.errors?.[0]?.extensions?.fieldErrors).toEqual([{ field: 'title', reason: 'must be unique: another item has this value' }]);
  });

  it('filter, order and page with stable cursors', async () => {
    for (const [title, rating, status] of [
      ['Alpha', 1, 'draft'],
      ['Beta', 5, 'published'],
      ['Gamma', 3, 'published'],
      ['Delta', null, 'published'],
      ['Epsilon', 2, 'draft'],
    ] as const) {
      const values: Record<string, unknown> = { title, status };
      if (rating !== null) values.rating = rating;
      expect((await createItem(values)).body.errors).toBeUndefined();
    }
    const list = async (variables: Record<string, unknown>) =>
      (
        await stack.query({
          query:
            'query($t: ID!, $f: ItemFilter, $o: ItemOrder, $first: Int, $after: String) { items(contentTypeId: $t, filter: $f, orderBy: $o, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { values } } }',
          variables: { t: typeId, ...variables },
          headers,
        })
      ).items;
    const published = await list({ f: { equals: { status: 'published' }, ranges: [{ field: 'rating', gte: 3 }] } });
    // "Everything" from the first test is published with a rating of 4.5, too.
    expect(published.totalCount).toBe(3);
    expect(published.nodes.map((node: { values: { title: string } }) => node.values.title).sort()).toEqual(['Beta', 'Everything', 'Gamma']);
    expect((await list({ f: { search: 'psil' } })).nodes.map((node: { values: { title: string } }) => node.values.title)).toEqual(['Epsilon']);
    // By rating, ascending, two at a time: items without a rating come last.
    const titles: string[] = [];
    let after: string | undefined;
    for (let pageNumber = 0; pageNumber < 10; pageNumber += 1) {
      const page = await list({ f: { search: 'a' }, o: { by: 'FIELD', field: 'rating' }, first: 2, after });
      titles.push(...page.nodes.map((node: { values: { title: string } }) => node.values.title));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // "Everything" matches through its email (ada@…) and rates 4.5.
    expect(titles).toEqual(['Alpha', 'Gamma', 'Everything', 'Beta', 'Delta']);
    const newest = await list({ o: { by: 'CREATED_AT', direction: 'DESC' }, first: 1 });
    expect(newest.nodes[0].values.title).toBe('Epsilon');
    const total = await list({});
    expect(total.totalCount).toBe(await rows('select count(*) from content.items where content_type_id = $1', [typeId]));
  });

  it('count items per select value exactly through creates, updates and deletes', async () => {
    const published = async () =>
      (await stack.query({ query: 'query($t: ID!) { items(contentTypeId: $t, filter: { equals: { status: "published" } }) { totalCount } }', variables: { t: typeId }, headers })).items.totalCount;
    const actual = () => rows(`select count(*) from content.items where content_type_id = $1 and values->>'status' = 'published'`, [typeId]);
    expect(await published()).toBe(await actual());
    const draft = (await createItem({ title: 'Counted', status: 'draft' })).body.data!.createItem.item;
    await stack.query({ query: 'mutation($id: ID!) { updateItem(id: $id, values: { status: "published" }) { item { id } } }', variables: { id: draft.id }, headers });
    expect(await published()).toBe(await actual());
    await stack.query({ query: 'mutation($id: ID!) { deleteItem(id: $id) { deletedId } }', variables: { id: draft.id }, headers });
    expect(await published()).toBe(await actual());
    expect(await actual()).toBeGreaterThan(0);
  });

  it('update only the values given; null clears an optional one', async () => {
    const created = (await createItem({ title: 'Partial', rating: 2, status: 'draft' })).body.data!.createItem.item;
    const updated = await stack.query({
      query: 'mutation($id: ID!, $v: JSON!) { updateItem(id: $id, values: $v) { item { values } } }',
      variables: { id: created.id, v: { status: 'published', rating: null } },
      headers,
    });
    expect(updated.updateItem.item.values).toEqual({ title: 'Partial', status: 'published' });
    const refused = await stack.request({ query: 'mutation($id: ID!) { updateItem(id: $id, values: { title: null }) { item { id } } }', variables: { id: created.id }, headers });
    expect(refused.body.errors?.[0]?.extensions?.fieldErrors).toEqual([{ field: 'title', reason: 'is required' }]);
  });
});

const OPTIONS_SELECTION = 'options { singleSelect { choices } multiSelect { choices } reference { contentTypeId } }';

const fieldsOfType = async () => {
  const read = await stack.query({ query: `query($t: ID!) { contentType(id: $t) { fields(first: 100) { nodes { id key ${OPTIONS_SELECTION} } } } }`, variables: { t: typeId }, headers });
  return read.contentType.fields.nodes as { id: string; key: string; options: unknown }[];
};
const storedOptions = async (key: string) =>
  (await selectRows<{ options: unknown }>(stack.database.url, 'select options from content.content_fields where content_type_id = $1 and key = $2', [typeId, key]))[0]?.options;

describe('field options', () => {
  it('read back typed per kind, null for a kind without settings, stored as before', async () => {
    const options = Object.fromEntries((await fieldsOfType()).map((field) => [field.key, field.options]));
    expect(options.status).toEqual({ singleSelect: { choices: ['draft', 'published'] }, multiSelect: null, reference: null });
    expect(options.tags).toEqual({ singleSelect: null, multiSelect: { choices: ['news', 'tech', 'life'] }, reference: null });
    expect(options.author).toEqual({ singleSelect: null, multiSelect: null, reference: { contentTypeId: authorTypeId } });
    for (const key of ['title', 'body', 'rating', 'featured', 'day', 'published_at', 'contact', 'link', 'owner']) expect(options[key], key).toBeNull();
    // The column keeps its form, so rows written before typed options read the same.
    expect(await storedOptions('status')).toEqual({ choices: ['draft', 'published'] });
    expect(await storedOptions('author')).toEqual({ contentTypeId: authorTypeId });
    expect(await storedOptions('title')).toEqual({});
  });

  it('change with updateContentField and read back what was sent', async () => {
    const tags = (await fieldsOfType()).find((field) => field.key === 'tags')!;
    const updated = await stack.query({
      query: `mutation($id: ID!, $input: UpdateContentFieldInput!) { updateContentField(id: $id, input: $input) { contentField { ${OPTIONS_SELECTION} } } }`,
      variables: { id: tags.id, input: { options: { multiSelect: { choices: ['news', 'tech', 'life', 'science'] } } } },
      headers,
    });
    expect(updated.updateContentField.contentField.options.multiSelect).toEqual({ choices: ['news', 'tech', 'life', 'science'] });
    expect(await storedOptions('tags')).toEqual({ choices: ['news', 'tech', 'life', 'science'] });
  });

  const other = '00000000-0000-7000-8000-000000000000';
  it.each([
    ['options on a kind without settings', { kind: 'TEXT', options: { singleSelect: { choices: ['a'] } } }, [{ field: 'options', reason: 'a TEXT field takes no options' }]],
    ['no options where the kind needs them', { kind: 'SINGLE_SELECT' }, [{ field: 'options', reason: 'is required for a SINGLE_SELECT field: set options.singleSelect' }]],
    [
      'the options of another kind',
      { kind: 'SINGLE_SELECT', options: { reference: { contentTypeId: other } } },
      [
        { field: 'options.reference', reason: 'does not apply to a SINGLE_SELECT field: set options.singleSelect only' },
        { field: 'options.singleSelect', reason: 'is required for a SINGLE_SELECT field' },
      ],
    ],
    [
      'more than one kind at once',
      { kind: 'MULTI_SELECT', options: { multiSelect: { choices: ['a'] }, singleSelect: { choices: ['a'] } } },
      [{ field: 'options.singleSelect', reason: 'does not apply to a MULTI_SELECT field: set options.multiSelect only' }],
    ],
    ['an empty options object', { kind: 'REFERENCE', options: {} }, [{ field: 'options.reference', reason: 'is required for a REFERENCE field' }]],
    [
      'repeated choices',
      { kind: 'MULTI_SELECT', options: { multiSelect: { choices: ['a', 'a'] } } },
      [{ field: 'options.multiSelect.choices', reason: 'must be a non-empty list of distinct, non-empty strings' }],
    ],
    [
      'no choices',
      { kind: 'SINGLE_SELECT', options: { singleSelect: { choices: [] } } },
      [{ field: 'options.singleSelect.choices', reason: 'must be a non-empty list of distinct, non-empty strings' }],
    ],
    [
      'a reference to no content type of the workspace',
      { kind: 'REFERENCE', options: { reference: { contentTypeId: other } } },
      [{ field: 'options.reference.contentTypeId', reason: 'must be a content type of this workspace' }],
    ],
    [
      'a reference that is no id',
      { kind: 'REFERENCE', options: { reference: { contentTypeId: 'nope' } } },
      [{ field: 'options.reference.contentTypeId', reason: 'must be a content type of this workspace' }],
    ],
  ])('refuse %s in createContentField, listing every problem and writing nothing', async (_case, input, fieldErrors) => {
    const before = await rows('select count(*) from content.content_fields');
    const response = await stack.request({
      query: 'mutation($t: ID!, $input: CreateContentFieldInput!) { createContentField(contentTypeId: $t, input: $input) { contentField { id } } }',
      variables: { t: typeId, input: { name: 'Extra', key: 'extra_field', ...input } },
      headers,
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.extensions?.fieldErrors).toEqual(fieldErrors);
    expect(await rows('select count(*) from content.content_fields')).toBe(before);
  });

  it('refuse options of another kind in updateContentField, and keep the old ones', async () => {
    const status = (await fieldsOfType()).find((field) => field.key === 'status')!;
    const response = await stack.request({
      query: 'mutation($id: ID!, $input: UpdateContentFieldInput!) { updateContentField(id: $id, input: $input) { contentField { id } } }',
      variables: { id: status.id, input: { name: 'Renamed', options: { multiSelect: { choices: ['x'] } } } },
      headers,
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.extensions?.fieldErrors).toEqual([
      { field: 'options.multiSelect', reason: 'does not apply to a SINGLE_SELECT field: set options.singleSelect only' },
      { field: 'options.singleSelect', reason: 'is required for a SINGLE_SELECT field' },
    ]);
    expect(await storedOptions('status')).toEqual({ choices: ['draft', 'published'] });
    expect(await rows("select count(*) from content.content_fields where id = $1 and name = 'status'", [status.id])).toBe(1);
  });
});

describe('mutation payloads', () => {
  it('answer the changed object, and a key that may write but not read still gets its payload', async () => {
    const writer = await createUserKey(stack, userToken, { scopes: ['items:write', 'items:delete', 'types:read'], workspaceIds: [workspaceId] });
    const asWriter = { 'x-api-key': writer.secret, 'x-workspace-id': workspaceId };
    const created = await stack.request({
      query: 'mutation($t: ID!) { createItem(contentTypeId: $t, values: { title: "Blind write" }) { __typename item { id } } }',
      variables: { t: typeId },
      headers: asWriter,
    });
    // The item ran and was written; only the object the key may not read is null.
    expect(created.body.data).toEqual({ createItem: { __typename: 'CreateItemPayload', item: null } });
    expect(created.body.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([['INSUFFICIENT_SCOPE', ['createItem', 'item', 'id']]]);
    expect(await rows(`select count(*) from content.items where content_type_id = $1 and values->>'title' = 'Blind write'`, [typeId])).toBe(1);
    const [row] = await selectRows<{ id: string }>(stack.database.url, `select id from content.items where values->>'title' = 'Blind write'`);
    const deleted = await stack.query({ query: 'mutation($id: ID!) { deleteItem(id: $id) { deletedId } }', variables: { id: row.id }, headers: asWriter });
    expect(deleted.deleteItem).toEqual({ deletedId: row.id });
  });
});

describe('deleting', () => {
  it('a field removes its value from every item', async () => {
    const field = await stack.query({ query: 'query($t: ID!) { contentType(id: $t) { fields { nodes { id key } } } }', variables: { t: typeId }, headers });
    const body = field.contentType.fields.nodes.find((candidate: { key: string }) => candidate.key === 'body').id;
    const deleted = await stack.query({ query: 'mutation($id: ID!) { deleteContentField(id: $id) { deletedId } }', variables: { id: body }, headers });
    expect(deleted.deleteContentField).toEqual({ deletedId: body });
    expect(await rows("select count(*) from content.items where content_type_id = $1 and values ? 'body'", [typeId])).toBe(0);
  });

  it('a type with items is refused, and with force takes its items in one go', async () => {
    const refused = await stack.request({ query: 'mutation($t: ID!) { deleteContentType(id: $t) { deletedId } }', variables: { t: typeId }, headers });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(await rows('select count(*) from content.items where content_type_id = $1', [typeId])).toBeGreaterThan(0);
    const deleted = await stack.query({ query: 'mutation($t: ID!) { deleteContentType(id: $t, force: true) { deletedId } }', variables: { t: typeId }, headers });
    expect(deleted.deleteContentType).toEqual({ deletedId: typeId });
    expect(await rows('select count(*) from content.items where content_type_id = $1', [typeId])).toBe(0);
    expect(await rows('select count(*) from content.content_fields where content_type_id = $1', [typeId])).toBe(0);
    expect(await rows('select count(*) from content.item_unique_values where content_type_id = $1', [typeId])).toBe(0);
  });
});
