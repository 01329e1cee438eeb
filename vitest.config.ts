import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships ESM (.mjs) and CJS (.js) builds; Node loads the CJS one for
    // Apollo and type-graphql, so tests must resolve the same copy.
    mainFields: ['main'],
    extensions: ['.js', '.ts', '.json', '.mjs'],
  },
  test: {
    include: ['test/**/*.test.ts', 'lib/**/*.test.ts', 'gateway/**/*.test.ts', 'subgraphs/**/*.test.ts'],
    // One embedded PostgreSQL for the run; every test file gets its own database in it.
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
