// The scope vocabulary of DESIGN.md "Scopes": coarse `read`, `write`, `delete`, and fine
// `<resource>:<action>`. Coarse scopes grant every fine scope of their action except
// `keys:*`, which must be granted by name: a key never mints keys unless told it may.

export const RESOURCES = ['workspaces', 'types', 'items', 'members', 'roles', 'groups', 'keys', 'audit'] as const;
export const ACTIONS = ['read', 'write', 'delete'] as const;

export type Resource = (typeof RESOURCES)[number];
export type Action = (typeof ACTIONS)[number];

/** Every fine scope, in vocabulary order. */
export const FINE_SCOPES: readonly string[] = RESOURCES.flatMap((resource) => ACTIONS.map((action) => `${resource}:${action}`));

const COARSE = new Set<string>(ACTIONS);
const FINE = new Set<string>(FINE_SCOPES);

export function isScope(value: string): boolean {
  return COARSE.has(value) || FINE.has(value);
}

/** Scopes from the list that are not in the vocabulary. */
export function unknownScopes(scopes: readonly string[]): string[] {
  return scopes.filter((scope) => !isScope(scope));
}

/** Fine scopes a list grants: coarse ones expanded (never to `keys:*`), unknown ones dropped. */
export function expandScopes(scopes: Iterable<string>): Set<string> {
  const granted = new Set<string>();
  for (const scope of scopes) {
    if (FINE.has(scope)) granted.add(scope);
    else if (COARSE.has(scope)) {
      for (const resource of RESOURCES) if (resource !== 'keys') granted.add(`${resource}:${scope}`);
    }
  }
  return granted;
}

/** Fine scopes granted by both lists, in vocabulary order (key scopes ∩ role permissions). */
export function intersectScopes(left: Iterable<string>, right: Iterable<string>): string[] {
  const a = expandScopes(left);
  const b = expandScopes(right);
  return FINE_SCOPES.filter((scope) => a.has(scope) && b.has(scope));
}

/** Fine scopes the list grants that `allowed` does not (what a new key may not exceed). */
export function scopesBeyond(requested: Iterable<string>, allowed: Iterable<string>): string[] {
  const granted = expandScopes(allowed);
  return FINE_SCOPES.filter((scope) => expandScopes(requested).has(scope) && !granted.has(scope));
}

/** True when the granted scopes satisfy one of the AND-sets of an anyOf requirement. */
export function satisfiesAnyOf(granted: Iterable<string>, anyOf: readonly (readonly string[])[]): boolean {
  const expanded = expandScopes(granted);
  return anyOf.some((allOf) => allOf.every((scope) => expanded.has(scope)));
}

/** Every scope of the vocabulary: the coarse ones, then the fine ones in vocabulary order. */
export const ALL_SCOPES: readonly string[] = [...ACTIONS, ...FINE_SCOPES];

/**
 * A scope's name in the GraphQL `Scope` enum, whose values cannot hold ':': `items:read` is
 * ITEMS_READ, `read` is READ. The one mapping between the API and the wire form that keys,
 * signed principals, role permissions and `@scopes` keep (lib/scope-enum.ts registers it;
 * the gateway and the subgraphs report `requiredScopes` through it).
 */
export function scopeEnumName(scope: string): string {
  return scope.replace(':', '_').toUpperCase();
}

/** A scope requirement (`anyOf` sets) as the API names it: `[['items:read']]` → `[['ITEMS_READ']]`. */
export function scopeRequirementEnumNames(anyOf: readonly (readonly string[])[]): string[][] {
  return anyOf.map((allOf) => allOf.map(scopeEnumName));
}
