// A page of related records for many parents at once (Workspace.contentTypes,
// MemberGroup.members, ...): one windowed query for the pages and one grouped count,
// whatever the number of parents in the response.
import DataLoader from 'dataloader';
import type { EntityName } from '@mikro-orm/core';
import type { SubgraphEntityManager } from './orm.js';
import { decodeCursor, pageSize, toConnection, type Connection } from './connection.js';
import { isId } from './ids.js';

export interface RelationPageKey {
  readonly parentId: string;
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface RelationPageOptions<T extends { id: string }> {
  readonly em: SubgraphEntityManager;
  readonly entity: EntityName<T>;
  /**
   * SQL selecting the child rows (the entity's columns) plus a `parent_id` column, for the
   * parents in the first parameter (a uuid[] literal); `scopeParameters` follow it.
   */
  readonly source: string;
  readonly scopeParameters?: readonly unknown[];
}

export function createRelationPageLoader<T extends { id: string }>(options: RelationPageOptions<T>): DataLoader<RelationPageKey, Connection<T>, string> {
  const { em } = options;
  return new DataLoader(
    async (keys) => {
      // Keys of one batch usually share their page arguments; each group is one query.
      const groups = new Map<string, RelationPageKey[]>();
      for (const key of keys) {
        const group = `${key.first ?? ''}|${key.after ?? ''}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const results = new Map<RelationPageKey, Connection<T>>();
      for (const group of groups.values()) {
        const limit = pageSize(group[0]!.first);
        const afterId = decodeCursor(group[0]!.after)?.[0] ?? null;
        const parentIds = [...new Set(group.map((key) => key.parentId).filter(isId))];
        // One PostgreSQL array literal; every element is a validated UUID.
        const parents = `{${parentIds.join(',')}}`;
        const scope = options.scopeParameters ?? [];
        const connection = em.getConnection();
        const [rows, counts] =
          parentIds.length === 0
            ? [[], []]
            : await Promise.all([
                connection.execute<Record<string, unknown>[]>(
                  `select * from (
                     select s.*, row_number() over (partition by s.parent_id order by s.id) as position
                     from (${options.source}) s
                     where (?::uuid is null or s.id > ?::uuid)
                   ) ranked where ranked.position <= ?`,
                  [parents, ...scope, afterId, afterId, limit + 1],
                ),
                connection.execute<{ parent_id: string; count: string }[]>(
                  `select s.parent_id, count(*) as count from (${options.source}) s group by s.parent_id`,
                  [parents, ...scope],
                ),
              ]);
        const byParent = new Map<string, T[]>();
        for (const row of rows) {
          const { position: _position, parent_id: parentId, ...columns } = row;
          const entity = em.map(options.entity, columns as never);
          byParent.set(String(parentId), [...(byParent.get(String(parentId)) ?? []), entity]);
        }
        const totals = new Map(counts.map((count) => [count.parent_id, Number(count.count)]));
        for (const key of group) {
          results.set(key, toConnection(byParent.get(key.parentId) ?? [], limit, totals.get(key.parentId) ?? 0, (row) => [row.id]));
        }
      }
      return keys.map((key) => results.get(key)!);
    },
    { cacheKeyFn: (key) => `${key.parentId}|${key.first ?? ''}|${key.after ?? ''}` },
  );
}
