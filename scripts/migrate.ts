// `npm run db:migrate`: applies every subgraph's pending migrations to the database
// (DATABASE_URL, or the embedded server under DATA_DIR).
import 'reflect-metadata';
import { loadConfig } from '../lib/config.js';
import { describeDatabaseUrl } from '../lib/database.js';
import { migrateAll, openDatabase } from '../lib/database-runtime.js';
import { createLogger } from '../lib/logger.js';
import { SUBGRAPHS } from '../lib/subgraph-list.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';
import { runMain } from './run-main.js';

await runMain(async () => {
  const config = loadConfig();
  const database = await openDatabase(config, createLogger(config.logLevel));
  try {
    const applied = await migrateAll(
      database.databaseUrl,
      SUBGRAPHS.map(({ name }) => SUBGRAPH_DEFINITIONS[name].orm),
    );
    for (const [schema, names] of Object.entries(applied)) {
      console.log(`${schema}: ${names.length === 0 ? 'up to date' : `applied ${names.join(', ')}`}`);
    }
    console.log(`database ${describeDatabaseUrl(database.databaseUrl)} is migrated`);
  } finally {
    await database.stop();
  }
});
