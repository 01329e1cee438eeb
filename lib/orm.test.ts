// Committed migrations and entity definitions must describe the same tables: a schema
// diff after migrating is empty for every subgraph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initORM, migrateSchema } from './orm.js';
import { SUBGRAPHS } from './subgraph-list.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';
import { createTestDatabase, type TestDatabase } from '../test/testkit.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe.each(SUBGRAPHS.map(({ name }) => name))('the %s schema', (name) => {
  it('matches its entities after the committed migrations, and migrating again applies nothing', async () => {
    const orm = await initORM(SUBGRAPH_DEFINITIONS[name].orm, { databaseUrl: database.url, poolSize: 1 });
    try {
      expect(await migrateSchema(orm, name)).toEqual([]);
      const drift = await orm.schema.getUpdateSchemaSQL({ wrap: false });
      expect(drift.trim(), `entities of ${name} differ from its migrations; run npm run db:migration:create ${name}`).toBe('');
    } finally {
      await orm.close();
    }
  });
});
