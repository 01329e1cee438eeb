// The operation limits against what real clients send (every documented operation, the
// authorization suite's, GraphiQL's introspection) and against the attacks of issue 11.
import { getIntrospectionQuery, parse, validate, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readCommittedSupergraph } from '../supergraph.js';
import { hideSuggestions, withoutSuggestions } from './field-suggestions.js';
import { createOperationLimiter } from './operation-limiter.js';
import { referenceOperations } from './reference-operations.js';
import { DEFAULT_OPERATION_LIMITS } from './settings.js';

const limiter = createOperationLimiter({ supergraphSdl: readCommittedSupergraph() });

const codes = (errors: readonly GraphQLError[]) => errors.map((error) => error.extensions.code);
const aliases = (count: number, selection: string) => Array.from({ length: count }, (_, index) => `a${index}: ${selection}`).join(' ');

/** Timed, so a refusal that takes long shows in the output. */
function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  console.log(`${label}: ${(performance.now() - started).toFixed(2)} ms`);
  return result;
}

describe('the default limits and what clients send', () => {
  it('pass every documented operation, the authorization suite and GraphiQL’s introspection query', async () => {
    const operations = await referenceOperations();
    // README, docs, examples, the authorization suite, introspection: if few were found, the finders broke.
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.filter((operation) => operation.audience === 'anonymous').length).toBeGreaterThanOrEqual(4);
    const refused: string[] = [];
    for (const operation of operations) {
      const audiences = operation.audience === 'anonymous' ? (['authenticated', 'anonymous'] as const) : (['authenticated'] as const);
      for (const audience of audiences) {
        const parsed = limiter.parse(operation.query, audience);
        const errors = parsed.error ? [parsed.error] : limiter.check(parsed.document, undefined, operation.variables, audience).errors;
        refused.push(...errors.map((error) => `${operation.source} (${audience}): ${error.message}`));
      }
    }
    expect(refused).toEqual([]);
  });
});

