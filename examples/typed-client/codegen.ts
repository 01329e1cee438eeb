// GraphQL Code Generator's configuration for the typed client: the client preset reads
// the operations written with `graphql(...)` in this folder and types them from the
// public schema (schema/api.graphql). `npm run codegen` writes gql/; `npm run check`
// fails when gql/ is not what the schema and the operations give (`--check`).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: ['examples/typed-client/*.ts', '!examples/typed-client/codegen.ts'],
  ignoreNoDocuments: false,
  // The project's modules are ESM (NodeNext): relative imports name their .js file.
  importExtension: '.js',
  generates: {
    'examples/typed-client/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Operations as strings with their types attached: no GraphQL library at run time.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
