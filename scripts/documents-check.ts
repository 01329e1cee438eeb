// `npm run documents:check -- <files or globs…> [--schema <file or URL>]`: validates a
// client's operations against the API schema, so that a frontend's CI fails before merge
// when the API (or a proposed one) no longer has what the client uses. Reads `.graphql`
// files, operations in JavaScript and TypeScript files, and trusted-document manifests
// (scripts/client-documents.ts); fragments resolve across all the files of a run, as
// GraphQL Code Generator's client preset spreads them. The schema (default: the committed
// schema/api.graphql) may be an API schema, a supergraph, an introspection result, or a
// running gateway's URL (introspected with ATRIUM_API_KEY).
// Exit 0: every operation is valid; 1: problems, each printed as `file:line:column  message`;
// 2: the check could not run (no file matches a pattern, an unreadable file or schema).
import { globSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  GraphQLError,
  Kind,
  NoUnusedFragmentsRule,
  buildASTSchema,
  buildClientSchema,
  getIntrospectionQuery,
  getLocation,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  type ASTNode,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type IntrospectionQuery,
  type Source,
} from 'graphql';
import { repositoryPath } from '../lib/paths.js';
import { CodeSyntaxError, DOCUMENT_EXTENSIONS, DocumentFileError, positionInFile, readClientDocuments, type ClientDocument } from './client-documents.js';

const USAGE = `usage: npm run documents:check -- <file or glob>… [--schema <schema file or gateway URL>]
  files: ${DOCUMENT_EXTENSIONS.join(' ')} (a manifest: Apollo's or Relay's persisted queries); quote globs, '!<glob>' leaves files out
  --schema: an API schema (SDL), a supergraph, an introspection result (.json), or http(s)://…/graphql with ATRIUM_API_KEY; default schema/api.graphql`;

/** "1 file", "3 files". */
const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The check cannot run: exit 2. */
class UsageError extends Error {}

/** Every file the arguments name, in order, once each; a pattern matching no file is an error, never a silent pass. */
function matchedFiles(patterns: readonly string[]): string[] {
  const excluded = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  const files = new Set<string>();
  for (const pattern of patterns.filter((pattern) => !pattern.startsWith('!'))) {
    // Globs are expanded here, not by the shell: a quoted pattern works the same in every shell and CI.
    const matches = globSync(pattern, { exclude: excluded })
      .filter((file) => statSync(file, { throwIfNoEntry: false })?.isFile())
      .sort();
    if (matches.length === 0) {
      const folder = statSync(pattern, { throwIfNoEntry: false })?.isDirectory();
      throw new UsageError(folder ? `${pattern} is a folder: name its files, e.g. '${path.join(pattern, '**/*.ts')}'` : `No file matches ${pattern}`);
    }
    for (const file of matches) files.add(file);
  }
  return [...files];
}

