import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * Tests that need no database and start no process: `npm run test:unit` runs only these,
 * without the embedded PostgreSQL. Any other test file is an integration test.
 */
const UNIT_TESTS = ['lib/**/*.test.ts', 'gateway/**/*.test.ts', 'subgraphs/**/*.test.ts', 'test/compose.test.ts', 'test/docs.test.ts', 'test/readme.test.ts'];
/** Files beside the code that need a database all the same (the integration project runs them). */
const DATABASE_TESTS_BESIDE_CODE = [
  'lib/orm.test.ts',
  'lib/paging.test.ts',
  'lib/workspace-filter.test.ts',
  'subgraphs/audit/retention/day-partitions.test.ts',
  'subgraphs/audit/request-logs/request-log.ingest.test.ts',
];
/**
 * Files that must import the code in a fresh module graph (as before isolate: false):
 * schema-check: the schema files it generates in a worker that had run other files
 *   listed some fields' arguments in another order (`filter` after `first`/`after`) than
 *   `npm run schema` does, so it found the committed files stale.
 * Vitest starts the files of projects in the order of their names, so this project's name
 * puts its long schema-check first.
 */
const ISOLATED_TESTS = ['test/schema-check.test.ts'];
/** One embedded PostgreSQL for the run (shared by the projects that list it); every test file gets its own database in it. */
const DATABASE_SETUP = ['test/global-setup.ts'];

const shared: TestProjectInlineConfiguration['test'] = {
  setupFiles: ['reflect-metadata'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // Every file of a worker shares its module graph: Apollo, type-graphql and MikroORM are
  // imported once per worker instead of once per file (most of a small file's time). So a
  // file must leave no module state behind (globals, mocks, patched modules); one that
  // needs modules of its own goes into ISOLATED_TESTS.
  isolate: false,
  // expect.poll waits for the thing itself; by default it gives up after one second, which a
  // browser page or a background delivery on a loaded two-core machine can take. Waiting longer
  // only delays a failure: a poll passes as soon as its condition holds.
  expect: { poll: { timeout: 15_000 } },
};

export default defineConfig({
  resolve: {
    // graphql 16 ships ESM (.mjs) and CJS (.js) builds; Node loads the CJS one for
    // Apollo and type-graphql, so tests must resolve the same copy.
    mainFields: ['main'],
    extensions: ['.js', '.ts', '.json', '.mjs'],
  },
  test: {
    // The end-to-end files wait on PostgreSQL and sockets as much as they compute, so two
    // cores keep more than one worker busy; vitest's default (cores - 1) ran them one by one.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: { ...shared, name: 'unit', include: UNIT_TESTS, exclude: DATABASE_TESTS_BESIDE_CODE },
      },
      {
        extends: true,
        test: { ...shared, name: 'fresh-modules', include: ISOLATED_TESTS, isolate: true, globalSetup: DATABASE_SETUP },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: 'integration',
          include: ['test/**/*.test.ts', ...DATABASE_TESTS_BESIDE_CODE],
          exclude: [...UNIT_TESTS.filter((pattern) => pattern.startsWith('test/')), ...ISOLATED_TESTS],
          globalSetup: DATABASE_SETUP,
        },
      },
    ],
  },
});
