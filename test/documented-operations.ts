// Finds the GraphQL operations shown in documentation, so a test can validate them
// against schema/api.graphql: ```graphql blocks of Markdown, the queries embedded in its
// curl and JavaScript examples, and .graphql files with their .json variables.
import { GraphQLError, Kind, getVariableValues, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

export interface DocumentedOperation {
  readonly file: string;
  /** Line of the file the operation starts on. */
  readonly line: number;
  readonly text: string;
  /** True when the text spans the file's lines as written (not a string with escaped newlines). */
  readonly verbatim: boolean;
  /** Variables shown with it (a .json file), checked against its variable definitions. */
  readonly variables?: Record<string, unknown>;
}

const FENCE = /^```([\w-]*)[^\n]*\n([\s\S]*?)^```/gm;
const CODE_LANGUAGES = new Set(['sh', 'bash', 'shell', 'console', 'js', 'javascript', 'mjs', 'ts', 'typescript', 'tsx', 'jsx', 'json']);
/**
 * In code: a `query` key or property with a string value, in any quotes (`"query":"…"` of a
 * curl body, `query: '…'` or `` query: `…` `` in JavaScript), and gql`…` / graphql`…` tags.
 */
const QUERY_PROPERTY = /(?:"query"|\bquery)\s*:\s*(?:"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|`([^`]*)`)/g;
const TAGGED_TEMPLATE = /\b(?:gql|graphql)\s*`([^`]*)`/g;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Undoes the escaping of a string literal: JSON for double quotes, JavaScript's for single quotes. */
function unquote(doubleQuoted: string | undefined, singleQuoted: string | undefined, template: string | undefined): string {
  if (doubleQuoted !== undefined) return JSON.parse(`"${doubleQuoted}"`) as string;
  if (singleQuoted !== undefined) return singleQuoted.replace(/\\(.)/g, '$1');
  return template!;
}

/** The operations of a code block (curl, fetch, Apollo Client), with the line each starts on. */
function operationsInCode(code: string): { line: number; text: string; verbatim: boolean }[] {
  const found: { line: number; text: string; verbatim: boolean }[] = [];
  for (const match of code.matchAll(QUERY_PROPERTY)) {
    found.push({ line: lineOf(code, match.index), text: unquote(match[1], match[2], match[3]), verbatim: match[3] !== undefined });
  }
  for (const match of code.matchAll(TAGGED_TEMPLATE)) found.push({ line: lineOf(code, match.index), text: match[1], verbatim: true });
  // A template literal with ${…} is built at run time; it cannot be checked as written.
  return found.filter(({ text }) => !text.includes('${'));
}

/** Every operation a Markdown file shows. */
export function operationsInMarkdown(file: string, markdown: string): DocumentedOperation[] {
  const operations: DocumentedOperation[] = [];
  for (const match of markdown.matchAll(FENCE)) {
    const language = match[1].toLowerCase();
    const body = match[2];
    // The block's first line is the one after the fence.
    const firstLine = lineOf(markdown, match.index) + 1;
    if (language === 'graphql' || language === 'gql') operations.push({ file, line: firstLine, text: body, verbatim: true });
    else if (CODE_LANGUAGES.has(language)) {
      for (const found of operationsInCode(body)) operations.push({ ...found, file, line: firstLine + found.line - 1 });
    }
  }
  return operations;
}

/** `file:line` of a GraphQL error: the line it points at when the text is as written, else where the operation starts. */
function locate(operation: DocumentedOperation, error: GraphQLError): string {
  const offset = operation.verbatim ? (error.locations?.[0]?.line ?? 1) - 1 : 0;
  return `${operation.file}:${operation.line + offset}`;
}

/** What is wrong with each operation against the schema: `README.md:42: Cannot query field …`. */
export function operationProblems(schema: GraphQLSchema, operations: readonly DocumentedOperation[]): string[] {
  const problems: string[] = [];
  for (const operation of operations) {
    let document;
    try {
      document = parse(operation.text);
    } catch (error) {
      problems.push(`${locate(operation, error as GraphQLError)}: ${(error as GraphQLError).message}`);
      continue;
    }
    const errors = validate(schema, document);
    problems.push(...errors.map((error) => `${locate(operation, error)}: ${error.message}`));
    if (errors.length > 0 || operation.variables === undefined) continue;
    const definitions = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    const declared = new Set(definitions.flatMap((definition) => definition.variableDefinitions?.map((variable) => variable.variable.name.value) ?? []));
    const at = `${operation.file}:${operation.line}`;
    for (const name of Object.keys(operation.variables)) {
      if (!declared.has(name)) problems.push(`${at}: variable $${name} is not declared by the operation`);
    }
    for (const definition of definitions) {
      const coerced = getVariableValues(schema, definition.variableDefinitions ?? [], operation.variables);
      problems.push(...(coerced.errors ?? []).map((error) => `${at}: ${error.message}`));
    }
  }
  return problems;
}
