// Starts one real PostgreSQL for the whole test run (embedded, under .data/test-postgres,
// unless DATABASE_URL names a server) and hands its admin URL to every test file.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { assertDatabaseReachable, dropDatabase, ensureDatabaseExists, startEmbeddedPostgres, withDatabase } from '../lib/database.js';
import { migrateAll } from '../lib/database-runtime.js';
import { createLogger } from '../lib/logger.js';
import { ensureConsoleBuilt } from '../lib/console-build.js';
import { SUBGRAPHS } from '../lib/subgraph-list.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    /** A database migrated once for the run, which each test file's database copies. */
    templateDatabase: string;
  }
}

interface TestDatabases {
  readonly adminUrl: string;
  readonly template: string;
  readonly stop: () => Promise<void>;
}

/**
 * Every vitest project that lists this file (integration, fresh-modules) runs it; they share one
 * server and one template, started by the first and stopped after the last.
 */
const shared = globalThis as { atriumTestDatabases?: { users: number; ready: Promise<TestDatabases> } };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The console's tests open the built copy: build it first when its sources changed.
  shared.atriumTestDatabases ??= { users: 0, ready: ensureConsoleBuilt().then(startDatabases) };
  const databases = shared.atriumTestDatabases;
  databases.users += 1;
  const { adminUrl, template, stop } = await databases.ready;
  project.provide('postgresAdminUrl', adminUrl);
  project.provide('templateDatabase', template);
  return async () => {
    databases.users -= 1;
    if (databases.users > 0) return;
    shared.atriumTestDatabases = undefined;
    await stop();
  };
}

async function startDatabases(): Promise<TestDatabases> {
  const external = process.env.DATABASE_URL;
  if (external) {
    await assertDatabaseReachable(external);
    const adminUrl = withDatabase(external, 'postgres');
    const template = await createTemplate(adminUrl);
    return { adminUrl, template, stop: () => dropDatabase(adminUrl, template) };
  }
  const server = await startEmbeddedPostgres({
    dataDir: process.env.DATA_DIR ?? '.data',
    name: 'test-postgres',
    preferredPort: 0,
    logger: createLogger('warn'),
    fast: true,
    // The benchmark's test reads what SQL its requests cause (test/bench-peers.happy.test.ts).
    statementStatistics: true,
  }).catch((error: unknown) => {
    // The reason (a private folder as root, a data folder in use) in one sentence, not
    // under a page of vitest's stack: no test can run without the database.
    console.error(`\nnpm test cannot start its database: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
  const template = await createTemplate(server.adminUrl);
  return {
    adminUrl: server.adminUrl,
    template,
    stop: async () => {
      await dropDatabase(server.adminUrl, template);
      await server.stop();
    },
  };
}

/**
 * Migrates a template database once; every test file's database is a copy of it
 * (CREATE DATABASE … TEMPLATE), instead of running every migration again per file.
 */
async function createTemplate(adminUrl: string): Promise<string> {
  const template = `atrium_template_${randomBytes(6).toString('hex')}`;
  await ensureDatabaseExists(adminUrl, template);
  await migrateAll(
    withDatabase(adminUrl, template),
    SUBGRAPHS.map(({ name }) => SUBGRAPH_DEFINITIONS[name].orm),
  );
  return template;
}
