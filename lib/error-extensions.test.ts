// The schema's ErrorCode / ErrorExtensions / FieldError (schema/api.graphql, what clients
// generate types from) against what the code really emits: every code of ERROR_GUIDANCE is
// an ErrorCode value, and every key any error builder puts into `extensions` is a field of
// ErrorExtensions. The keys are read from the source itself (every `extensions: { … }`
// literal and the extras given to badUserInput / forbidden / limitExceeded), so a new key fails here
// until the schema declares it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { limitExceeded } from '../gateway/limits/limit-error.js';
import { ERROR_EXTENSION_DESCRIPTIONS, ERROR_GUIDANCE, createErrorFormatter, invalidInput, notFound, rateLimited, unauthenticated, workspaceRequired } from './errors.js';
import { invalidCursor } from './cursor.js';
import { repositoryPath } from './paths.js';
import { insufficientScope } from './scopes-directive.js';
import { ALL_SCOPES, scopeEnumName } from './scopes.js';

const SOURCE_FOLDERS = ['lib', 'gateway', 'subgraphs'];
/**
 * Keys that never reach a client: `response` is what a subgraph answered over HTTP when it
 * failed (gateway/subgraph-data-source.ts); that error has no code of ours, so the
 * gateway's formatter masks it as INTERNAL_SERVER_ERROR.
 */
const NEVER_SENT = new Set(['response']);
/** Builders whose argument at this index is merged into `extensions`. */
const EXTENSION_ARGUMENTS: Readonly<Record<string, number>> = { badUserInput: 1, forbidden: 1, limitExceeded: 4 };

let schema: GraphQLSchema;
let extensionsType: GraphQLObjectType;
beforeAll(() => {
  schema = buildSchema(readFileSync(repositoryPath('schema/api.graphql'), 'utf8'));
  const type = schema.getType('ErrorExtensions');
  if (!isObjectType(type)) throw new Error('schema/api.graphql has no ErrorExtensions type');
  extensionsType = type;
});

