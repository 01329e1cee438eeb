// A role's permissions as a person reads them: one row per resource, one column per action
// (read, write, delete). Roles store fine scopes (`MEMBERS_WRITE`); a coarse one (`WRITE`)
// covers every resource but keys. The vocabulary and that rule are console/src/scopes.ts's,
// shared with the Tokens page's scope grid and with `viewer`.
import type { Scope } from '../../gql/graphql';
import { ACTIONS as ACTION_NAMES, RESOURCES as RESOURCE_NAMES, RESOURCE_LABELS, expandScopes, fineScope, type Action, type Resource } from '../../scopes';

export const RESOURCES = RESOURCE_NAMES.map((key) => ({ key, label: RESOURCE_LABELS[key] }));

const ACTION_LABELS: Record<Action, string> = { read: 'Read', write: 'Write', delete: 'Delete' };
export const ACTIONS = ACTION_NAMES.map((key) => ({ key, label: ACTION_LABELS[key] }));

export const scopeOf: (resource: Resource, action: Action) => Scope = fineScope;

/** Whether the permissions grant this action on this resource (by name, or by the coarse action). */
export function grants(permissions: readonly Scope[], resource: Resource, action: Action): boolean {
  return expandScopes(permissions).has(fineScope(resource, action));
}

/** The fine scopes the permissions grant, in grid order (what a role editor starts from). */
export function fineScopes(permissions: readonly Scope[]): Scope[] {
  const granted = expandScopes(permissions);
  return RESOURCE_NAMES.flatMap((resource) => ACTION_NAMES.filter((action) => granted.has(fineScope(resource, action))).map((action) => fineScope(resource, action)));
}
