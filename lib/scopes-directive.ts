// The authorization directives (DESIGN.md "Scopes"), composed into the supergraph with
// @composeDirective, enforced in every subgraph by one schema transform (never by code in
// resolvers), and read from the supergraph by the gateway and the API schema:
// - @scopes on object types and fields: anyOf: [["a","b"],["c"]] means (a AND b) OR c,
//   like Apollo's @requiresScopes, so a move to a router that supports that is a rename
//   (and `@scopes(anyOf: [[]])` on a root field is Apollo's @authenticated);
// - @public on the few root fields anyone may call without a credential (register,
//   createSession). Every other root field needs a credential. `@scopes(anyOf: [[]])`
//   cannot say this: it means "a credential, but no scope" (revokeSession, me). Apollo's
//   directives have no such marker because a field without one is open to anyone there.
import { buildASTSchema, defaultFieldResolver, GraphQLError, isObjectType, parse, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { getDirective } from '@graphql-tools/utils';
import { ErrorCode, unauthenticated } from './errors.js';
import type { Principal } from './principal.js';
import { satisfiesAnyOf, scopeRequirementEnumNames } from './scopes.js';

export const SCOPES_SPEC_URL = 'https://specs.atrium.dev/scopes/v0.1';
/** The definitions every subgraph's SDL carries. */
export const AUTHORIZATION_DIRECTIVES_SDL = `directive @scopes(anyOf: [[String!]!]!) on FIELD_DEFINITION | OBJECT
directive @public on FIELD_DEFINITION`;
/** Added to every subgraph's `extend schema`: import the directives and keep them in the supergraph. */
export const AUTHORIZATION_SCHEMA_LINK = `@link(url: "${SCOPES_SPEC_URL}", import: ["@scopes", "@public"]) @composeDirective(name: "@scopes") @composeDirective(name: "@public")`;

export type ScopeRequirement = readonly (readonly string[])[];

/** The directive text for type-graphql's @Directive: scopes(['items:read', 'types:read'], ['admin']). */
export function scopes(...anyOf: string[][]): string {
  return `@scopes(anyOf: ${JSON.stringify(anyOf)})`;
}

/**
 * The requirement, or none when the caller acts on its own record (its own API key): the
 * empty set lets the call through here and at the gateway, and the service then demands
 * `anyOf` for every record that is not the caller's (ApiKeyService.requireOwnOr). Spelled
 * out so that the schema shows the exception: `@scopes(anyOf: [["keys:delete"], []])`.
 */
export function scopesUnlessOwn(...anyOf: string[][]): string {
  return scopes(...anyOf, []);
}

/**
 * The directive text for the few root fields anyone may call, credential or not (register,
 * createSession): the one declaration that the subgraph, the gateway and the API schema read.
 */
export const PUBLIC = '@public';

/** Root fields federation itself adds; the gateway calls them, they carry no data of ours. */
const FEDERATION_FIELDS = new Set(['_service', '_entities']);

/** The root types whose fields are operations (subscriptions are not served). */
function rootTypesOf(schema: GraphQLSchema): GraphQLObjectType[] {
  return [schema.getQueryType(), schema.getMutationType()].filter((type): type is GraphQLObjectType => type !== null && type !== undefined);
}

/** Whether the field is marked @public. */
export function isPublicField(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): boolean {
  return (getDirective(schema, field, 'public')?.length ?? 0) > 0;
}

/** The root fields anyone may call without a credential, as read from a schema's @public marks. */
export interface PublicRootFields {
  /** Schema coordinates, `Mutation.register`. */
  readonly coordinates: ReadonlySet<string>;
  /** Whether an operation of this type asks only for public root fields (`__typename` is anyone's). */
  allows(operationType: 'query' | 'mutation' | 'subscription', rootFields: readonly string[]): boolean;
}

/** Root fields marked @public in a subgraph schema or a supergraph (its @public is composed). */
export function publicRootFields(schema: GraphQLSchema): PublicRootFields {
  const coordinates = new Set<string>();
  const byOperation = new Map<string, Set<string>>();
  for (const [operationType, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    if (!type) continue;
    const names = new Set<string>();
    for (const field of Object.values(type.getFields())) {
      if (!isPublicField(schema, field)) continue;
      names.add(field.name);
      coordinates.add(`${type.name}.${field.name}`);
    }
    byOperation.set(operationType, names);
  }
  return {
    coordinates,
    allows: (operationType, rootFields) => {
      const names = byOperation.get(operationType);
      return rootFields.every((field) => field === '__typename' || names?.has(field) === true);
    },
  };
}

/** The public root fields of a supergraph's SDL. */
export function publicRootFieldsOfSupergraph(supergraphSdl: string): PublicRootFields {
  return publicRootFields(buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true }));
}

