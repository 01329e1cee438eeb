// How a Node type owned by content or audit is reached through identity's `node(id:)`.
// Identity knows such a record only by its id and type (read from the id's tag). It
// declares a stub of the type keyed by `nodeId`, an @inaccessible copy of the id, and
// marks the stub's `id` @external: so the gateway always asks the owning subgraph for
// the record, even when a client selects nothing but `id`, and the owner decides, with
// the same lookup and errors as its own `item(id)` or `contentType(id)`, whether the
// record exists for the caller. A stub that resolved `id` itself would answer any
// well-tagged id, existing or not.
import type DataLoader from 'dataloader';
import { notFound, requireWorkspace } from './errors.js';

/** The key of an owning subgraph's Node type, beside any key it has for other uses. */
export const NODE_KEY = '@key(fields: "nodeId")';
/** The key of identity's stub of that type: identity hands out references, never resolves them. */
export const NODE_STUB_KEY = '@key(fields: "nodeId", resolvable: false)';
/** `nodeId` exists for the gateway only: not in the API schema. */
export const NODE_ID_DIRECTIVE = '@inaccessible';
export const NODE_ID_DESCRIPTION = 'The id, as the key `node(id:)` fetches the record by (not in the API).';

/** A `node(id:)` reference, as the owning subgraph receives it. */
export interface NodeReference {
  readonly nodeId: string;
}

/**
 * The record of a `node(id:)` reference of the request's workspace, through its
 * workspace-scoped DataLoader; WORKSPACE_REQUIRED without a workspace, and NOT_FOUND (as
 * the type's own query answers) for one that does not exist or is elsewhere.
 */
export function loadWorkspaceNode<T>(loader: DataLoader<string, T | null>, reference: NodeReference, workspaceId: string | undefined, what: string): Promise<T> {
  requireWorkspace(workspaceId);
  return loadNode(loader, reference, what);
}

/** The record of a `node(id:)` reference through a DataLoader that finds only what the caller may see; else NOT_FOUND. */
export async function loadNode<T>(loader: DataLoader<string, T | null>, reference: NodeReference, what: string): Promise<T> {
  const record = await loader.load(reference.nodeId);
  if (!record) throw notFound(what);
  return record;
}
