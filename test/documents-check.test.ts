// `npm run documents:check` as a frontend team's CI runs it: the repository's own clients
// pass against the committed schema; a proposed schema without a field they use fails,
// naming each file, line and column that uses it (in .ts, .graphql and manifests);
// fragments resolve across files; a pattern matching nothing never passes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSchema, getIntrospectionQuery, graphqlSync, parse, print, visit, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryPath } from '../lib/paths.js';
import { documentHash } from '../lib/trusted-documents.js';
import { runScript } from './process.js';

const folder = mkdtempSync(path.join(tmpdir(), 'atrium-documents-check-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A test that runs the script several times: each run is a Node process loading graphql and babel (seconds on a busy machine). */
const SEVERAL_RUNS_MS = 180_000;

const REPOSITORY_CLIENTS = ['console/src/**/*.{ts,tsx}', 'examples/**/*.graphql', 'examples/typed-client/**/*.ts'];

function check(args: string[], env: Record<string, string | undefined> = {}) {
  return runScript('scripts/documents-check.ts', args, env);
}

/** Writes files (name → text) into a new folder of the test's; their absolute paths, by name. */
function writeFiles(files: Record<string, string>): Record<string, string> {
  const into = mkdtempSync(path.join(folder, 'client-'));
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => {
      const file = path.join(into, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return [name, file];
    }),
  );
}

/** schema/api.graphql with fields removed from a type: a proposed API that drops them. */
function schemaWithout(typeName: string, ...fieldNames: string[]): string {
  const ast = visit(parse(readFileSync(repositoryPath('schema/api.graphql'), 'utf8')), {
    ObjectTypeDefinition(node: ObjectTypeDefinitionNode) {
      if (node.name.value !== typeName) return undefined;
      return { ...node, fields: node.fields?.filter((field: FieldDefinitionNode) => !fieldNames.includes(field.name.value)) };
    },
  });
  const file = path.join(folder, `without-${typeName}-${fieldNames.join('-')}.graphql`);
  writeFileSync(file, print(ast));
  return file;
}

/** The line (1-based) of the first line of text containing needle, and the column of needle on it. */
function positionOf(file: string, needle: string, after = ''): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = after ? lines.findIndex((line) => line.includes(after)) : 0;
  const index = lines.findIndex((line, lineIndex) => lineIndex >= start && line.includes(needle));
  return `${index + 1}:${lines[index].indexOf(needle) + 1}`;
}

describe("the repository's own clients", () => {
  it('pass against the committed schema/api.graphql', async () => {
    const result = await check(REPOSITORY_CLIENTS);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^documents:check: \d+ operations in \d+ files are valid against schema\/api\.graphql\n$/);
    // Every graphql() call of the console and the typed client was found, and every example file.
    const [, operations] = /(\d+) operations/.exec(result.stdout)!;
    expect(Number(operations)).toBeGreaterThanOrEqual(45);
  });

  it('fail against a proposed schema without ContentType.name, at each .ts and .graphql line using it', async () => {
    const result = await check([...REPOSITORY_CLIENTS, '--schema', schemaWithout('ContentType', 'name')]);
    expect(result.code).toBe(1);
    const message = 'Cannot query field "name" on type "ContentType".';
    const tour = `examples/typed-client/tour.ts:${positionOf(repositoryPath('examples/typed-client/tour.ts'), 'name', 'query TourContentTypesBackwards')}`;
    const list = `examples/list-content-types.graphql:${positionOf(repositoryPath('examples/list-content-types.graphql'), 'name')}`;
    // Lines and columns of the files themselves (tour.ts: 58:9), not of the text inside graphql(`…`).
    expect(tour).toBe('examples/typed-client/tour.ts:58:9');
    expect(list).toBe('examples/list-content-types.graphql:9:7');
    expect(result.stderr).toContain(`${tour}  ${message}  (query TourContentTypesBackwards)\n`);
    expect(result.stderr).toContain(`${list}  ${message}  (query ListContentTypes)\n`);
    expect(result.stderr).toMatch(/documents:check failed: \d+ problems in \d+ operations of \d+ files against .*without-ContentType-name\.graphql\n$/);
  });

  it(
    'accept the schema as a supergraph or an introspection result too',
    async () => {
      const supergraph = await check(['examples/**/*.graphql', '--schema', 'schema/supergraph.graphql']);
      expect(supergraph.stdout).toMatch(/^documents:check: 4 operations in 4 files are valid against schema\/supergraph\.graphql\n$/);
      const introspection = path.join(folder, 'introspection.json');
      writeFileSync(introspection, JSON.stringify(graphqlSync({ schema: buildSchema(readFileSync(schemaWithout('ContentType', 'name'), 'utf8')), source: getIntrospectionQuery() })));
      const refused = await check(['examples/**/*.graphql', '--schema', introspection]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('examples/list-content-types.graphql:9:7  Cannot query field "name" on type "ContentType".');
    },
    SEVERAL_RUNS_MS,
  );
});

