// `npm run schema:publish [--tag production] [--commit <sha>] [--database-url <url>]`:
// records the committed schema/supergraph.graphql (what the gateway serves) as the latest
// version of a tag in audit's schema_versions, with its git commit and its API schema, so
// that `schema:check --base production` compares with what is deployed. Run it in the
// deploy job. It refuses a supergraph that is not what the code produces (it would not be
// what passed schema:check). Publishing the supergraph the tag already has records nothing.
// Database: --database-url, else DATABASE_URL, else the embedded server (as db:migrate).
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { printSchema } from 'graphql';
import { loadConfig } from '../lib/config.js';
import { describeDatabaseUrl } from '../lib/database.js';
import { openDatabase, type DatabaseHandle } from '../lib/database-runtime.js';
import { createLogger } from '../lib/logger.js';
import { initORM } from '../lib/orm.js';
import { repositoryPath } from '../lib/paths.js';
import { SUPERGRAPH_FILE } from '../lib/subgraph-list.js';
import { auditOrm } from '../subgraphs/audit/orm.js';
import { apiSchemaOf } from './api-schema.js';
import { CompositionFailedError, generateSchemaFiles } from './schema-pipeline.js';
import { assertSchemaTag, publishSchema } from './schema-registry.js';

class PublishRefused extends Error {}

const USAGE = 'usage: npm run schema:publish -- [--tag production] [--commit <sha>] [--database-url <postgres URL>]';

/** The commit published: --commit, else GITHUB_SHA (GitHub Actions), else the checkout's HEAD; null outside a git checkout. */
function commitOf(given: string | undefined): string | null {
  const commit = given ?? (process.env.GITHUB_SHA || undefined);
  if (commit !== undefined) {
    if (!/^[0-9a-f]{7,64}$/i.test(commit)) throw new PublishRefused(`--commit ${JSON.stringify(commit.slice(0, 80))} is not a git commit id (7 to 64 hexadecimal digits)`);
    return commit.toLowerCase();
  }
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repositoryPath('.'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  let values: { tag?: string; commit?: string; 'database-url'?: string };
  try {
    ({ values } = parseArgs({ options: { tag: { type: 'string' }, commit: { type: 'string' }, 'database-url': { type: 'string' } } }));
  } catch (error) {
    throw new PublishRefused(`${(error as Error).message}\n${USAGE}`);
  }
  let tag: string;
  try {
    tag = assertSchemaTag(values.tag ?? 'production');
  } catch (error) {
    throw new PublishRefused(`--tag ${(error as Error).message}`);
  }
  const gitCommit = commitOf(values.commit);
  const databaseUrl = values['database-url'];
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//i.test(databaseUrl)) throw new PublishRefused(`--database-url takes a PostgreSQL URL (postgres://…)\n${USAGE}`);

  // What the gateway serves is the committed file; what passed schema:check is the code's.
  const supergraphSdl = readFileSync(repositoryPath(SUPERGRAPH_FILE), 'utf8');
  let generated: Map<string, string>;
  try {
    generated = await generateSchemaFiles();
  } catch (error) {
    if (error instanceof CompositionFailedError) throw new PublishRefused(error.message);
    throw error;
  }
  if (generated.get(SUPERGRAPH_FILE) !== supergraphSdl) throw new PublishRefused(`${SUPERGRAPH_FILE} differs from what the code produces: run \`npm run schema\`, commit it, and deploy that`);
  const apiSchemaSdl = printSchema(apiSchemaOf(supergraphSdl));

  let database: DatabaseHandle;
  if (databaseUrl !== undefined) database = { databaseUrl, embedded: false, stop: async () => undefined };
  else {
    const config = loadConfig();
    database = await openDatabase(config, createLogger(config.logLevel));
  }
  try {
    const orm = await initORM(auditOrm, { databaseUrl: database.databaseUrl, poolSize: 1 });
    try {
      const where = `PostgreSQL ${describeDatabaseUrl(database.databaseUrl)}`;
      let result;
      try {
        result = await publishSchema(orm.em.fork(), { tag, gitCommit, supergraphSdl, apiSchemaSdl });
      } catch (error) {
        if (['42P01', '3F000'].includes((error as { code?: string }).code ?? '')) throw new PublishRefused(`${where} has no audit.schema_versions table: run npm run db:migrate first`);
        throw error;
      }
      const { version } = result;
      const described = `supergraph ${version.supergraphHash.slice(0, 12)}${version.gitCommit ? ` of commit ${version.gitCommit.slice(0, 12)}` : ''}`;
      if (result.recorded) console.log(`schema:publish: ${tag} is now ${described}, recorded in ${where}`);
      else console.log(`schema:publish: ${tag} already is ${described} (published ${version.publishedAt.toISOString()}): nothing new recorded`);
    } finally {
      await orm.close();
    }
  } finally {
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`schema:publish: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
