// The console's scope vocabulary, one module for the Tokens scope grid, the Roles permission
// grid and `viewer`'s holds(): rows are resources, columns actions, plus the coarse read/write/
// delete shortcuts (every resource but keys, as the API expands them, lib/scopes.ts). A
// person may give a key only scopes they hold, so the grid offers only those.
// The vocabulary restates lib/scopes.ts because the console's build covers console/ alone
// (lib/console-build.ts hashes only it); the types below fail to compile if a resource or
// action named here is not in the API's Scope enum.
import type { Scope } from './gql/graphql';

export const RESOURCES = ['workspaces', 'types', 'items', 'members', 'roles', 'groups', 'keys', 'audit'] as const;
export const ACTIONS = ['read', 'write', 'delete'] as const;

export type Resource = (typeof RESOURCES)[number];
export type Action = (typeof ACTIONS)[number];

/** What a row of the grid is about, for people who do not know the vocabulary. */
export const RESOURCE_LABELS: Record<Resource, string> = {
  workspaces: 'Workspaces',
  types: 'Content types',
  items: 'Items',
  members: 'Members',
  roles: 'Roles',
  groups: 'Groups',
  keys: 'API keys',
  audit: 'Audit trail',
};

/** Every name these build; assigning it to Scope below checks it against the schema. */
type FineScopeName = `${Uppercase<Resource>}_${Uppercase<Action>}`;

export function fineScope(resource: Resource, action: Action): Scope {
  const name = `${resource.toUpperCase()}_${action.toUpperCase()}` as FineScopeName;
  return name;
}

export function coarseScope(action: Action): Scope {
  const name = action.toUpperCase() as Uppercase<Action>;
  return name;
}

/** The fine scopes a coarse one stands for: its action on every resource but keys. */
export function coveredByCoarse(action: Action): Scope[] {
  return RESOURCES.filter((resource) => resource !== 'keys').map((resource) => fineScope(resource, action));
}

/** The fine scopes a list grants (coarse ones expanded, never to keys). */
export function expandScopes(scopes: Iterable<Scope>): Set<Scope> {
  const granted = new Set<Scope>();
  for (const scope of scopes) {
    const action = ACTIONS.find((candidate) => coarseScope(candidate) === scope);
    if (action) for (const fine of coveredByCoarse(action)) granted.add(fine);
    else granted.add(scope);
  }
  return granted;
}

/** `items:read`, `read`: the spelling of the docs and of `x-api-key` errors. */
export function scopeLabel(scope: Scope): string {
  const [resource, action] = scope.toLowerCase().split('_');
  return action ? `${resource}:${action}` : resource;
}

/** What the grid offers: the fine scopes held, and a coarse one when every scope it covers is held. */
export interface OfferedScopes {
  readonly fine: ReadonlySet<Scope>;
  readonly coarse: ReadonlySet<Action>;
}

export function offeredScopes(holds: (scope: Scope) => boolean): OfferedScopes {
  const fine = new Set<Scope>();
  for (const resource of RESOURCES) for (const action of ACTIONS) if (holds(fineScope(resource, action))) fine.add(fineScope(resource, action));
  const coarse = new Set<Action>(ACTIONS.filter((action) => coveredByCoarse(action).every((scope) => fine.has(scope))));
  return { fine, coarse };
}

/** The grid's choice: coarse shortcuts and fine cells. */
export interface ScopeChoice {
  readonly coarse: ReadonlySet<Action>;
  readonly fine: ReadonlySet<Scope>;
}

export const NO_SCOPES: ScopeChoice = { coarse: new Set(), fine: new Set() };

/** Whether a cell is granted by a chosen shortcut (shown ticked and fixed). */
export function impliedByCoarse(choice: ScopeChoice, resource: Resource, action: Action): boolean {
  return resource !== 'keys' && choice.coarse.has(action);
}

/** The scopes to send: the shortcuts, then the fine scopes no shortcut covers. */
export function chosenScopes(choice: ScopeChoice): Scope[] {
  const scopes: Scope[] = ACTIONS.filter((action) => choice.coarse.has(action)).map(coarseScope);
  const covered = expandScopes(scopes);
  for (const resource of RESOURCES) {
    for (const action of ACTIONS) {
      const scope = fineScope(resource, action);
      if (choice.fine.has(scope) && !covered.has(scope)) scopes.push(scope);
    }
  }
  return scopes;
}

/** A key's scopes, readably: `read, keys:read`. */
export function describeScopes(scopes: readonly Scope[]): string {
  return scopes.length === 0 ? 'none' : scopes.map(scopeLabel).join(', ');
}

/** Whether every scope of a key is held (a workspace key is managed only by someone who could have made it). */
export function holdsAll(scopes: readonly Scope[], holds: (scope: Scope) => boolean): boolean {
  return [...expandScopes(scopes)].every(holds);
}
