import 'reflect-metadata';
import { graphql, type GraphQLSchema } from 'graphql';
import { Arg, buildSchema, Query, Resolver } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { Scope } from './scope-enum.js';
import { ALL_SCOPES, scopeEnumName } from './scopes.js';

// What a resolver receives for each Scope it is sent, and answers back as a Scope.
const received: string[][] = [];

@Resolver()
class EchoResolver {
  @Query(() => [Scope], { description: 'Echoes scopes.' })
  echo(@Arg('scopes', () => [Scope], { description: 'Scopes.' }) scopes: string[]): string[] {
    received.push(scopes);
    return scopes;
  }

  @Query(() => [Scope], { description: 'Answers stored (wire) scopes as they are.' })
  stored(@Arg('wire', () => [String], { description: 'Wire scopes.' }) wire: string[]): string[] {
    return wire;
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema({ resolvers: [EchoResolver], validate: false });
});

describe('the Scope enum', () => {
  it('names every scope of the vocabulary once, as a valid enum value', () => {
    const names = ALL_SCOPES.map(scopeEnumName);
    expect(new Set(names).size).toBe(ALL_SCOPES.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Z_]*$/);
    expect(scopeEnumName('items:read')).toBe('ITEMS_READ');
    expect(scopeEnumName('read')).toBe('READ');
  });

  it('round-trips: each name reaches the resolver as its wire scope and comes back as the same name', async () => {
    const names = ALL_SCOPES.map(scopeEnumName);
    received.length = 0;
    const result = await graphql({ schema, source: 'query($s: [Scope!]!) { echo(scopes: $s) }', variableValues: { s: names } });
    expect(result.errors).toBeUndefined();
    expect(received).toEqual([[...ALL_SCOPES]]);
    expect(result.data?.echo).toEqual(names);
    const stored = await graphql({ schema, source: 'query($w: [String!]!) { stored(wire: $w) }', variableValues: { w: ['items:read', 'keys:delete', 'write'] } });
    expect(stored.data?.stored).toEqual(['ITEMS_READ', 'KEYS_DELETE', 'WRITE']);
    expect(Scope.ITEMS_READ).toBe('items:read');
  });

  it('refuses a value outside the vocabulary, naming it, before the resolver runs', async () => {
    received.length = 0;
    for (const unknown of ['ADMIN', 'items:read', 'ITEMS_FLY']) {
      const result = await graphql({ schema, source: 'query($s: [Scope!]!) { echo(scopes: $s) }', variableValues: { s: ['READ', unknown] } });
      expect(result.errors?.[0]?.message).toContain(`Value "${unknown}" does not exist in "Scope" enum`);
    }
    expect(received).toEqual([]);
  });
});
