// Workspace.contentTypes for many workspaces at once: one windowed query for the pages
// and one grouped count, whatever the number of workspaces in the response.
import DataLoader from 'dataloader';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../lib/connection.js';
import { isId } from '../../../lib/ids.js';
import { ContentType } from './content-type.entity.js';

export interface WorkspaceContentTypesKey {
  readonly workspaceId: string;
  readonly first?: number | null;
  readonly after?: string | null;
}

export function createWorkspaceContentTypesLoader(em: SubgraphEntityManager): DataLoader<WorkspaceContentTypesKey, Connection<ContentType>, string> {
  return new DataLoader(
    async (keys) => {
      // Keys in one batch usually share the page arguments; group by them so each group is one query.
      const groups = new Map<string, WorkspaceContentTypesKey[]>();
      for (const key of keys) {
        const group = `${key.first ?? ''}|${key.after ?? ''}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const results = new Map<WorkspaceContentTypesKey, Connection<ContentType>>();
      for (const group of groups.values()) {
        const limit = pageSize(group[0]!.first);
        const afterId = decodeCursor(group[0]!.after)?.[0] ?? null;
        const workspaceIds = [...new Set(group.map((key) => key.workspaceId).filter(isId))];
        const connection = em.getConnection();
        // Passed as one PostgreSQL array literal; every element is a validated UUID.
        const idArray = `{${workspaceIds.join(',')}}`;
        const [rows, counts] = workspaceIds.length === 0 ? [[], []] : await Promise.all([
          connection.execute<Record<string, unknown>[]>(
            `select * from (
               select ct.*, row_number() over (partition by ct.workspace_id order by ct.id) as position
               from "content"."content_types" ct
               where ct.workspace_id = any(?::uuid[]) and (?::uuid is null or ct.id > ?::uuid)
             ) ranked where ranked.position <= ?`,
            [idArray, afterId, afterId, limit + 1],
          ),
          connection.execute<{ workspace_id: string; count: string }[]>(
            `select workspace_id, count(*) as count from "content"."content_types" where workspace_id = any(?::uuid[]) group by workspace_id`,
            [idArray],
          ),
        ]);
        const byWorkspace = new Map<string, ContentType[]>();
        for (const row of rows) {
          const { position: _position, ...columns } = row;
          const entity = em.map(ContentType, columns);
          byWorkspace.set(entity.workspaceId, [...(byWorkspace.get(entity.workspaceId) ?? []), entity]);
        }
        const totals = new Map(counts.map((count) => [count.workspace_id, Number(count.count)]));
        for (const key of group) {
          results.set(key, toConnection(byWorkspace.get(key.workspaceId) ?? [], limit, totals.get(key.workspaceId) ?? 0, (row) => [row.id]));
        }
      }
      return keys.map((key) => results.get(key)!);
    },
    { cacheKeyFn: (key) => `${key.workspaceId}|${key.first ?? ''}|${key.after ?? ''}` },
  );
}
