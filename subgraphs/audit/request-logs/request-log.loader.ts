// ApiKey.requestLogs for every key of a response at once: one lateral query takes each
// key's newest entries through the (key_id, created_at) index, one grouped count gives
// their totals, however many keys the page lists.
import type DataLoader from 'dataloader';
import type { Connection } from '../../../lib/connection.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { keysetBounds, keysetOrderBy } from '../../../lib/paging.js';
import { createPageLoader, type RelationPageKey } from '../../../lib/relation-page-loader.js';
import { RequestLog } from './request-log.entity.js';
import { KEY_REQUEST_LOG_ORDER, type SqlCondition } from './request-log.sql.js';

export interface KeyRequestLogsKey extends RelationPageKey {
  /** What the principal may see within the filter (same for every key of a request). */
  readonly where: SqlCondition;
}

export function createKeyRequestLogsLoader(em: SubgraphEntityManager): DataLoader<KeyRequestLogsKey, Connection<RequestLog>, string> {
  return createPageLoader<KeyRequestLogsKey, RequestLog>({
    order: KEY_REQUEST_LOG_ORDER,
    argumentsOf: (key) => JSON.stringify(key.where),
    fetchGroup: async ({ parentIds, window, sample }) => {
      const { where } = sample;
      const keyset = keysetBounds(KEY_REQUEST_LOG_ORDER, window, 'r');
      const keys = `{${parentIds.join(',')}}`;
      const connection = em.getConnection();
      const [rows, counts] = await Promise.all([
        connection.execute<Record<string, unknown>[]>(
          `select page.* from unnest(?::uuid[]) as k(key_id)
           cross join lateral (
             select r.* from "audit"."request_logs" r
              where r.key_id = k.key_id and ${where.sql} and ${keyset.sql}
              order by ${keysetOrderBy(KEY_REQUEST_LOG_ORDER, window, 'r')} limit ?
           ) page`,
          [keys, ...where.params, ...keyset.params, window.limit + 1],
        ),
        connection.execute<{ key_id: string; count: string }[]>(`select r.key_id, count(*) as count from "audit"."request_logs" r where r.key_id = any(?::uuid[]) and ${where.sql} group by r.key_id`, [
          keys,
          ...where.params,
        ]),
      ]);
      const byKey = new Map<string, RequestLog[]>();
      for (const row of rows) {
        const entry = em.map(RequestLog, row as never);
        byKey.set(String(row.key_id), [...(byKey.get(String(row.key_id)) ?? []), entry]);
      }
      return { rows: byKey, totals: new Map(counts.map((count) => [count.key_id, Number(count.count)])) };
    },
  });
}