describe('manifests, fragments and positions', () => {
  it(
    'checks an Apollo and a Relay manifest, at the operation id and the line within its text',
    async () => {
      const listTypes = 'query ManifestTypes {\n  contentTypes {\n    nodes {\n      id\n      name\n    }\n  }\n}';
      const me = 'query ManifestMe { me { id } }';
      const relayTypes = 'query RelayTypes { contentTypes { nodes { name } } }';
      const files = writeFiles({
        'web.json': JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [listTypes, me].map((body) => ({ id: documentHash(body), name: 'x', type: 'query', body })) }),
        'ios.json': JSON.stringify({ [documentHash(relayTypes)]: relayTypes }),
      });
      const valid = await check([files['web.json'], files['ios.json']]);
      expect(valid.stdout).toMatch(/^documents:check: 3 operations in 2 files are valid against schema\/api\.graphql\n$/);

      const result = await check([files['web.json'], files['ios.json'], '--schema', schemaWithout('ContentType', 'name')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${files['web.json']}#${documentHash(listTypes)}:5:7  Cannot query field "name" on type "ContentType".  (query ManifestTypes)\n`);
      expect(result.stderr).toContain(`${files['ios.json']}#${documentHash(relayTypes)}:1:43  Cannot query field "name" on type "ContentType".  (query RelayTypes)\n`);
      expect(result.stderr).not.toContain('ManifestMe');
    },
    SEVERAL_RUNS_MS,
  );

  it(
    'resolves fragments defined in other files, reports a fragment problem once, at its own file, and an unknown fragment where it is spread',
    async () => {
      const files = writeFiles({
        'fragments.ts': ["import { graphql } from './gql';", '', 'export const TypeSummary = graphql(`', '  fragment TypeSummary on ContentType {', '    id', '    name', '  }', '`);', ''].join('\n'),
        'pages/types.tsx': [
          "import { graphql } from '../gql';",
          'const Types = graphql(`',
          '  query PageTypes {',
          '    contentTypes { nodes { ...TypeSummary } }',
          '  }',
          '`);',
          'export const view = () => <p>{String(Types)}</p>;',
          '',
        ].join('\n'),
        'operations/latest.graphql': '# The newest type\nquery LatestType {\n  contentTypes(last: 1) { nodes { ...TypeSummary } }\n}\n',
      });
      const all = Object.values(files);
      const valid = await check(all);
      expect(valid.stderr).toBe('');
      expect(valid.stdout).toMatch(/^documents:check: 2 operations in 3 files are valid against schema\/api\.graphql\n$/);

      const removed = await check([...all, '--schema', schemaWithout('ContentType', 'name')]);
      expect(removed.code).toBe(1);
      expect(removed.stderr.split('\n').filter((line) => line.includes('Cannot query field'))).toEqual([
        `${files['fragments.ts']}:6:5  Cannot query field "name" on type "ContentType".  (fragment TypeSummary)`,
      ]);

      // Without the file defining it, the fragment is unknown where it is spread (at its name, as graphql-js reports it).
      // Run as `npm --prefix atrium run` runs it from the client's folder: paths relative to that folder (INIT_CWD).
      const missing = await check(['pages/*.tsx', 'operations/**/*.graphql'], { INIT_CWD: path.dirname(files['fragments.ts']) });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('pages/types.tsx:4:31  Unknown fragment "TypeSummary".  (query PageTypes)\n');
      expect(missing.stderr).toContain('operations/latest.graphql:3:38  Unknown fragment "TypeSummary".  (query LatestType)\n');
    },
    SEVERAL_RUNS_MS,
  );

  it("reports positions on a template's first line, GraphQL syntax errors, code that does not parse, and warns of an operation name used twice", async () => {
    const files = writeFiles({
      'inline.ts': "import gql from 'graphql-tag';\nexport const q = gql`query Inline { contentTypes { nodes { slug } } }`;\n",
      'broken.ts': 'export const q = graphql(`\n  query Broken {\n    me { id\n  }\n`);\n',
      'invalid.ts': 'export const = graphql(`query X { me { id } }`);\n',
      'a.graphql': 'query Same { me { id } }\n',
      'b.graphql': '\nquery Same { me { name } }\n',
    });
    const result = await check(Object.values(files));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${files['inline.ts']}:2:60  Cannot query field "slug" on type "ContentType".  (query Inline)\n`);
    expect(result.stderr).toContain(`${files['broken.ts']}:5:1  Syntax Error: Expected Name, found <EOF>.\n`);
    expect(result.stderr).toMatch(new RegExp(`${files['invalid.ts']}:1:14  Cannot parse ${files['invalid.ts']}: .+\\n`));
    expect(result.stderr).toContain(`warning: operation name "Same" is used 2 times: ${files['a.graphql']}:1:1, ${files['b.graphql']}:2:1\n`);
  });
});

describe('when the check cannot run', () => {
  it(
    'exits 2 on a pattern matching no file, a file that is no manifest, or a folder; never a silent pass',
    async () => {
      const none = await check(['examples/**/*.graphql', 'clients/nothing-here/**/*.ts']);
      expect(none.code).toBe(2);
      expect(none.stderr).toBe('documents:check: No file matches clients/nothing-here/**/*.ts\n');
      expect(none.stdout).toBe('');

      const files = writeFiles({ 'package.json': '{ "name": "web", "private": true }', 'nothing.ts': 'export const x = 1;\n' });
      const notManifest = await check([files['package.json']]);
      expect(notManifest.code).toBe(2);
      expect(notManifest.stderr).toContain(`${files['package.json']} is not a trusted-document manifest (Apollo or Relay): Relay entry private must map to the operation text`);

      const noOperation = await check([files['nothing.ts']]);
      expect(noOperation.code).toBe(2);
      expect(noOperation.stderr).toMatch(/No GraphQL operation in the 1 file matched/);

      const folderArgument = await check(['examples']);
      expect(folderArgument.code).toBe(2);
      expect(folderArgument.stderr).toContain("examples is a folder: name its files, e.g. 'examples/**/*.ts'");

      const noSchema = await check(['examples/**/*.graphql', '--schema', path.join(folder, 'missing.graphql')]);
      expect(noSchema.code).toBe(2);
      expect(noSchema.stderr).toContain('Cannot read the schema');
    },
    SEVERAL_RUNS_MS,
  );
});

describe('--schema <gateway URL>', () => {
  let server: Server | undefined;
  afterAll(() => server?.close());

  it(
    'introspects the gateway with ATRIUM_API_KEY, and says so clearly when introspection is refused',
    async () => {
      const schema = buildSchema(readFileSync(schemaWithout('ContentType', 'name'), 'utf8'));
      const keys: (string | undefined)[] = [];
      server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          const key = request.headers['x-api-key'] as string | undefined;
          keys.push(key);
          response.setHeader('content-type', 'application/json');
          if (key !== 'atk_test') {
            response.statusCode = 401;
            response.end(JSON.stringify({ errors: [{ message: 'A credential is required', extensions: { code: 'UNAUTHENTICATED' } }] }));
            return;
          }
          response.end(JSON.stringify(graphqlSync({ schema, source: (JSON.parse(body) as { query: string }).query })));
        });
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;

      const result = await check(['examples/**/*.graphql', '--schema', url], { ATRIUM_API_KEY: 'atk_test' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('examples/list-content-types.graphql:9:7  Cannot query field "name" on type "ContentType".');
      expect(result.stderr).toContain(`against ${url}\n`);

      const refused = await check(['examples/**/*.graphql', '--schema', url]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(
        `documents:check: ${url} refused introspection (HTTP 401: UNAUTHENTICATED: A credential is required). Set ATRIUM_API_KEY to an API key of the API. Or check against a schema file: --schema schema/api.graphql\n`,
      );
      expect(keys).toEqual(['atk_test', undefined]);
    },
    SEVERAL_RUNS_MS,
  );
});
