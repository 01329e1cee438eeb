// The roles every workspace starts with, in the scope vocabulary of lib/scopes.ts.
// The README's role table is generated from this list.
import { FINE_SCOPES, RESOURCES } from '../../../lib/scopes.js';

export interface BuiltInRole {
  readonly key: 'owner' | 'admin' | 'editor' | 'viewer';
  readonly name: string;
  readonly description: string;
  readonly permissions: readonly string[];
}

const allRead = RESOURCES.map((resource) => `${resource}:read`);

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  { key: 'owner', name: 'Owner', description: 'Everything, including deleting the workspace.', permissions: FINE_SCOPES },
  {
    key: 'admin',
    name: 'Admin',
    description: 'Everything but deleting the workspace.',
    permissions: FINE_SCOPES.filter((scope) => scope !== 'workspaces:delete'),
  },
  {
    key: 'editor',
    name: 'Editor',
    description: 'Reads everything; writes and deletes content; makes keys for themself.',
    permissions: [...allRead, 'types:write', 'types:delete', 'items:write', 'items:delete', 'keys:write'],
  },
  {
    key: 'viewer',
    name: 'Viewer',
    description: 'Reads everything; may make read-only keys for themself.',
    permissions: [...allRead, 'keys:write'],
  },
];
