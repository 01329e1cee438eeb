// The @scopes directive (DESIGN.md "Scopes"): declared on object types and fields,
// composed into the supergraph with @composeDirective, enforced in every subgraph by one
// schema transform (never by code in resolvers), and read by the gateway to refuse
// mutations up front. anyOf: [["a","b"],["c"]] means (a AND b) OR c, like Apollo's
// @requiresScopes, so a move to a router that supports that is a rename.
import { defaultFieldResolver, GraphQLError, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { getDirective } from '@graphql-tools/utils';
import { ErrorCode } from './errors.js';
import type { Principal } from './principal.js';
import { satisfiesAnyOf } from './scopes.js';

export const SCOPES_SPEC_URL = 'https://specs.atrium.dev/scopes/v0.1';
export const SCOPES_DIRECTIVE_SDL = 'directive @scopes(anyOf: [[String!]!]!) on FIELD_DEFINITION | OBJECT';
/** Added to every subgraph's `extend schema`: import the directive and keep it in the supergraph. */
export const SCOPES_SCHEMA_LINK = `@link(url: "${SCOPES_SPEC_URL}", import: ["@scopes"]) @composeDirective(name: "@scopes")`;

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

/** Marks the few operations anyone may call, credential or not (register, createSession). */
export const PUBLIC = scopes([]);

/** Root fields federation itself adds; the gateway calls them, they carry no data of ours. */
const FEDERATION_FIELDS = new Set(['_service', '_entities']);

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
    extensions: { code: ErrorCode.INSUFFICIENT_SCOPE, requiredScopes },
  });
}

/**
 * Wraps every field that has a requirement (its own or its type's) so that, for a
 * principal lacking the scopes, it resolves to null with INSUFFICIENT_SCOPE before its
 * resolver runs. Changes the schema in place (federation keeps entity resolvers in type
 * extensions, which a copy would lose) and returns it.
 */
export function enforceScopes(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const isRoot = type === schema.getQueryType() || type === schema.getMutationType();
    for (const field of Object.values(type.getFields())) {
      if (isRoot && FEDERATION_FIELDS.has(field.name)) continue;
      const requirement = requirementOf(schema, type, field);
      if (!requirement) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: { principal?: Principal }, info) => {
        if (!satisfiesAnyOf(context.principal?.scopes ?? [], requirement)) throw insufficientScope(requirement);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

/** Root fields (Query, Mutation) that declare no requirement: each one is a schema error. */
export function undeclaredRootFields(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      if (FEDERATION_FIELDS.has(field.name)) continue;
      if (!requirementOf(schema, type, field)) missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing;
}