describe('parse', () => {
  it('refuses a document over the size limit in bytes, before parsing it', () => {
    const { error } = limiter.parse(`{ me { id } } # ${'é'.repeat(1500)}`, 'anonymous');
    expect(error?.extensions).toEqual({ code: 'DOCUMENT_TOO_LARGE', limit: 2048, actual: 3016 });
    expect(error?.message).toBe('Document size in bytes 3016 exceeds the limit of 2048');
  });

  it('refuses a document over the token limit with its actual token count', () => {
    const { error } = limiter.parse(`{ ${aliases(100, '__typename')} }`, 'anonymous');
    expect(error?.extensions).toEqual({ code: 'TOKEN_LIMIT_EXCEEDED', limit: 200, actual: 302 });
  });

  it('answers bad syntax with GRAPHQL_PARSE_FAILED and where it is', () => {
    const { error } = limiter.parse('{ me { id }', 'authenticated');
    expect(error?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(error?.locations).toEqual([{ line: 1, column: 12 }]);
  });

  it('gives the same document for the same text, so later checks reuse their counts', () => {
    const first = limiter.parse('{ me { id } }', 'authenticated').document;
    expect(limiter.parse('{ me { id } }', 'authenticated').document).toBe(first);
  });

  it('refuses a selection nested 2,000 or 12,000 levels deep without overflowing the stack', () => {
    // 12,000 levels fit in the size limit (60 KB): the token limit stops the parser's recursion.
    for (const levels of [2_000, 12_000]) {
      const query = `${'{ a '.repeat(levels)}${'}'.repeat(levels)}`;
      const { error } = timed(`${levels} levels deep, parse`, () => limiter.parse(query, 'authenticated'));
      expect(error?.extensions.code).toBe('TOKEN_LIMIT_EXCEEDED');
    }
  });
});

describe('check refuses the attacks of issue 11', () => {
  it('10,000 aliases of contentTypes { totalCount }', () => {
    const query = `{ ${aliases(10_000, 'contentTypes { totalCount }')} }`;
    expect(limiter.parse(query, 'authenticated').error?.extensions.code).toBe('DOCUMENT_TOO_LARGE');
    // 1,000 of them fit in 64 KiB, not in 5,000 tokens.
    expect(limiter.parse(`{ ${aliases(1_000, 'contentTypes { totalCount }')} }`, 'authenticated').error?.extensions).toEqual({
      code: 'TOKEN_LIMIT_EXCEEDED',
      limit: 5000,
      actual: 6002,
    });
    // Parsed elsewhere, without the token limit, the operation limits still refuse it.
    const { errors } = timed('10,000 aliases, check', () => limiter.check(parse(query), undefined, {}, 'authenticated'));
    expect(codes(errors)).toEqual(['ROOT_FIELD_LIMIT_EXCEEDED', 'ALIAS_LIMIT_EXCEEDED']);
    expect(errors[1].extensions).toEqual({ code: 'ALIAS_LIMIT_EXCEEDED', limit: 30, actual: 10_000 });
  });

  it('58,000 aliases of __typename, without a credential and with one', () => {
    const query = `{ ${aliases(58_000, '__typename')} }`;
    expect(limiter.parse(query, 'anonymous').error?.extensions.code).toBe('DOCUMENT_TOO_LARGE');
    const document = parse(query);
    const anonymous = timed('58,000 __typename aliases, check', () => limiter.check(document, undefined, {}, 'anonymous'));
    expect(codes(anonymous.errors)).toEqual(['ROOT_FIELD_LIMIT_EXCEEDED', 'ALIAS_LIMIT_EXCEEDED', 'COST_LIMIT_EXCEEDED']);
    expect(anonymous.cost).toBe(58_000);
    // graphql-armor lets __typename aliases through by default; here they count.
    expect(codes(limiter.check(document, undefined, {}, 'authenticated').errors)).toContain('ALIAS_LIMIT_EXCEEDED');
  });

  it('an aliased introspection query', () => {
    const introspection = getIntrospectionQuery();
    const fragments = introspection.slice(introspection.indexOf('fragment FullType'));
    const query = `{ ${aliases(20, '__schema { queryType { name } types { ...FullType } directives { name args { ...InputValue } } }')} } ${fragments}`;
    const parsed = limiter.parse(query, 'authenticated');
    const { errors, cost } = timed('20 aliased introspections, check', () => limiter.check(parsed.document!, undefined, {}, 'authenticated'));
    expect(codes(errors)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(cost).toBeGreaterThan(20 * 5000);
  });

  it('a nested introspection query, which grows like any other', () => {
    let selection = 'name';
    for (let level = 0; level < 6; level++) selection = `fields { type { ofType { ${selection} } } }`;
    const { errors } = limiter.check(parse(`{ __schema { types { ${selection} } } }`), undefined, {}, 'authenticated');
    expect(codes(errors)).toContain('DEPTH_LIMIT_EXCEEDED');
  });

  it('a selection 2,000 levels deep parsed elsewhere, without overflowing the stack', () => {
    let selection = 'id';
    for (let level = 0; level < 500; level++) selection = `members { nodes { groups { nodes { ${selection} } } } }`;
    const document = parse(`{ memberGroups { nodes { ${selection} } } }`);
    const { errors } = timed('2,000 levels deep, check', () => limiter.check(document, undefined, {}, 'authenticated'));
    expect(codes(errors)).toEqual(['DEPTH_LIMIT_EXCEEDED', 'COST_LIMIT_EXCEEDED']);
    expect(errors[0].message).toBe('Query depth 2003 exceeds the limit of 20');
  });

  it('variables nested 200,000 levels deep, or holding too many values', () => {
    let nested: unknown = 'x';
    for (let level = 0; level < 200_000; level++) nested = { nested };
    const deep = timed('200,000-level variable, check', () => limiter.check(parse('query($input: JSON) { __typename }'), undefined, { input: nested }, 'authenticated'));
    expect(deep.errors.map((error) => error.extensions)).toEqual([{ code: 'VARIABLES_LIMIT_EXCEEDED', limit: 16, actual: 17, limitName: 'depth' }]);
    const wide = limiter.check(parse('query($ids: [ID!]!) { __typename }'), undefined, { ids: Array.from({ length: 20_000 }, (_, index) => String(index)) }, 'authenticated');
    expect(wide.errors.map((error) => error.extensions)).toEqual([{ code: 'VARIABLES_LIMIT_EXCEEDED', limit: 10_000, actual: 20_001, limitName: 'values' }]);
  });

  it('lists every limit exceeded, root fields, directives and depth included', () => {
    const settings = { ...DEFAULT_OPERATION_LIMITS, authenticated: { ...DEFAULT_OPERATION_LIMITS.authenticated, maxRootFields: 1, maxDirectives: 1, maxDepth: 1 } };
    const strict = createOperationLimiter({ supergraphSdl: readCommittedSupergraph(), settings });
    const { errors } = strict.check(parse('{ me { id @include(if: true) } workspace { id @skip(if: false) } }'), undefined, {}, 'authenticated');
    expect(errors.map((error) => [error.extensions.code, error.extensions.actual])).toEqual([
      ['ROOT_FIELD_LIMIT_EXCEEDED', 2],
      ['DIRECTIVE_LIMIT_EXCEEDED', 2],
      ['DEPTH_LIMIT_EXCEEDED', 2],
    ]);
  });

  it('costs the operation named by operationName, and follows the variables', () => {
    const document = limiter.parse('query Small { me { id } } query Pages($n: Int) { members(first: $n) { nodes { id } } }', 'authenticated').document!;
    expect(limiter.check(document, 'Small', {}, 'authenticated').cost).toBe(2);
    expect(limiter.check(document, 'Pages', { n: 10 }, 'authenticated').cost).toBe(21);
    expect(limiter.check(document, 'Pages', { n: 100 }, 'authenticated').cost).toBe(201);
    expect(limiter.check(document, 'Pages', { n: 10 }, 'authenticated').cost).toBe(21);
  });
});

describe('field suggestions', () => {
  it('are removed from every kind of "Did you mean" message', () => {
    const messages = validate(limiter.schema, parse('{ me { nmae } workspacs { id } members(frist: 2) { totalCount } }')).map((error) => error.message);
    expect(messages.every((message) => message.includes('Did you mean'))).toBe(true);
    expect(messages.map(withoutSuggestions)).toEqual([
      'Cannot query field "nmae" on type "User".',
      'Cannot query field "workspacs" on type "Query".',
      'Unknown argument "frist" on field "Query.members".',
    ]);
    expect(withoutSuggestions('Cannot query field "id" on type "Node". Did you mean to use an inline fragment on "Member"?')).toBe('Cannot query field "id" on type "Node".');
    expect(withoutSuggestions('Value "OWNR" does not exist in "Role" enum. Did you mean the enum value "OWNER"?')).toBe('Value "OWNR" does not exist in "Role" enum.');
  });

  it('are removed from errors and formatted errors, keeping the rest', () => {
    const [error] = validate(limiter.schema, parse('{ me { nmae } }'));
    const hidden = hideSuggestions(error);
    expect(hidden.message).toBe('Cannot query field "nmae" on type "User".');
    expect(hidden.locations).toEqual(error.locations);
    expect(hideSuggestions({ message: 'Unknown type "Usr". Did you mean "User"?', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })).toEqual({
      message: 'Unknown type "Usr".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
