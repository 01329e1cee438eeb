// Content's counts for the request's workspace: one statement however many fields of a
// response ask (statistics and the deletion preview). Any other workspace is refused
// (lib/current-workspace.ts), never counted as empty.
import DataLoader from 'dataloader';
import { notCurrentWorkspace } from '../../../lib/current-workspace.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';

export interface ContentCounts {
  readonly contentTypes: number;
  readonly fields: number;
  readonly items: number;
}

export function createContentCountsLoader(em: SubgraphEntityManager, workspaceId: string | undefined): DataLoader<string, ContentCounts> {
  return new DataLoader<string, ContentCounts>(async (workspaceIds) => {
    if (!workspaceId || !workspaceIds.includes(workspaceId)) return workspaceIds.map((id) => notCurrentWorkspace(id, 'counts'));
    const [row] = await em.getConnection().execute<{ types: string; fields: string; items: string }[]>(
      `select count(*) as types, coalesce(sum(item_count), 0) as items,
              (select count(*) from "content"."content_fields" where workspace_id = ?::uuid) as fields
         from "content"."content_types" where workspace_id = ?::uuid`,
      [workspaceId, workspaceId],
    );
    const counts = { contentTypes: Number(row.types), fields: Number(row.fields), items: Number(row.items) };
    return workspaceIds.map((id) => (id === workspaceId ? counts : notCurrentWorkspace(id, 'counts')));
  });
}
