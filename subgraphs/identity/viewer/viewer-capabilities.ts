// What a UI may offer the caller, decided in this one table from the scope model: each
// capability is a set of fine scopes the effective scopes must all hold, plus whether it
// needs a user behind the credential (a workspace key acts for no one) or a current
// workspace. `Viewer.can` exposes every entry as a Boolean, described from the entry, so
// the schema, the answer and this table cannot disagree.
import { Directive, Field, ObjectType } from 'type-graphql';
import type { Principal } from '../../../lib/principal.js';
import { satisfiesAnyOf } from '../../../lib/scopes.js';
import { scopes } from '../../../lib/scopes-directive.js';

export interface Capability {
  /** What the caller may do when it holds the capability, as the description starts. */
  readonly lets: string;
  /** Fine scopes the effective scopes must all include. */
  readonly allOf: readonly string[];
  /** Only with a user behind the credential (a session or a user key). */
  readonly needsUser?: boolean;
  /** Only in a current workspace (the header's, or the credential's only one). */
  readonly needsWorkspace?: boolean;
}

export const VIEWER_CAPABILITIES = {
  administerWorkspace: { lets: 'rename the current workspace, change its description and its settings (rate limit, trusted documents)', allOf: ['workspaces:write'], needsWorkspace: true },
  deleteWorkspace: { lets: 'delete the current workspace', allOf: ['workspaces:delete'], needsWorkspace: true },
  createWorkspaces: { lets: 'create workspaces (you become their owner)', allOf: ['workspaces:write'], needsUser: true },
  manageMembers: { lets: 'invite and add members, change their roles and remove them', allOf: ['members:write', 'members:delete'], needsWorkspace: true },
  manageRoles: { lets: 'create, edit and delete roles', allOf: ['roles:write', 'roles:delete'], needsWorkspace: true },
  manageGroups: { lets: 'create, edit and delete member groups and set who is in them', allOf: ['groups:write', 'groups:delete'], needsWorkspace: true },
  createApiKeys: { lets: 'create and rotate your own API keys (revoking your own needs no scope)', allOf: ['keys:write'], needsUser: true },
  manageWorkspaceKeys: {
    lets: "list, create and revoke the current workspace's keys and revoke its members' keys",
    allOf: ['keys:read', 'keys:write', 'keys:delete'],
    needsUser: true,
    needsWorkspace: true,
  },
  editContentTypes: { lets: 'create, edit and delete content types and their fields', allOf: ['types:write', 'types:delete'], needsWorkspace: true },
  editContent: { lets: 'create, edit and delete items', allOf: ['items:write', 'items:delete'], needsWorkspace: true },
  readAuditLog: { lets: 'read audit events and request logs', allOf: ['audit:read'] },
} as const satisfies Record<string, Capability>;

export type CapabilityName = keyof typeof VIEWER_CAPABILITIES;

/** Which capabilities the principal holds, one Boolean each. */
export function capabilitiesOf(principal: Principal): Record<CapabilityName, boolean> {
  const entries = Object.entries(VIEWER_CAPABILITIES) as [CapabilityName, Capability][];
  return Object.fromEntries(
    entries.map(([name, capability]) => [
      name,
      satisfiesAnyOf(principal.scopes, [capability.allOf]) && (!capability.needsUser || principal.userId !== undefined) && (!capability.needsWorkspace || principal.workspaceId !== undefined),
    ]),
  ) as Record<CapabilityName, boolean>;
}

/** The description of a capability's field: what it lets you do and exactly what it takes. */
export function capabilityDescription(capability: Capability): string {
  const conditions = [`your effective scopes include ${capability.allOf.map((scope) => `\`${scope}\``).join(' and ')}`];
  if (capability.needsUser) conditions.push('a user is behind the credential (a session or a user key, not a workspace key)');
  if (capability.needsWorkspace) conditions.push('the request works in a workspace');
  return `Whether you may ${capability.lets}: true when ${conditions.join(', and ')}.`;
}

@Directive(scopes([]))
@ObjectType({
  description:
    'What the caller may do, one Boolean per action a UI offers; each field says exactly which scopes it means. Derived from `Viewer.scopes` and the credential kind, the scopes the API checks when the action is tried; a particular change may still be refused for what it is (granting what you do not hold, removing the last owner).',
})
export class ViewerCapabilities {}

// One Boolean field per entry of the table, declared from it rather than restated.
for (const [name, capability] of Object.entries(VIEWER_CAPABILITIES) as [CapabilityName, Capability][]) {
  Field(() => Boolean, { description: capabilityDescription(capability) })(ViewerCapabilities.prototype, name);
}
