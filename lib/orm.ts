// One MikroORM instance per subgraph, each bound to its own PostgreSQL schema with its
// own committed migrations. `initORM` is the only way a subgraph or script gets one.
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { DefaultLogger, type Constructor, type LogContext, type LoggerOptions } from '@mikro-orm/core';
import { SUBGRAPHS, type SubgraphName } from './subgraph-list.js';
import { describeDatabaseUrl } from './database.js';

export interface SubgraphOrmDefinition {
  /** PostgreSQL schema owned by the subgraph (its name). */
  readonly schema: SubgraphName;
  readonly entities: readonly Constructor<object>[];
  /** Committed migrations, oldest first. */
  readonly migrations: readonly { name: string; class: Constructor<Migration> }[];
}

export interface OrmOptions {
  readonly databaseUrl: string;
  readonly poolSize?: number;
  /**
   * Called with every SQL statement the ORM sends, as PostgreSQL receives it (MikroORM
   * inlines the values): the statement-count tests count them, the query-plan check and
   * `npm run bench:gateway` run EXPLAIN on them.
   */
  readonly onQuery?: (sql: string) => void;
}

export type SubgraphOrm = MikroORM;
export type SubgraphEntityManager = EntityManager;

export async function initORM(definition: SubgraphOrmDefinition, options: OrmOptions): Promise<SubgraphOrm> {
  const { onQuery } = options;
  try {
    return await MikroORM.init({
      clientUrl: options.databaseUrl,
      schema: definition.schema,
      entities: [...definition.entities],
      extensions: [Migrator],
      migrations: {
        migrationsList: [...definition.migrations],
        tableName: 'mikro_orm_migrations',
        schema: definition.schema,
        snapshot: false,
        silent: true,
      },
      // A subgraph never touches another's schema, not even in a generated migration.
      schemaGenerator: {
        ignoreSchema: ['public', ...SUBGRAPHS.map((subgraph) => subgraph.name).filter((name) => name !== definition.schema)],
      },
      pool: { min: 0, max: options.poolSize ?? 10 },
      // Every request works on its own fork; the global context is a bug.
      allowGlobalContext: false,
      // 'query-params' makes the logged text the statement as sent, values included.
      debug: onQuery ? ['query', 'query-params'] : false,
      loggerFactory: onQuery ? (loggerOptions) => new StatementListener(loggerOptions, onQuery) : undefined,
    });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(`Cannot reach PostgreSQL at ${describeDatabaseUrl(options.databaseUrl)} (${reason})`, { cause: error });
  }
}

/** A MikroORM logger that hands each statement's text to a callback instead of writing a line (no prefix, timing or colours to strip). */
class StatementListener extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly onStatement: (sql: string) => void,
  ) {
    super(options);
  }

  override logQuery(context: LogContext): void {
    if (context.query !== undefined && (context.namespace ?? 'query') === 'query') this.onStatement(context.query);
  }
}

/** Applies the subgraph's pending migrations; returns the names applied. */
export async function migrateSchema(orm: SubgraphOrm, schema: SubgraphName): Promise<string[]> {
  await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
  const applied = await orm.migrator.up();
  return applied.map((migration) => migration.name);
}
