// The workspace filter against a real PostgreSQL and the content subgraph's entities: an
// EntityManager scoped as a request's is sees its workspace only, in every kind of read
// and write the ORM filters, without a query naming the workspace; one never scoped
// refuses to read workspace-owned rows; reading across workspaces takes ACROSS_WORKSPACES.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from './ids.js';
import { initORM, type SubgraphOrm } from './orm.js';
import { idOrder, pageQuery } from './paging.js';
import { ACROSS_WORKSPACES, scopeToWorkspace, workspaceCondition } from './workspace-filter.js';
import { createTestDatabase, type TestDatabase } from '../test/testkit.js';
import { contentOrm } from '../subgraphs/content/orm.js';
import { ContentType } from '../subgraphs/content/content-types/content-type.entity.js';

let database: TestDatabase;
let orm: SubgraphOrm;
const [mine, theirs] = [newId(), newId()];

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await initORM(contentOrm, { databaseUrl: database.url, poolSize: 2 });
  const em = orm.em.fork();
  for (const workspaceId of [mine, theirs]) {
    for (const key of ['author', 'article']) em.create(ContentType, { workspaceId, key, name: `${key} of ${workspaceId}` });
  }
  await em.flush();
});

afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

const request = (workspaceId: string | undefined) => scopeToWorkspace(orm.em.fork(), workspaceId);

describe('the workspace filter', () => {
  it('gives a request the rows of its workspace only, though no query names it', async () => {
    const em = request(mine);
    const found = await em.find(ContentType, {});
    expect(found.map((type) => type.workspaceId)).toEqual([mine, mine]);
    expect(await em.count(ContentType, {})).toBe(2);
    expect(await em.findOne(ContentType, { key: 'author' })).toMatchObject({ workspaceId: mine });
    const page = await pageQuery(em, { entity: ContentType, order: idOrder<ContentType>('test'), page: { first: 10 } });
    expect(page.nodes.map((type) => type.workspaceId)).toEqual([mine, mine]);
    expect(page.totalCount).toBe(2);
  });

  it('finds another workspace’s record by its id as nothing', async () => {
    const [other] = await request(theirs).find(ContentType, { key: 'author' });
    expect(await request(mine).findOne(ContentType, { id: other.id })).toBeNull();
  });

  it('keeps updates and deletes in the workspace', async () => {
    const updated = await request(mine).nativeUpdate(ContentType, { key: 'article' }, { description: 'changed here' });
    expect(updated).toBe(1);
    const theirArticle = await request(theirs).findOneOrFail(ContentType, { key: 'article' });
    expect(theirArticle.description).toBeNull();
    expect(await request(theirs).nativeDelete(ContentType, { description: 'changed here' })).toBe(0);
  });

  it('shows nothing to a request without a workspace', async () => {
    const em = request(undefined);
    expect(await em.find(ContentType, {})).toEqual([]);
    const condition = workspaceCondition(em, 't');
    const [row] = await em.getConnection().execute<{ count: string }[]>(`select count(*) as count from "content"."content_types" t where ${condition.sql}`, [...condition.params]);
    expect(Number(row.count)).toBe(0);
  });

  it('refuses to read workspace-owned rows on an EntityManager never given a workspace', async () => {
    await expect(orm.em.fork().find(ContentType, {})).rejects.toThrow(/No arguments provided for filter 'workspace'/);
    expect(() => workspaceCondition(orm.em.fork(), 't')).toThrow(/no workspace/);
  });

  it('reads across workspaces only when a query says so', async () => {
    const every = await orm.em.fork().find(ContentType, {}, ACROSS_WORKSPACES);
    expect(new Set(every.map((type) => type.workspaceId))).toEqual(new Set([mine, theirs]));
  });

  it('gives raw SQL the same workspace through workspaceCondition', async () => {
    const em = request(theirs);
    const condition = workspaceCondition(em, 't');
    const rows = await em.getConnection().execute<{ workspace_id: string }[]>(`select t.workspace_id from "content"."content_types" t where ${condition.sql}`, [...condition.params]);
    expect(rows.map((row) => row.workspace_id)).toEqual([theirs, theirs]);
  });
});
