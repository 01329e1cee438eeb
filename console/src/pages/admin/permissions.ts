// A role's permissions as a person reads them: one row per resource, one column per action
// (read, write, delete). Roles store fine scopes (`MEMBERS_WRITE`); a coarse one (`WRITE`)
// covers every resource but keys, as lib/scopes.ts says.
import type { Scope } from '../../gql/graphql';

export const RESOURCES = [
  { key: 'WORKSPACES', label: 'Workspace' },
  { key: 'TYPES', label: 'Content types' },
  { key: 'ITEMS', label: 'Items' },
  { key: 'MEMBERS', label: 'Members' },
  { key: 'ROLES', label: 'Roles' },
  { key: 'GROUPS', label: 'Groups' },
  { key: 'KEYS', label: 'API keys' },
  { key: 'AUDIT', label: 'Audit trail' },
] as const;

export const ACTIONS = [
  { key: 'READ', label: 'Read' },
  { key: 'WRITE', label: 'Write' },
  { key: 'DELETE', label: 'Delete' },
] as const;

export type ResourceKey = (typeof RESOURCES)[number]['key'];
export type ActionKey = (typeof ACTIONS)[number]['key'];

export function scopeOf(resource: ResourceKey, action: ActionKey): Scope {
  return `${resource}_${action}` as Scope;
}

/** Whether the permissions grant this action on this resource (by name, or by the coarse action). */
export function grants(permissions: readonly Scope[], resource: ResourceKey, action: ActionKey): boolean {
  return permissions.includes(scopeOf(resource, action)) || (resource !== 'KEYS' && permissions.includes(action));
}

/** The fine scopes the permissions grant, in grid order (what a role editor starts from). */
export function fineScopes(permissions: readonly Scope[]): Scope[] {
  return RESOURCES.flatMap((resource) => ACTIONS.filter((action) => grants(permissions, resource.key, action.key)).map((action) => scopeOf(resource.key, action.key)));
}
