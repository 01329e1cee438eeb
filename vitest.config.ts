import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships ESM (.mjs) and CJS (.js) builds; Node loads the CJS one for
    // Apollo and type-graphql, so tests must resolve the same copy.
    mainFields: ['main'],
    extensions: ['.js', '.ts', '.json', '.mjs'],
  },
  test: {},
});