interface CheckedSchema {
  readonly schema: GraphQLSchema;
  readonly label: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema of an introspection answer (`{ data: { __schema } }` or `{ __schema }`), undefined when it holds none. */
function introspectedSchema(answer: unknown): GraphQLSchema | undefined {
  const result = isRecord(answer) && isRecord(answer.data) ? answer.data : answer;
  if (!isRecord(result) || !isRecord(result.__schema)) return undefined;
  return buildClientSchema(result as unknown as IntrospectionQuery);
}

/** A supergraph (`@link`, `join__` definitions) rather than an API schema. */
function isSupergraph(document: DocumentNode): boolean {
  return document.definitions.some(
    (definition) =>
      (definition.kind === Kind.DIRECTIVE_DEFINITION && definition.name.value.startsWith('join__')) ||
      ((definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION) && definition.directives?.some((directive) => directive.name.value === 'link')),
  );
}

async function schemaFromFile(file: string, label: string): Promise<GraphQLSchema> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the schema ${label}: ${(error as Error).message}`);
  }
  try {
    if (text.trimStart().startsWith('{')) {
      const schema = introspectedSchema(JSON.parse(text));
      if (!schema) throw new Error('a JSON schema must be an introspection result ({ "data": { "__schema": … } } or { "__schema": … })');
      return schema;
    }
    const document = parse(text);
    if (!isSupergraph(document)) return buildASTSchema(document);
    // Federation's own code turns a supergraph into what clients see (loaded only when needed: it is big).
    const { apiSchemaOf } = await import('./api-schema.js');
    return apiSchemaOf(text);
  } catch (error) {
    throw new UsageError(`Cannot use ${label} as a schema: ${(error as Error).message}`);
  }
}

async function schemaFromGateway(url: string): Promise<GraphQLSchema> {
  const apiKey = process.env.ATRIUM_API_KEY;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
      body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: false, inputValueDeprecation: true, oneOf: true }) }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new UsageError(`Cannot reach ${url}: ${(error as Error).message}`);
  }
  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    throw new UsageError(`${url} answered HTTP ${response.status} without JSON: is it a GraphQL endpoint?`);
  }
  const schema = response.ok ? introspectedSchema(answer) : undefined;
  if (schema) return schema;
  const errors = isRecord(answer) && Array.isArray(answer.errors) ? (answer.errors as { message?: unknown; extensions?: { code?: unknown } }[]) : [];
  const reasons = errors.map((error) => `${typeof error.extensions?.code === 'string' ? `${error.extensions.code}: ` : ''}${String(error.message)}`).join('; ');
  const hint = apiKey ? '' : ' Set ATRIUM_API_KEY to an API key of the API.';
  throw new UsageError(`${url} refused introspection (HTTP ${response.status}${reasons ? `: ${reasons}` : ''}).${hint} Or check against a schema file: --schema schema/api.graphql`);
}

async function loadSchema(option: string | undefined): Promise<CheckedSchema> {
  if (option && /^https?:\/\//i.test(option)) return { schema: await schemaFromGateway(option), label: option };
  if (option) return { schema: await schemaFromFile(option, option), label: option };
  const file = repositoryPath('schema/api.graphql');
  const label = path.relative(process.cwd(), file);
  return { schema: await schemaFromFile(file, label), label };
}

interface ParsedDocument {
  readonly document: ClientDocument;
  readonly ast: DocumentNode;
}

interface Fragment {
  readonly definition: FragmentDefinitionNode;
  readonly document: ClientDocument;
}

/** The file position of a node (a GraphQLError's nodes may come from several documents: a fragment of another file). */
function nodePosition(documents: ReadonlyMap<Source, ClientDocument>, node: ASTNode): string | undefined {
  const loc = node.loc;
  const document = loc && documents.get(loc.source);
  return document && positionInFile(document, getLocation(loc.source, loc.start));
}

function definitionLabel(definition: DefinitionNode): string {
  if (definition.kind === Kind.FRAGMENT_DEFINITION) return `fragment ${definition.name.value}`;
  if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name ? `${definition.operation} ${definition.name.value}` : `anonymous ${definition.operation}`;
  return definition.kind;
}

/** The fragments a document spreads but does not define, from the run's other files, with those they spread in turn. */
function borrowedFragments(ast: DocumentNode, fragments: ReadonlyMap<string, Fragment>): FragmentDefinitionNode[] {
  const own = new Set(ast.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [definition.name.value] : [])));
  const borrowed = new Map<string, FragmentDefinitionNode>();
  const follow = (node: ASTNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        // An unknown name stays unknown: validation reports it where it is spread.
        if (own.has(name) || borrowed.has(name) || !fragment) return;
        borrowed.set(name, fragment.definition);
        follow(fragment.definition);
      },
    });
  follow(ast);
  return [...borrowed.values()];
}

// A fragment defined for other files to spread is not unused (Code Generator's client preset
// writes one graphql() call per fragment); every other rule is graphql-js's own.
const RULES = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);

function parseArguments() {
  try {
    return parseArgs({ allowPositionals: true, options: { schema: { type: 'string' }, help: { type: 'boolean' } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

async function main(): Promise<number> {
  const parsed = parseArguments();
  // `npm run` (and `npm --prefix atrium run` from a client's repository) runs this in Atrium's
  // folder; the paths on the command line are relative to where npm was run, and so are those printed.
  if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  if (parsed.positionals.filter((pattern) => !pattern.startsWith('!')).length === 0) throw new UsageError(`Name the files to check.\n${USAGE}`);
  const files = matchedFiles(parsed.positionals);
  const { schema, label } = await loadSchema(parsed.values.schema);

  const problems: string[] = [];
  const warnings: string[] = [];
  const documents: ClientDocument[] = [];
  for (const file of files) {
    try {
      documents.push(...readClientDocuments(file));
    } catch (error) {
      if (error instanceof DocumentFileError) throw new UsageError(error.message);
      if (!(error instanceof CodeSyntaxError)) throw error;
      problems.push(`${file}:${error.line}:${error.column}  ${error.message}`);
    }
  }
  const bySource = new Map(documents.map((document) => [document.source, document]));

  const parsedDocuments: ParsedDocument[] = [];
  for (const document of documents) {
    try {
      parsedDocuments.push({ document, ast: parse(document.source) });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      const where = error.locations?.[0] ? positionInFile(document, error.locations[0]) : positionInFile(document, { line: 1, column: 1 });
      problems.push(`${where}  ${error.message}`);
    }
  }

  // Fragments first, from every file: an operation may spread one defined in another file.
  const fragments = new Map<string, Fragment>();
  const operations = new Map<string, string[]>();
  let operationCount = 0;
  for (const { document, ast } of parsedDocuments) {
    for (const definition of ast.definitions) {
      const where = nodePosition(bySource, definition)!;
      if (definition.kind === Kind.OPERATION_DEFINITION) {
        operationCount += 1;
        if (definition.name) operations.set(definition.name.value, [...(operations.get(definition.name.value) ?? []), where]);
      }
      if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
      const known = fragments.get(definition.name.value);
      if (!known) fragments.set(definition.name.value, { definition, document });
      // The same text twice is harmless (a manifest repeats a fragment in each operation that spreads it).
      else if (print(known.definition) !== print(definition)) {
        problems.push(`${where}  Fragment "${definition.name.value}" is also defined, differently, at ${nodePosition(bySource, known.definition)}: check each client's files in a run of their own`);
      }
    }
  }
  for (const [name, places] of operations) {
    if (places.length > 1) warnings.push(`warning: operation name "${name}" is used ${places.length} times: ${places.join(', ')}`);
  }

  const reported = new Set<string>();
  for (const { document, ast } of parsedDocuments) {
    const whole: DocumentNode = { ...ast, definitions: [...ast.definitions, ...borrowedFragments(ast, fragments)] };
    for (const error of validate(schema, whole, RULES)) {
      const node = error.nodes?.find((candidate) => candidate.loc && bySource.has(candidate.loc.source));
      const where = (node && nodePosition(bySource, node)) ?? positionInFile(document, { line: 1, column: 1 });
      const definition = node?.loc && whole.definitions.find((candidate) => candidate.loc?.source === node.loc!.source && candidate.loc.start <= node.loc!.start && node.loc!.end <= candidate.loc.end);
      const problem = `${where}  ${error.message}${definition ? `  (${definitionLabel(definition)})` : ''}`;
      // A fragment's problem is found again in each operation that spreads it: reported once.
      if (reported.has(problem)) continue;
      reported.add(problem);
      problems.push(problem);
    }
  }

  const filesWithDocuments = new Set(documents.map((document) => document.file)).size;
  for (const warning of warnings) console.error(warning);
  if (problems.length > 0) {
    for (const problem of problems) console.error(problem);
    console.error(`documents:check failed: ${counted(problems.length, 'problem')} in ${counted(operationCount, 'operation')} of ${counted(filesWithDocuments, 'file')} against ${label}`);
    return 1;
  }
  if (documents.length === 0) throw new UsageError(`No GraphQL operation in the ${counted(files.length, 'file')} matched (${parsed.positionals.join(' ')})`);
  console.log(`documents:check: ${counted(operationCount, 'operation')} in ${counted(filesWithDocuments, 'file')} ${operationCount === 1 ? 'is' : 'are'} valid against ${label}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`documents:check: ${error.message}`);
      process.exit(2);
    }
    console.error(`documents:check failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