function sourceFiles(folder: string): string[] {
  return readdirSync(repositoryPath(folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.includes('migrations'))
    .map((file) => path.join(folder, file));
}

interface Emitted {
  readonly key: string;
  readonly at: string;
}

const unwrap = (node: ts.Expression): ts.Expression => (ts.isSatisfiesExpression(node) || ts.isAsExpression(node) || ts.isParenthesizedExpression(node) ? unwrap(node.expression) : node);

let scanned: { keys: Emitted[]; codes: Emitted[] } | undefined;

/** Every key put into an error's `extensions` in the source, and every literal code. */
function emittedInSource(): { keys: Emitted[]; codes: Emitted[] } {
  scanned ??= scanSource();
  return scanned;
}

function scanSource(): { keys: Emitted[]; codes: Emitted[] } {
  const keys: Emitted[] = [];
  const codes: Emitted[] = [];
  for (const file of SOURCE_FOLDERS.flatMap(sourceFiles)) {
    const source = ts.createSourceFile(file, readFileSync(repositoryPath(file), 'utf8'), ts.ScriptTarget.Latest, true);
    const at = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const codeValue = (node: ts.Expression): string | undefined => {
      const value = unwrap(node);
      if (ts.isStringLiteral(value)) return value.text;
      if (ts.isPropertyAccessExpression(value) && ts.isIdentifier(value.expression) && value.expression.text === 'ErrorCode') return value.name.text;
      return undefined;
    };
    const collect = (literal: ts.ObjectLiteralExpression) => {
      for (const property of literal.properties) {
        if (!(ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) || !ts.isIdentifier(property.name)) continue;
        keys.push({ key: property.name.text, at: at(property) });
        const code = property.name.text === 'code' && ts.isPropertyAssignment(property) ? codeValue(property.initializer) : undefined;
        if (code) codes.push({ key: code, at: at(property) });
      }
    };
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'extensions' && ts.isObjectLiteralExpression(unwrap(node.initializer))) {
        collect(unwrap(node.initializer) as ts.ObjectLiteralExpression);
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text in EXTENSION_ARGUMENTS) {
        const argument = node.arguments[EXTENSION_ARGUMENTS[node.expression.text]];
        if (argument && ts.isObjectLiteralExpression(unwrap(argument))) collect(unwrap(argument) as ts.ObjectLiteralExpression);
      }
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'HttpError' && node.arguments?.[1]) {
        const code = codeValue(node.arguments[1]);
        if (code) codes.push({ key: code, at: at(node) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { keys, codes };
}

describe('ErrorCode in schema/api.graphql', () => {
  it('has exactly the codes of ERROR_GUIDANCE, each described', () => {
    const type = schema.getType('ErrorCode');
    if (!isEnumType(type)) throw new Error('schema/api.graphql has no ErrorCode enum');
    expect(type.getValues().map((value) => value.name)).toEqual(Object.keys(ERROR_GUIDANCE));
    for (const value of type.getValues()) expect(value.description, value.name).toContain(ERROR_GUIDANCE[value.name as keyof typeof ERROR_GUIDANCE].when);
  });

  it('has every code the source raises by name', () => {
    const { codes } = emittedInSource();
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.filter(({ key }) => !(key in ERROR_GUIDANCE))).toEqual([]);
  });
});

describe('ErrorExtensions in schema/api.graphql', () => {
  it('declares code and every key of ERROR_EXTENSION_DESCRIPTIONS, each described, and FieldError keeps { field, reason }', () => {
    const fields = extensionsType.getFields();
    expect(Object.keys(fields)).toEqual(['code', ...Object.keys(ERROR_EXTENSION_DESCRIPTIONS)]);
    expect(String(fields.code.type)).toBe('ErrorCode!');
    expect(String(fields.fieldErrors.type)).toBe('[FieldError!]');
    expect(String(fields.requiredScopes.type)).toBe('[[Scope!]!]');
    for (const field of Object.values(fields)) expect(field.description, field.name).toBeTruthy();
    const fieldError = schema.getType('FieldError') as GraphQLObjectType;
    expect(Object.fromEntries(Object.values(fieldError.getFields()).map((field) => [field.name, String(field.type)]))).toEqual({ field: 'String!', reason: 'String!' });
  });

  it('has a field for every extension key the source emits', () => {
    const { keys } = emittedInSource();
    const declared = new Set(Object.keys(extensionsType.getFields()));
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter(({ key }) => !declared.has(key) && !NEVER_SENT.has(key))).toEqual([]);
  });

  it('has a field for every key the error builders produce, with a value of its type', () => {
    const masked = createErrorFormatter({ error: () => undefined } as never, () => 'correlation-1')({ message: 'boom' }, new Error('boom'));
    const built = [
      unauthenticated().extensions,
      workspaceRequired().extensions,
      notFound('Item').extensions,
      invalidInput([{ field: 'name', reason: 'must be 1 to 100 characters' }]).extensions,
      invalidCursor().extensions,
      rateLimited('slow down', 2.5).extensions,
      insufficientScope([['items:read', 'types:read'], ['read']]).extensions,
      limitExceeded('VARIABLES_LIMIT_EXCEEDED', 'Nesting depth of the variables', 40, 32, { limitName: 'depth' }).extensions,
      masked.extensions ?? {},
    ];
    const fields = extensionsType.getFields();
    const scopeNames = new Set(ALL_SCOPES.map(scopeEnumName));
    for (const extensions of built) {
      for (const [key, value] of Object.entries(extensions)) {
        expect(fields[key], key).toBeDefined();
        const type = String(fields[key].type).replace(/!$/, '');
        if (type === 'Int') expect(Number.isInteger(value), key).toBe(true);
        if (type === 'String' || type === 'ErrorCode') expect(typeof value, key).toBe('string');
        if (type === 'ErrorCode') expect(value as string, key).toSatisfy((code: string) => code in ERROR_GUIDANCE);
        if (key === 'requiredScopes') expect((value as string[][]).flat().every((scope) => scopeNames.has(scope))).toBe(true);
        if (key === 'fieldErrors') for (const problem of value as object[]) expect(Object.keys(problem).sort()).toEqual(['field', 'reason']);
      }
    }
  });
});
