import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { repositoryPath } from './paths.js';
import { ANONYMOUS_PRINCIPAL, type Principal } from './principal.js';
import { SUPERGRAPH_FILE } from './subgraph-list.js';
import { AUTHORIZATION_DIRECTIVES_SDL, AUTHORIZATION_SCHEMA_LINK, authorizationDeclarationProblems, enforceScopes, publicRootFields, publicRootFieldsOfSupergraph } from './scopes-directive.js';

const LINKS = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"]) ${AUTHORIZATION_SCHEMA_LINK}
  ${AUTHORIZATION_DIRECTIVES_SDL}`;

const typeDefs = parse(`
  ${LINKS}
  type Query {
    types: [ContentType!] @scopes(anyOf: [["types:read"]])
    members: [String!] @scopes(anyOf: [["members:read"]])
    open: String @scopes(anyOf: [[]])
    forgotten: String
  }
  type Mutation {
    removeMember(id: ID!): Boolean @scopes(anyOf: [["members:delete"], ["members:write", "roles:write"]])
    signIn: Session! @public
    both: String @public @scopes(anyOf: [[]])
  }
  type Session @scopes(anyOf: [[]]) {
    token: String!
    note: String @public
  }
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
        Mutation: { removeMember: () => ((removed += 1), true), signIn: () => ({ token: 't', note: 'n' }), both: () => 'b' },
      } as never,
    },
  ]),
);

const as = (scopes: string[]) => ({ principal: { kind: 'user_key', scopes, workspaceIds: [] } satisfies Principal });
const anonymous = { principal: ANONYMOUS_PRINCIPAL };

describe('enforceScopes', () => {
  it('nulls a denied field with INSUFFICIENT_SCOPE, path and the required scope sets, and keeps the rest', async () => {
    const result = await graphql({ schema, source: '{ types { id } members open }', contextValue: as(['types:read']) });
    expect(result.data).toEqual({ types: [{ id: '1' }], members: null, open: 'yes' });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].path).toEqual(['members']);
    expect(result.errors![0].extensions).toEqual({ code: 'INSUFFICIENT_SCOPE', requiredScopes: [['MEMBERS_READ']] });
  });

  it("applies a type's requirement to its fields, and a field's own one on top", async () => {
    const result = await graphql({ schema, source: '{ types { id secretNote } }', contextValue: as(['types:read']) });
    expect(result.data).toEqual({ types: [{ id: '1', secretNote: null }] });
    expect(result.errors![0].extensions?.requiredScopes).toEqual([['AUDIT_READ']]);
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

  it('lets a request without a credential run a @public root field, with what it answers, and no other root field', async () => {
    const signIn = await graphql({ schema, source: 'mutation { signIn { token } }', contextValue: anonymous });
    expect(signIn).toEqual({ data: { signIn: { token: 't' } } });
    // `@scopes(anyOf: [[]])` is "a credential, but no scope": not public.
    const open = await graphql({ schema, source: '{ open types { id } }', contextValue: anonymous });
    expect(open.data).toEqual({ open: null, types: null });
    expect(open.errors?.map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    const before = removed;
    const denied = await graphql({ schema, source: 'mutation { removeMember(id: "1") }', contextValue: anonymous });
    expect(denied.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(removed).toBe(before);
    // With a credential but no scope, `open` runs; so does the public field.
    expect(await graphql({ schema, source: '{ open }', contextValue: as([]) })).toEqual({ data: { open: 'yes' } });
    expect((await graphql({ schema, source: 'mutation { signIn { token } }', contextValue: as([]) })).errors).toBeUndefined();
  });

  it('lists root fields that declare nothing or both, and @public below the root', () => {
    expect(authorizationDeclarationProblems(schema)).toEqual([
      'Query.forgotten declares no @scopes (use scopes(...), or PUBLIC for a field anyone may call)',
      'Mutation.both declares both @public and @scopes: a public field needs no credential, so no scope either',
      'Session.note is marked @public, which only a root field (Query, Mutation) may be',
    ]);
  });
});

describe('publicRootFields', () => {
  it('finds exactly the root fields marked @public in a subgraph schema, by operation type', () => {
    const found = publicRootFields(schema);
    expect([...found.coordinates].sort()).toEqual(['Mutation.both', 'Mutation.signIn']);
    expect(found.allows('mutation', ['signIn', '__typename'])).toBe(true);
    expect(found.allows('mutation', ['signIn', 'removeMember'])).toBe(false);
    // A name is public for its own operation type only.
    expect(found.allows('query', ['signIn'])).toBe(false);
    expect(found.allows('subscription', ['signIn'])).toBe(false);
    expect(found.allows('query', ['__typename'])).toBe(true);
  });

  it('finds exactly the marked fields in a supergraph composed from two subgraphs (@public survives composition)', () => {
    const accounts = parse(`
      ${LINKS}
      type Query { me: String @scopes(anyOf: [[]]) }
      type Mutation {
        signUp: String @public
        signOut: Boolean @scopes(anyOf: [[]])
      }
    `);
    const catalog = parse(`
      ${LINKS}
      type Query {
        catalog: [String!] @public
        orders: [String!] @scopes(anyOf: [["orders:read"]])
      }
    `);
    const composition = composeServices([
      { name: 'accounts', url: 'http://accounts.invalid/graphql', typeDefs: accounts },
      { name: 'catalog', url: 'http://catalog.invalid/graphql', typeDefs: catalog },
    ]);
    expect(composition.errors).toBeUndefined();
    const found = publicRootFieldsOfSupergraph(composition.supergraphSdl!);
    expect([...found.coordinates].sort()).toEqual(['Mutation.signUp', 'Query.catalog']);
  });

  it('finds the sign-in and account-link mutations, and nothing else, in the committed supergraph', () => {
    // Each is public on purpose: a credential is what it makes (register, createSession,
    // createSessionFromIdToken), or a mailed token is the proof (verifyEmail, resetPassword),
    // or it must answer the same whoever asks (requestPasswordReset).
    expect([...publicRootFieldsOfSupergraph(readFileSync(repositoryPath(SUPERGRAPH_FILE), 'utf8')).coordinates].sort()).toEqual([
      'Mutation.createSession',
      'Mutation.createSessionFromIdToken',
      'Mutation.register',
      'Mutation.requestPasswordReset',
      'Mutation.resetPassword',
      'Mutation.verifyEmail',
    ]);
  });
});
