// Content's counts for the request's workspace: one statement however many fields of a
// response ask (statistics and the deletion preview). Any other workspace is refused
// (lib/current-workspace.ts), never counted as empty.
import DataLoader from 'dataloader';
import { notCurrentWorkspace } from '../../../lib/current-workspace.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { workspaceCondition } from '../../../lib/workspace-filter.js';

export interface ContentCounts {
  readonly contentTypes: number;
  readonly contentFields: number;
  readonly items: number;
}

export function createContentCountsLoader(em: SubgraphEntityManager, workspaceId: string | undefined): DataLoader<string, ContentCounts> {
  return new DataLoader<string, ContentCounts>(async (workspaceIds) => {
    // Tenancy: only the request's workspace is ever counted; any other is refused.
    if (!workspaceId || !workspaceIds.includes(workspaceId)) return workspaceIds.map((id) => notCurrentWorkspace(id, 'counts'));
    // Raw SQL (both counts in one statement): the workspace comes from the filter's helper.
    const [types, fields] = [workspaceCondition(em, 't'), workspaceCondition(em, 'f')];
    const [row] = await em.getConnection().execute<{ types: string; fields: string; items: string }[]>(
      `select count(*) as types, coalesce(sum(t.item_count), 0) as items,
              (select count(*) from "content"."content_fields" f where ${fields.sql}) as fields
         from "content"."content_types" t where ${types.sql}`,
      [...fields.params, ...types.params],
    );
    const counts = { contentTypes: Number(row.types), contentFields: Number(row.fields), items: Number(row.items) };
    return workspaceIds.map((id) => (id === workspaceId ? counts : notCurrentWorkspace(id, 'counts')));
  });
}
