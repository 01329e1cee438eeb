import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Principal } from './principal.js';
import { SCOPES_DIRECTIVE_SDL, SCOPES_SCHEMA_LINK, enforceScopes, undeclaredRootFields } from './scopes-directive.js';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"]) ${SCOPES_SCHEMA_LINK}
  ${SCOPES_DIRECTIVE_SDL}
  type Query {
    types: [ContentType!] @scopes(anyOf: [["types:read"]])
    members: [String!] @scopes(anyOf: [["members:read"]])
    open: String @scopes(anyOf: [[]])
    forgotten: String
  }
  type Mutation { removeMember(id: ID!): Boolean @scopes(anyOf: [["members:delete"], ["members:write", "roles:write"]]) }
  type ContentType @key(fields: "id") @scopes(anyOf: [["types:read"]]) {
    id: ID!
    secretNote: String @scopes(anyOf: [["audit:read"]])
  }
`);

let removed = 0;
const schema = enforceScopes(
  buildSubgraphSchema([
    {
      typeDefs,
      resolvers: {
        Query: { types: () => [{ id: '1', secretNote: 'n' }], members: () => ['m'], open: () => 'yes', forgotten: () => 'x' },
        Mutation: { removeMember: () => ((removed += 1), true) },
      } as never,
    },
  ]),
);

const as = (scopes: string[]) => ({ principal: { kind: 'user_key', scopes, workspaceIds: [] } satisfies Principal });

describe('enforceScopes', () => {
  it('nulls a denied field with INSUFFICIENT_SCOPE, path and the required scope sets, and keeps the rest', async () => {
    const result = await graphql({ schema, source: '{ types { id } members open }', contextValue: as(['types:read']) });
    expect(result.data).toEqual({ types: [{ id: '1' }], members: null, open: 'yes' });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].path).toEqual(['members']);
    expect(result.errors![0].extensions).toEqual({ code: 'INSUFFICIENT_SCOPE', requiredScopes: [['members:read']] });
  });

  it("applies a type's requirement to its fields, and a field's own one on top", async () => {
    const result = await graphql({ schema, source: '{ types { id secretNote } }', contextValue: as(['types:read']) });
    expect(result.data).toEqual({ types: [{ id: '1', secretNote: null }] });
    expect(result.errors![0].extensions?.requiredScopes).toEqual([['audit:read']]);
    const coarse = await graphql({ schema, source: '{ types { id } }', contextValue: as(['read']) });
    expect(coarse.errors).toBeUndefined();
  });

  it('never runs a denied mutation, and runs it for either allowed set', async () => {
    const denied = await graphql({ schema, source: 'mutation { removeMember(id: "1") }', contextValue: as(['members:write']) });
    expect(denied.errors![0].extensions?.code).toBe('INSUFFICIENT_SCOPE');
    expect(removed).toBe(0);
    await graphql({ schema, source: 'mutation { removeMember(id: "1") }', contextValue: as(['members:write', 'roles:write']) });
    await graphql({ schema, source: 'mutation { removeMember(id: "1") }', contextValue: as(['delete']) });
    expect(removed).toBe(2);
  });

  it('lists root fields that declare nothing', () => {
    expect(undeclaredRootFields(schema)).toEqual(['Query.forgotten']);
  });
});
