// A request acts in one workspace: the header's, or the one its credential selects
// without it (lib/principal.ts `workspaceId`), and its effective scopes are computed for
// that workspace only. So a field hanging from a `Workspace` (members, keys, content
// types, statistics, deletion preview) answers for that workspace exactly as the root
// field does, and for any other workspace (even one the credential may use) it is null
// with FORBIDDEN naming the header to send: never silently empty, never answered with
// scopes that were computed for another workspace. Every such field, in every subgraph,
// asks here.
import type { GraphQLError } from 'graphql';
import { WORKSPACE_HEADER, forbidden } from './errors.js';
import type { Principal } from './principal.js';

/** FORBIDDEN for `what` of a workspace that is not the one the request acts in. */
export function notCurrentWorkspace(workspaceId: string, what: string): GraphQLError {
  return forbidden(`Workspace ${workspaceId} is not the workspace this request acts in: send its id in the ${WORKSPACE_HEADER} header to read its ${what}`, { workspaceId });
}

/** The workspace's id when the request acts in it; else FORBIDDEN (see notCurrentWorkspace). */
export function requireCurrentWorkspace(principal: Pick<Principal, 'workspaceId'>, workspaceId: string, what: string): string {
  if (!principal.workspaceId || principal.workspaceId !== workspaceId) throw notCurrentWorkspace(workspaceId, what);
  return workspaceId;
}

/** The sentence every such field's description ends with, so partners read the rule where they meet it. */
export const CURRENT_WORKSPACE_ONLY =
  "Answers only for the workspace your request acts in (the `x-workspace-id` header's, or the only one your credential may use); for any other workspace it is null with FORBIDDEN: send that workspace's id in the header.";
