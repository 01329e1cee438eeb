// The database a benchmark runs on: a fresh, migrated database of its own on the embedded
// PostgreSQL (or DATABASE_URL), dropped again when the benchmark is done.
import type { AtriumConfig } from '../lib/config.js';
import { dropDatabase, ensureDatabaseExists, withDatabase } from '../lib/database.js';
import { migrateAll, openDatabase, type OpenDatabaseOptions } from '../lib/database-runtime.js';
import type { Logger } from '../lib/logger.js';
import { SUBGRAPHS } from '../lib/subgraph-list.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';

export interface BenchDatabase {
  readonly databaseUrl: string;
  /** Whether the embedded server runs it (else DATABASE_URL's server). */
  readonly embedded: boolean;
  /** Drops the database and stops the embedded server. */
  readonly drop: () => Promise<void>;
}

export async function freshBenchDatabase(config: AtriumConfig, logger: Logger, name: string, options: OpenDatabaseOptions = {}): Promise<BenchDatabase> {
  const server = await openDatabase(config, logger, options);
  const adminUrl = withDatabase(server.databaseUrl, 'postgres');
  await dropDatabase(adminUrl, name);
  await ensureDatabaseExists(adminUrl, name);
  const databaseUrl = withDatabase(server.databaseUrl, name);
  await migrateAll(
    databaseUrl,
    SUBGRAPHS.map(({ name: subgraph }) => SUBGRAPH_DEFINITIONS[subgraph].orm),
  );
  return {
    databaseUrl,
    embedded: server.embedded,
    drop: async () => {
      await dropDatabase(adminUrl, name);
      await server.stop();
    },
  };
}
