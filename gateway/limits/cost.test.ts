// The cost formula of cost.ts on the committed supergraph: hand-computed examples, the
// members↔groups cycle of issue 11 at every depth, and introspection.
import { Kind, getIntrospectionQuery, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readCommittedSupergraph } from '../supergraph.js';
import { costVariables, operationCost } from './cost.js';
import { createOperationLimiter } from './operation-limiter.js';
import { DEFAULT_OPERATION_LIMITS } from './settings.js';

const limiter = createOperationLimiter({ supergraphSdl: readCommittedSupergraph() });

function costOf(query: string, variables: Record<string, unknown> = {}, operationName?: string): number {
  const document = parse(query);
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName)! : operations[0];
  return operationCost(limiter.schema, document, operation, variables);
}

/** `members { nodes { groups { nodes { members { … id } } } } }`: `cycles` times Member → MemberGroup → Member. */
function membersGroupsCycle(cycles: number): string {
  let selection = 'id';
  for (let cycle = 0; cycle < cycles; cycle++) selection = `members { nodes { groups { nodes { ${selection} } } } }`;
  return `{ memberGroups { nodes { ${selection} } } }`;
}

describe('operationCost', () => {
  it('counts each field 1 and multiplies a connection’s edges and nodes by first', () => {
    expect(costOf('{ me { id } }')).toBe(2);
    // 1 (members) + 1 (totalCount) + 50 × (1 node + 1 id + (1 groups + 1 totalCount))
    expect(costOf('{ members(first: 50) { totalCount nodes { id groups { totalCount } } } }')).toBe(202);
    // 1 + 3 × (1 edge + 1 cursor + (1 node + 1 id)) + (1 pageInfo + 1 hasNextPage)
    expect(costOf('{ members(first: 3) { edges { cursor node { id } } pageInfo { hasNextPage } } }')).toBe(15);
    expect(costOf('{ __typename }')).toBe(1);
  });

  it('reads first from variables, their defaults, or the default page size, clamped to 1..100', () => {
    const query = 'query($n: Int) { members(first: $n) { nodes { id } } }';
    expect(costOf(query, { n: 5 })).toBe(1 + 5 * 2);
    expect(costOf(query)).toBe(1 + 20 * 2);
    expect(costOf(query, { n: 1000 })).toBe(1 + 100 * 2);
    expect(costOf(query, { n: -4 })).toBe(1 + 1 * 2);
    expect(costOf('query($n: Int = 7) { members(first: $n) { nodes { id } } }')).toBe(1 + 7 * 2);
  });

  it('multiplies a list without paging by the default page size', () => {
    // 1 + 2 × (1 node + (20 workspaces × (1 + 1 id)))
    expect(costOf('{ contentTypes(first: 2) { nodes { id } } apiKeys(first: 1) { nodes { workspaces { id } } } }')).toBe(1 + 2 * 2 + 1 + 1 * (1 + 20 * 2));
  });

  it('sizes a connection by last as by first, and by the larger when both are given', () => {
    expect(costOf('query($n: Int) { members(last: $n) { nodes { id } } }', { n: 50 })).toBe(1 + 50 * 2);
    expect(costOf('{ members(last: 1000) { nodes { id } } }')).toBe(1 + 100 * 2);
    expect(costOf('{ members(first: 3, last: 60) { nodes { id } } }')).toBe(1 + 60 * 2);
    expect(costVariables(parse('query($a: Int, $b: Int) { members(last: $a) { nodes { groups(first: $b) { totalCount } } } }'))).toEqual(['a', 'b']);
  });

  it('counts a fragment each time it is spread, with the page size of where it is spread', () => {
    const query = 'query { a: members(first: 2) { ...Page } b: members(first: 3) { ...Page } } fragment Page on MemberConnection { nodes { id } }';
    expect(costOf(query)).toBe(1 + 2 * 2 + (1 + 3 * 2));
    // A fragment cycle is invalid (validation refuses it later); counting still ends.
    expect(costOf('{ me { ...A } } fragment A on User { id ...B } fragment B on User { ...A }')).toBe(2);
  });

  it('costs the operation that is named', () => {
    const document = 'query Small { me { id } } query Large { members(first: 100) { nodes { id } } }';
    expect(costOf(document, {}, 'Small')).toBe(2);
    expect(costOf(document, {}, 'Large')).toBe(201);
  });

  it('counts introspection by what it answers on this schema', () => {
    // PageInfo has four fields: 1 (__type) + 1 (name) + 4 × (1 + 1)
    expect(costOf('{ __type(name: "PageInfo") { name fields { name } } }')).toBe(10);
    expect(costOf('query($t: String!) { __type(name: $t) { name fields { name } } }', { t: 'PageInfo' })).toBe(10);
    expect(costOf('{ __type(name: "NoSuchType") { name } }')).toBe(1);
    const full = costOf(getIntrospectionQuery());
    console.log(`GraphiQL's introspection query costs ${full}`);
    expect(full).toBeGreaterThan(1000);
    // The playground introspects on every load: it must pass the default limit with room for
    // the schema to grow (a quarter of it; 10,755 of 50,000 with issue 17's accounts API).
    expect(full).toBeLessThan(DEFAULT_OPERATION_LIMITS.authenticated.maxCost / 4);
  });

  it('refuses the members↔groups cycle at every depth from 2 to 50, in milliseconds', () => {
    // One cycle is an honest query (each group's members, each member's groups): 20 × 42 + 1.
    expect(limiter.check(parse(membersGroupsCycle(1)), undefined, {}, 'authenticated').errors).toEqual([]);
    const timings: string[] = [];
    for (let cycles = 2; cycles <= 50; cycles++) {
      const started = performance.now();
      const parsed = limiter.parse(membersGroupsCycle(cycles), 'authenticated');
      const check = limiter.check(parsed.document!, undefined, {}, 'authenticated');
      timings.push(`${cycles}: ${(performance.now() - started).toFixed(2)} ms`);
      expect(check.errors.map((error) => error.extensions.code)).toContain('COST_LIMIT_EXCEEDED');
      expect(check.cost).toBeGreaterThan(DEFAULT_OPERATION_LIMITS.authenticated.maxCost);
    }
    console.log(`members↔groups refused (cycles: parse + check): ${timings.join(', ')}`);
  });
});
