// Which PostgreSQL a process uses: DATABASE_URL when set, else the embedded server
// under DATA_DIR. Also applies every subgraph's migrations.
import type { AtriumConfig } from './config.js';
import { assertDatabaseReachable, ensureDatabaseExists, startEmbeddedPostgres, withDatabase } from './database.js';
import type { Logger } from './logger.js';
import { initORM, migrateSchema, type SubgraphOrmDefinition } from './orm.js';

export const EMBEDDED_DATABASE_NAME = 'atrium';

export interface DatabaseHandle {
  readonly databaseUrl: string;
  readonly embedded: boolean;
  readonly stop: () => Promise<void>;
}

export interface OpenDatabaseOptions {
  /** The embedded server loads pg_stat_statements (see EmbeddedPostgresOptions); DATABASE_URL's server is taken as it is. */
  readonly statementStatistics?: boolean;
}

export async function openDatabase(config: AtriumConfig, logger: Logger, options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (config.database.url) {
    await assertDatabaseReachable(config.database.url);
    return { databaseUrl: config.database.url, embedded: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({
    dataDir: config.database.dataDir,
    name: 'postgres',
    preferredPort: config.database.embeddedPort,
    logger,
    statementStatistics: options.statementStatistics,
  });
  await ensureDatabaseExists(server.adminUrl, EMBEDDED_DATABASE_NAME);
  return { databaseUrl: withDatabase(server.adminUrl, EMBEDDED_DATABASE_NAME), embedded: true, stop: server.stop };
}

/** Applies pending migrations of each subgraph, each in its own schema. */
export async function migrateAll(databaseUrl: string, definitions: readonly SubgraphOrmDefinition[]): Promise<Record<string, string[]>> {
  const applied: Record<string, string[]> = {};
  for (const definition of definitions) {
    const orm = await initORM(definition, { databaseUrl, poolSize: 1 });
    try {
      applied[definition.schema] = await migrateSchema(orm, definition.schema);
    } finally {
      await orm.close();
    }
  }
  return applied;
}
