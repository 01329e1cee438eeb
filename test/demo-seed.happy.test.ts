// The demo data `npm start` seeds (scripts/demo-seed.ts): shows the product (fields of
// several kinds, items, two members, a read-only key), is written once however often
// `npm start` runs on the same data, and its key is offered again only while it works.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashCredential } from '../lib/api-key-format.js';
import { DEMO_EDITOR_EMAIL, DEMO_EMAIL, DEMO_KEY_FILE_NAME, DEMO_PASSWORD, seedDemoWhenEmpty, type DemoData } from '../scripts/demo-seed.js';
import { countRows, errorCodes, selectRows, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let keyDir: string;
let keyFile: string;
let first: DemoData;

beforeAll(async () => {
  stack = await startStack();
  keyDir = mkdtempSync(path.join(tmpdir(), 'atrium-demo-key-'));
  keyFile = path.join(keyDir, DEMO_KEY_FILE_NAME);
  first = await seedDemoWhenEmpty(stack.database.url, { keyFile });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(keyDir, { recursive: true, force: true });
});

const TOUR = `{
  workspace { name statistics { members items contentTypes } }
  members { nodes { role { key } user { email } } }
  contentTypes { nodes { id key fields { nodes { key kind required unique } } } }
}`;
const ITEMS = 'query Items($typeId: ID!) { items(contentTypeId: $typeId) { totalCount nodes { id values } } }';

it('seeds a workspace with two members, typed fields, items and a read-only key', async () => {
  expect(first).toMatchObject({ created: true, apiKey: expect.stringMatching(/^atk_/) });
  const headers = { 'x-api-key': first.apiKey!, 'x-workspace-id': first.workspaceId };
  const data = await stack.query({ query: TOUR, headers });
  expect(data.workspace).toEqual({ name: 'Demo workspace', statistics: { members: 2, items: 5, contentTypes: 2 } });
  expect(data.members.nodes.map((member: { role: { key: string }; user: { email: string } }) => `${member.user.email} ${member.role.key}`).sort()).toEqual([
    `${DEMO_EMAIL} owner`,
    `${DEMO_EDITOR_EMAIL} editor`,
  ]);
  const typeNamed = (key: string) => data.contentTypes.nodes.find((type: { key: string }) => type.key === key);
  const article = typeNamed('article');
  expect(new Set(article.fields.nodes.map((field: { kind: string }) => field.kind)).size).toBeGreaterThanOrEqual(8);
  expect(article.fields.nodes[0]).toEqual({ key: 'title', kind: 'TEXT', required: true, unique: true });

  // Each article refers to one of the two authors.
  const authors = (await stack.query({ query: ITEMS, variables: { typeId: typeNamed('author').id }, headers })).items;
  const articles = (await stack.query({ query: ITEMS, variables: { typeId: article.id }, headers })).items;
  expect([authors.totalCount, articles.totalCount]).toEqual([2, 3]);
  for (const { values } of articles.nodes) expect(authors.nodes.map((author: { id: string }) => author.id)).toContain(values.author);

  // Read-only: it reads everything a reader may, and changes nothing.
  const refused = await stack.request({ query: 'mutation { createContentType(input: { key: "note", name: "Note" }) { contentType { id } } }', headers });
  expect(errorCodes(refused)).toEqual(['INSUFFICIENT_SCOPE']);

  // Both demo users sign in with the public password.
  for (const email of [DEMO_EMAIL, DEMO_EDITOR_EMAIL]) {
    const signIn = await stack.query({ query: `mutation { createSession(input: { email: "${email}", password: "${DEMO_PASSWORD}" }) { token } }` });
    expect(signIn.createSession.token).toMatch(/^ats_/);
  }

  // The secret is kept beside the data, readable by its owner only; the database holds its hash only.
  expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  expect(await countRows(stack.database.url, 'select count(*) from identity.api_keys where secret_hash = $1', [hashCredential(first.apiKey!)])).toBe(1);
});

it('writes nothing on a second run and offers the same workspace and key', async () => {
  const counts = async () => ({
    users: await countRows(stack.database.url, 'select count(*) from identity.users'),
    keys: await countRows(stack.database.url, 'select count(*) from identity.api_keys'),
    items: await countRows(stack.database.url, 'select count(*) from content.items'),
  });
  const before = await counts();
  expect(await seedDemoWhenEmpty(stack.database.url, { keyFile })).toEqual({ workspaceId: first.workspaceId, created: false, apiKey: first.apiKey });
  expect(await counts()).toEqual(before);
});

it('offers the key no more once it is revoked, or when the file holds anything else', async () => {
  writeFileSync(keyFile, 'not json', { mode: 0o600 });
  expect((await seedDemoWhenEmpty(stack.database.url, { keyFile })).apiKey).toBeUndefined();
  writeFileSync(keyFile, JSON.stringify({ keyId: 'x', workspaceId: first.workspaceId, secret: first.apiKey }), { mode: 0o600 });
  expect((await seedDemoWhenEmpty(stack.database.url, { keyFile })).apiKey).toBeUndefined();

  const [key] = await selectRows<{ id: string }>(stack.database.url, 'select id from identity.api_keys where secret_hash = $1', [hashCredential(first.apiKey!)]);
  writeFileSync(keyFile, JSON.stringify({ keyId: key.id, workspaceId: first.workspaceId, secret: first.apiKey }), { mode: 0o600 });
  expect((await seedDemoWhenEmpty(stack.database.url, { keyFile })).apiKey).toBe(first.apiKey);

  // Its owner revokes it, from a session.
  const { createSession } = await stack.query({ query: `mutation { createSession(input: { email: "${DEMO_EMAIL}", password: "${DEMO_PASSWORD}" }) { token } }` });
  await stack.query({ query: `mutation { revokeApiKey(id: "${key.id}") { apiKey { id } } }`, headers: { authorization: `Bearer ${createSession.token}` } });
  expect(await seedDemoWhenEmpty(stack.database.url, { keyFile })).toEqual({ workspaceId: first.workspaceId, created: false });
});
