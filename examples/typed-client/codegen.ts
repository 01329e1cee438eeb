// GraphQL Code Generator's configuration for the typed client and the console: the client
// preset reads the operations written with `graphql(...)` in examples/typed-client/ and in
// console/src/ and types them from the public schema (schema/api.graphql). `npm run codegen`
// writes each one's gql/; `npm run check` fails when a gql/ is not what the schema and the
// operations give (`--check`).
import type { CodegenConfig } from '@graphql-codegen/cli';

const clientConfig = {
  // Operations as strings with their types attached: no GraphQL library at run time.
  documentMode: 'string',
  useTypeImports: true,
  enumsAsTypes: true,
  strictScalars: true,
  scalars: { DateTime: 'string', JSON: 'unknown' },
} as const;

const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  ignoreNoDocuments: false,
  // The project's modules are ESM (NodeNext): relative imports name their .js file (Vite
  // and TypeScript's Bundler resolution read them the same way in the console).
  importExtension: '.js',
  generates: {
    'examples/typed-client/gql/': {
      documents: ['examples/typed-client/*.ts', '!examples/typed-client/codegen.ts'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: clientConfig,
    },
    'console/src/gql/': {
      documents: ['console/src/**/*.{ts,tsx}', '!console/src/gql/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: clientConfig,
    },
  },
};

export default config;
