// The operations real clients send, against which the default limits are held (the
// limits test and `npm run bench:limits`): every operation the README, docs/ and examples/
// show, every operation of the authorization suite (run with placeholder fixtures), and
// GraphiQL's introspection query. Operations on public root fields only are also what an
// anonymous caller sends.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Kind, getIntrospectionQuery, parse, type OperationDefinitionNode } from 'graphql';
import { exampleNames, loadExample } from '../../examples/run.js';
import { repositoryPath } from '../../lib/paths.js';
import { publicRootFieldsOfSupergraph, type PublicRootFields } from '../../lib/scopes-directive.js';
import { CASES } from '../../test/authorization/cases.js';
import type { Fixtures } from '../../test/authorization/fixtures.js';
import { operationsInMarkdown } from '../../test/documented-operations.js';
import { readCommittedSupergraph } from '../supergraph.js';
import type { Audience } from './settings.js';

export interface ReferenceOperation {
  /** Where it comes from: `README.md:42`, `authorization Query.me`, `GraphiQL introspection`. */
  readonly source: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** `anonymous` when a caller without a credential may send it (only public root fields). */
  readonly audience: Audience;
}

/** Every property, call and await of it gives itself; as a string or in JSON it is "placeholder". */
function placeholder(): unknown {
  const self: unknown = new Proxy(() => undefined, {
    get: (_target, property) => {
      if (property === 'then') return undefined;
      // A URL, so that seeds reading a mailed link (new URL(link)) get through too.
      if (property === Symbol.toPrimitive || property === 'toJSON' || property === 'toString') return () => 'https://placeholder.invalid/';
      return self;
    },
    apply: () => self,
  });
  return self;
}

function audienceOf(query: string, publicFields: PublicRootFields): Audience {
  const operations = parse(query).definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const anyoneMaySend = operations.every((operation) =>
    publicFields.allows(
      operation.operation,
      operation.selectionSet.selections.map((selection) => (selection.kind === Kind.FIELD ? selection.name.value : '')),
    ),
  );
  return anyoneMaySend ? 'anonymous' : 'authenticated';
}

function markdownFiles(): string[] {
  const inFolder = (folder: string) =>
    readdirSync(repositoryPath(folder))
      .filter((file) => file.endsWith('.md'))
      .map((file) => path.posix.join(folder, file));
  return ['README.md', ...inFolder('docs'), ...inFolder('examples')];
}

export async function referenceOperations(): Promise<ReferenceOperation[]> {
  const found: Omit<ReferenceOperation, 'audience'>[] = [];
  for (const file of markdownFiles()) {
    for (const operation of operationsInMarkdown(file, readFileSync(repositoryPath(file), 'utf8'))) {
      found.push({ source: `${operation.file}:${operation.line}`, query: operation.text, variables: operation.variables ?? {} });
    }
  }
  for (const name of exampleNames()) {
    const { query, variables } = loadExample(name);
    found.push({ source: `examples/${name}.graphql`, query, variables });
  }
  const fixtures = placeholder() as Fixtures;
  for (const [coordinate, authorizationCase] of Object.entries(CASES)) {
    for (const [label, make] of [
      ['operation', authorizationCase.operation],
      ['foreign', authorizationCase.foreign],
    ] as const) {
      if (!make) continue;
      const { query, variables } = await make(fixtures);
      found.push({ source: `authorization ${coordinate} (${label})`, query, variables: JSON.parse(JSON.stringify(variables ?? {})) as Record<string, unknown> });
    }
  }
  const introspection = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true });
  found.push({ source: 'GraphiQL introspection', query: introspection, variables: {} });
  const publicFields = publicRootFieldsOfSupergraph(readCommittedSupergraph());
  return found.map((operation) => ({ ...operation, audience: audienceOf(operation.query, publicFields) }));
}
