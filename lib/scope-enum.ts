// The GraphQL `Scope` enum: the scope vocabulary of lib/scopes.ts as the API names it.
// Each enum value's internal value is the wire scope (`ITEMS_READ` ↔ `items:read`), so
// resolvers, keys, signed principals and role permissions keep the wire form; GraphQL
// turns input names into wire scopes and wire scopes into names on output. A scope not in
// the vocabulary cannot be sent at all: it fails validation before any resolver runs.
import { registerEnumType } from 'type-graphql';
import { ACTIONS, ALL_SCOPES, scopeEnumName } from './scopes.js';

/** Enum name → wire scope, e.g. `ITEMS_READ: 'items:read'`. */
export const Scope: Readonly<Record<string, string>> = Object.fromEntries(ALL_SCOPES.map((scope) => [scopeEnumName(scope), scope]));

const COARSE = new Set<string>(ACTIONS);

function describeScope(scope: string): string {
  if (COARSE.has(scope)) return `\`${scope}\`: ${scope} on every resource but keys (\`keys:${scope}\` must be granted by name).`;
  const [resource, action] = scope.split(':');
  return `\`${scope}\`: ${action} ${resource}.`;
}

registerEnumType(Scope, {
  name: 'Scope',
  description:
    'A scope of the vocabulary (README "Scopes"). Keys, headers and the requirements closing descriptions spell it `<resource>:<action>` (or `read`, `write`, `delete`); the API spells it as this enum: `items:read` is `ITEMS_READ`, `read` is `READ`.',
  valuesConfig: Object.fromEntries(ALL_SCOPES.map((scope) => [scopeEnumName(scope), { description: describeScope(scope) }])),
});
