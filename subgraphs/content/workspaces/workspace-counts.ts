// Content's counts for workspaces, batched: one statement for every workspace in a response.
import DataLoader from 'dataloader';
import type { SubgraphEntityManager } from '../../../lib/orm.js';

export interface ContentCounts {
  readonly contentTypes: number;
  readonly contentFields: number;
  readonly items: number;
}

const EMPTY: ContentCounts = { contentTypes: 0, contentFields: 0, items: 0 };

export function createContentCountsLoader(em: SubgraphEntityManager, workspaceId: string | undefined): DataLoader<string, ContentCounts> {
  return new DataLoader(async (workspaceIds) => {
    // Tenancy: only the request's workspace is ever counted.
    if (!workspaceId || !workspaceIds.includes(workspaceId)) return workspaceIds.map(() => EMPTY);
    const [row] = await em.getConnection().execute<{ types: string; fields: string; items: string }[]>(
      `select count(*) as types, coalesce(sum(item_count), 0) as items,
              (select count(*) from "content"."content_fields" where workspace_id = ?::uuid) as fields
         from "content"."content_types" where workspace_id = ?::uuid`,
      [workspaceId, workspaceId],
    );
    const counts = { contentTypes: Number(row.types), contentFields: Number(row.fields), items: Number(row.items) };
    return workspaceIds.map((id) => (id === workspaceId ? counts : EMPTY));
  });
}
