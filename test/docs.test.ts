// Documentation cannot drift from the API: every GraphQL operation shown in the README,
// docs/ and examples/ is valid against schema/api.graphql, variables included.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { exampleNames, loadExample } from '../examples/run.js';
import { repositoryPath } from '../lib/paths.js';
import { API_SCHEMA_FILE } from '../scripts/schema-pipeline.js';
import { operationProblems, operationsInMarkdown, type DocumentedOperation } from './documented-operations.js';

const schema = buildSchema(readFileSync(repositoryPath(API_SCHEMA_FILE), 'utf8'));

function filesIn(folder: string, extension: string): string[] {
  return readdirSync(repositoryPath(folder))
    .filter((file) => file.endsWith(extension))
    .map((file) => path.posix.join(folder, file));
}

function markdownOperations(file: string): DocumentedOperation[] {
  return operationsInMarkdown(file, readFileSync(repositoryPath(file), 'utf8'));
}

function exampleOperations(): DocumentedOperation[] {
  return exampleNames().map((name) => {
    const { query, variables } = loadExample(name);
    return { file: `examples/${name}.graphql`, line: 1, text: query, verbatim: true, variables };
  });
}

describe('the operation finder', () => {
  const markdown = [
    '# Sample', // 1
    '```graphql', // 2
    '{ contentTypes { nodes { id slug } } }', // 3
    '```', // 4
    '```sh', // 5
    'curl -s $GATEWAY \\', // 6
    '  -d \'{"query":"mutation { createSession(input: { email: \\"a@b.c\\", password: \\"pw\\" }) { token } }"}\'', // 7
    '```', // 8
    '```js', // 9
    'const body = JSON.stringify({ query: `{ me { id } }` });', // 10
    'const Types = gql`query Types { contentTypes { totalCount } }`;', // 11
    "await client.query({ query: '{ workspace { id name } }' });", // 12
    '```', // 13
    '```ts', // 14
    'const dynamic = { query: `{ ${field} }` };', // 15
    '```', // 16
  ].join('\n');

  it('finds ```graphql blocks and the queries inside curl bodies, fetch calls and gql tags, each with its line', () => {
    expect(operationsInMarkdown('sample.md', markdown).map(({ file, line, text }) => [`${file}:${line}`, text])).toEqual([
      ['sample.md:3', '{ contentTypes { nodes { id slug } } }\n'],
      ['sample.md:7', 'mutation { createSession(input: { email: "a@b.c", password: "pw" }) { token } }'],
      ['sample.md:10', '{ me { id } }'],
      ['sample.md:12', '{ workspace { id name } }'],
      ['sample.md:11', 'query Types { contentTypes { totalCount } }'],
    ]);
  });

  it('names the file, the line and the GraphQL error of an operation that drifted from the API', () => {
    expect(operationProblems(schema, operationsInMarkdown('sample.md', markdown))).toEqual(['sample.md:3: Cannot query field "slug" on type "ContentType".']);
    // In a multi-line operation, the line of the field itself.
    const multiLine = { file: 'x.md', line: 10, text: 'query {\n  contentTypes {\n    nodes { slug }\n  }\n}', verbatim: true };
    expect(operationProblems(schema, [multiLine])).toEqual(['x.md:12: Cannot query field "slug" on type "ContentType".']);
    expect(operationProblems(schema, [{ file: 'x.md', line: 1, text: '{ contentTypes { ', verbatim: true }])).toEqual(['x.md:1: Syntax Error: Expected Name, found <EOF>.']);
  });

  it('checks shown variables against the operation: undeclared, missing and mistyped ones', () => {
    const operation = { file: 'create.graphql', line: 1, text: 'mutation($typeId: ID!, $values: JSON!) { createItem(contentTypeId: $typeId, values: $values) { item { id } } }', verbatim: true };
    expect(operationProblems(schema, [{ ...operation, variables: { typeId: 'x', values: {} } }])).toEqual([]);
    expect(operationProblems(schema, [{ ...operation, variables: { typeId: 7.5, title: 'x' } }])).toEqual([
      'create.graphql:1: variable $title is not declared by the operation',
      'create.graphql:1: Variable "$typeId" got invalid value 7.5; ID cannot represent value: 7.5',
      'create.graphql:1: Variable "$values" of required type "JSON!" was not provided.',
    ]);
  });
});

describe('the documentation', () => {
  it('shows in README.md only operations that are valid against schema/api.graphql', () => {
    const operations = markdownOperations('README.md');
    // The README shows curl, fetch and Apollo Client calls: if none were found, the finder broke.
    expect(operations.length).toBeGreaterThanOrEqual(10);
    expect(operationProblems(schema, operations)).toEqual([]);
  });

  it('shows in docs/ and examples/*.md only valid operations', () => {
    const operations = [...filesIn('docs', '.md'), ...filesIn('examples', '.md')].flatMap(markdownOperations);
    expect(operations.length).toBeGreaterThan(0);
    expect(operationProblems(schema, operations)).toEqual([]);
  });

  it('ships examples/*.graphql that are valid, with variables that fit them', () => {
    const operations = exampleOperations();
    expect(operations.map(({ file }) => file)).toEqual(expect.arrayContaining(['examples/list-content-types.graphql', 'examples/create-item.graphql', 'examples/request-logs-of-key.graphql']));
    expect(operationProblems(schema, operations)).toEqual([]);
  });
});