/** What a type or field itself declares with @scopes; undefined when it declares nothing. */
export function declaredRequirement(schema: GraphQLSchema, element: GraphQLObjectType | GraphQLField<unknown, unknown>): ScopeRequirement | undefined {
  return getDirective(schema, element, 'scopes')?.[0]?.anyOf as ScopeRequirement | undefined;
}

/** The field's own requirement, else its type's; undefined when neither declares one. */
export function requirementOf(schema: GraphQLSchema, type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): ScopeRequirement | undefined {
  return declaredRequirement(schema, field) ?? declaredRequirement(schema, type);
}

export function insufficientScope(requiredScopes: ScopeRequirement): GraphQLError {
  const wording = requiredScopes.map((allOf) => allOf.join(' and ')).join(', or ');
  return new GraphQLError(`Insufficient scope: this field needs ${wording}`, {
    extensions: { code: ErrorCode.INSUFFICIENT_SCOPE, requiredScopes: scopeRequirementEnumNames(requiredScopes) },
  });
}

/**
 * Wraps every root field not marked @public so that a request without a credential gets
 * UNAUTHENTICATED before its resolver runs (the gateway refuses those already; this holds
 * should it not), and every field that has a requirement (its own or its type's) so that,
 * for a principal lacking the scopes, it resolves to null with INSUFFICIENT_SCOPE. Changes
 * the schema in place (federation keeps entity resolvers in type extensions, which a copy
 * would lose) and returns it.
 */
export function enforceScopes(schema: GraphQLSchema): GraphQLSchema {
  const rootTypes = new Set<GraphQLObjectType>(rootTypesOf(schema));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const isRoot = rootTypes.has(type);
    for (const field of Object.values(type.getFields())) {
      if (isRoot && (FEDERATION_FIELDS.has(field.name) || isPublicField(schema, field))) continue;
      const requirement = requirementOf(schema, type, field);
      if (!requirement && !isRoot) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: { principal?: Principal }, info) => {
        const principal = context.principal;
        // Below a root field, an anonymous principal is inside a public one (its answer).
        if (isRoot && (!principal || principal.kind === 'anonymous')) throw unauthenticated();
        if (requirement && !satisfiesAnyOf(principal?.scopes ?? [], requirement)) throw insufficientScope(requirement);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

/**
 * What is wrong with the schema's authorization declarations, one line per coordinate: a
 * root field (Query, Mutation) must declare either @scopes or @public, never both (public
 * means no credential, so no scope either), and @public marks root fields only.
 */
export function authorizationDeclarationProblems(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  const rootTypes = new Set<GraphQLObjectType>(rootTypesOf(schema));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const isRoot = rootTypes.has(type);
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const isPublic = isPublicField(schema, field);
      if (!isRoot) {
        if (isPublic) problems.push(`${coordinate} is marked @public, which only a root field (Query, Mutation) may be`);
        continue;
      }
      if (FEDERATION_FIELDS.has(field.name)) continue;
      if (isPublic && declaredRequirement(schema, field)) problems.push(`${coordinate} declares both @public and @scopes: a public field needs no credential, so no scope either`);
      if (!isPublic && !requirementOf(schema, type, field)) problems.push(`${coordinate} declares no @scopes (use scopes(...), or PUBLIC for a field anyone may call)`);
    }
  }
  return problems;
}
