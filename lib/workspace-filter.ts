// The request's workspace, applied once: a MikroORM filter on every workspace-owned
// entity, given the workspace on the request's EntityManager fork (lib/subgraph-server.ts).
// Every em.find/findOne/count/nativeUpdate/nativeDelete on such an entity, every populate
// of one and every page of lib/paging.ts gets `workspace_id = <the request's>` without the
// query naming it, so a query cannot forget it.
//
// The filter is on by default and needs its argument: an EntityManager that was never
// given a workspace (a worker's, a script's) throws on a workspace-owned read instead of
// reading every workspace. Code that reads across workspaces on purpose says so with
// ACROSS_WORKSPACES in that query's options, where a reviewer sees it.
//
// MikroORM applies filters neither to raw SQL nor to a QueryBuilder by itself: QueryBuilders
// call `applyFilters()` (lib/paging.ts does), and raw SQL on a workspace table takes its
// condition from `workspaceCondition` below, the one place that reads the filter's value.
import { Filter } from '@mikro-orm/decorators/legacy';
import type { SubgraphEntityManager } from './orm.js';
import type { SqlFragment } from './paging.js';

export const WORKSPACE_FILTER = 'workspace';

interface WorkspaceFilterArguments {
  /** The request's workspace; null when the request has none (then no workspace-owned row matches). */
  readonly workspaceId: string | null;
}

/** Marks an entity as workspace-owned: its `workspaceId` must be the request's. */
export function WorkspaceOwned(): ClassDecorator {
  const decorator: ClassDecorator = Filter({
    name: WORKSPACE_FILTER,
    cond: (args) => ({ workspaceId: (args as WorkspaceFilterArguments).workspaceId }) as never,
    default: true,
  });
  return decorator;
}

/** Gives a request's EntityManager its workspace (null: the request names none, so no workspace-owned row is visible). */
export function scopeToWorkspace<T extends SubgraphEntityManager>(em: T, workspaceId: string | null | undefined): T {
  em.setFilterParams(WORKSPACE_FILTER, { workspaceId: workspaceId ?? null } satisfies WorkspaceFilterArguments);
  return em;
}

/**
 * Query options for a read that spans workspaces on purpose (principal lookup, a user's
 * memberships, workspace deletion, workers). Spread into the options of that one query.
 */
export const ACROSS_WORKSPACES = { filters: { [WORKSPACE_FILTER]: false } } as const;

/** The workspace the EntityManager was scoped to; throws when it was never scoped. */
export function scopedWorkspace(em: SubgraphEntityManager): string | null {
  const args = em.getFilterParams<Partial<WorkspaceFilterArguments>>(WORKSPACE_FILTER) as Partial<WorkspaceFilterArguments> | undefined;
  if (!args || !('workspaceId' in args)) throw new Error('This EntityManager has no workspace: scope it with scopeToWorkspace, or read across workspaces explicitly');
  return args.workspaceId ?? null;
}

/**
 * The workspace filter as SQL over `alias`, for the raw SQL MikroORM does not filter.
 * Without a workspace it matches nothing, as the ORM filter does.
 */
export function workspaceCondition(em: SubgraphEntityManager, alias: string): SqlFragment {
  const workspaceId = scopedWorkspace(em);
  return workspaceId === null ? { sql: 'false', params: [] } : { sql: `${alias}.workspace_id = ?::uuid`, params: [workspaceId] };
}
