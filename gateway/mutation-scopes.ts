// The gateway's early refusal: it reads @scopes from the supergraph and refuses an
// operation with a mutation field the principal can never run (HTTP 403,
// INSUFFICIENT_SCOPE, nothing executed). Queries go on and return partial data.
import type { GraphQLSchema } from 'graphql';
import { getDirective } from '@graphql-tools/utils';
import { satisfiesAnyOf } from '../lib/scopes.js';
import type { ScopeRequirement } from '../lib/scopes-directive.js';

/** Mutation field → its requirement (own, else its return type's), read from the supergraph. */
export function mutationRequirements(schema: GraphQLSchema): Map<string, ScopeRequirement> {
  const requirements = new Map<string, ScopeRequirement>();
  const mutation = schema.getMutationType();
  if (!mutation) return requirements;
  for (const field of Object.values(mutation.getFields())) {
    const own = getDirective(schema, field, 'scopes')?.[0]?.anyOf as ScopeRequirement | undefined;
    const typeLevel = getDirective(schema, mutation, 'scopes')?.[0]?.anyOf as ScopeRequirement | undefined;
    const requirement = own ?? typeLevel;
    if (requirement) requirements.set(field.name, requirement);
  }
  return requirements;
}

/** The first mutation field the scopes cannot run, with what it needs. */
export function firstDeniedMutation(
  requirements: ReadonlyMap<string, ScopeRequirement>,
  rootFields: readonly string[],
  scopes: readonly string[],
): { field: string; requiredScopes: ScopeRequirement } | undefined {
  for (const field of rootFields) {
    const requirement = requirements.get(field);
    if (requirement && !satisfiesAnyOf(scopes, requirement)) return { field, requiredScopes: requirement };
  }
  return undefined;
}
