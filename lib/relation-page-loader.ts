// A page of related records for many parents at once (Workspace.contentTypes,
// MemberGroup.members, ApiKey.requestLogs, ...): one query for the pages and one grouped
// count per set of page arguments, whatever the number of parents in the response. The
// pages are keyset pages of lib/paging.ts, forwards or backwards.
import DataLoader from 'dataloader';
import type { EntityName } from '@mikro-orm/core';
import type { SubgraphEntityManager } from './orm.js';
import { idOrder, keysetBounds, keysetOrderBy, pageWindow, toConnection, type Connection, type KeysetOrder, type PageArguments, type PageWindow } from './paging.js';
import { isId } from './ids.js';
import { workspaceCondition } from './workspace-filter.js';

export interface RelationPageKey extends PageArguments {
  readonly parentId: string;
}

/** One batch of parents that share their page arguments (checked: sizes in range, cursors of this list). */
export interface PageGroup<K extends RelationPageKey> {
  readonly window: PageWindow;
  /** Distinct, valid (UUID) parent ids. */
  readonly parentIds: string[];
  /** A key of the group, for arguments beyond the page ones (all keys of a group share them). */
  readonly sample: K;
}

/** Up to `limit + 1` rows per parent in the order they were read (keysetOrderBy), and each parent's total. */
export interface GroupPages<T> {
  readonly rows: Map<string, T[]>;
  readonly totals: Map<string, number>;
}

export interface PageLoaderOptions<K extends RelationPageKey, T> {
  readonly fetchGroup: (group: PageGroup<K>) => Promise<GroupPages<T>>;
  /** The list's order, which names its cursors (lib/paging.ts). */
  readonly order: KeysetOrder<T>;
  /** Arguments besides parent and page that keys of one batch must share (a filter). */
  readonly argumentsOf?: (key: K) => string;
}

/** The batching around any per-parent page query: groups keys by their arguments, one fetch per group. */
export function createPageLoader<K extends RelationPageKey, T>(options: PageLoaderOptions<K, T>): DataLoader<K, Connection<T>, string> {
  const groupOf = (key: K) => JSON.stringify([key.first, key.after, key.last, key.before, options.argumentsOf?.(key) ?? '']);
  return new DataLoader(
    async (keys) => {
      // Keys of one batch usually share their arguments; each group is one fetch.
      const groups = new Map<string, K[]>();
      for (const key of keys) groups.set(groupOf(key), [...(groups.get(groupOf(key)) ?? []), key]);
      const results = new Map<K, Connection<T> | Error>();
      for (const group of groups.values()) {
        const sample = group[0];
        let window: PageWindow;
        try {
          window = pageWindow(sample, options.order);
        } catch (error) {
          // Bad page arguments fail the fields that gave them, not the whole batch.
          for (const key of group) results.set(key, error as Error);
          continue;
        }
        const parentIds = [...new Set(group.map((key) => key.parentId).filter(isId))];
        const pages: GroupPages<T> = parentIds.length === 0 ? { rows: new Map(), totals: new Map() } : await options.fetchGroup({ parentIds, window, sample });
        for (const key of group) {
          results.set(key, toConnection(pages.rows.get(key.parentId) ?? [], window, pages.totals.get(key.parentId) ?? 0, options.order));
        }
      }
      return keys.map((key) => results.get(key)!);
    },
    { cacheKeyFn: (key) => `${key.parentId}|${groupOf(key)}` },
  );
}

export interface RelationPageOptions<T extends { id: string }> {
  readonly em: SubgraphEntityManager;
  /** Names the list in its cursors (`Member.groups`): a cursor of another list is refused. */
  readonly list: string;
  readonly entity: EntityName<T>;
  /**
   * SQL selecting the child rows (the entity's columns, `workspace_id` among them) plus a
   * `parent_id` column, for the parents in its one parameter (a uuid[] literal). It names
   * no workspace: the loader keeps the request's (lib/workspace-filter.ts) around it.
   */
  readonly source: string;
  /** The children's order (over the source's columns); id order when absent. */
  readonly order?: KeysetOrder<T>;
}

/** Children in keyset order: one windowed query for every parent's page, one grouped count. */
export function createRelationPageLoader<T extends { id: string }>(options: RelationPageOptions<T>): DataLoader<RelationPageKey, Connection<T>, string> {
  const { em } = options;
  const order = options.order ?? idOrder<T>(options.list);
  return createPageLoader<RelationPageKey, T>({
    order,
    fetchGroup: async ({ parentIds, window }) => {
      // One PostgreSQL array literal; every element is a validated UUID.
      const parents = `{${parentIds.join(',')}}`;
      // Raw SQL, which MikroORM's workspace filter does not reach: the filter's own helper
      // adds the request's workspace to every row of the source (PostgreSQL pushes it into
      // the source's scan). The per-parent limit needs row_number() over a partition, which
      // QueryBuilder cannot say for a join through a link table, hence SQL text here, in one place.
      const workspace = workspaceCondition(em, 's');
      const bounds = keysetBounds(order, window, 's');
      const connection = em.getConnection();
      const [rows, counts] = await Promise.all([
        connection.execute<Record<string, unknown>[]>(
          `select * from (
             select s.*, row_number() over (partition by s.parent_id order by ${keysetOrderBy(order, window, 's')}) as page_rank
             from (${options.source}) s
             where ${workspace.sql} and ${bounds.sql}
           ) ranked where ranked.page_rank <= ? order by ranked.parent_id, ranked.page_rank`,
          [parents, ...workspace.params, ...bounds.params, window.limit + 1],
        ),
        connection.execute<{ parent_id: string; count: string }[]>(`select s.parent_id, count(*) as count from (${options.source}) s where ${workspace.sql} group by s.parent_id`, [
          parents,
          ...workspace.params,
        ]),
      ]);
      const byParent = new Map<string, T[]>();
      for (const row of rows) {
        const { page_rank: _rank, parent_id: parentId, ...columns } = row;
        const entity = em.map(options.entity, columns as never);
        byParent.set(String(parentId), [...(byParent.get(String(parentId)) ?? []), entity]);
      }
      return { rows: byParent, totals: new Map(counts.map((count) => [count.parent_id, Number(count.count)])) };
    },
  });
}
