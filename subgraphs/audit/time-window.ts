// What audit's lists share: a time range that defaults to the last 24 hours and never
// reaches past retention, and keyset pages newest first (time, then id).
import type { EntityName } from '@mikro-orm/core';
import type { SubgraphEntityManager } from '../../lib/orm.js';
import { pageRequest, toConnection, type Connection, type PageArgs } from '../../lib/connection.js';
import type { CursorCodec } from '../../lib/cursor.js';
import { badUserInput } from '../../lib/errors.js';
import { DAY_MS, retentionStart } from './retention/day-partitions.js';

export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

/**
 * The filter's range, checked: refused, naming the window, when it starts before
 * retention (`records` says what is kept: "request logs", "audit events").
 */
export function timeWindow(filter: { createdAfter?: Date | null; createdBefore?: Date | null } | undefined, now: Date, retentionDays: number, records: string): TimeWindow {
  const from = filter?.createdAfter ?? new Date(now.getTime() - DAY_MS);
  const to = filter?.createdBefore ?? now;
  const oldest = retentionStart(now, retentionDays);
  if (from < oldest) {
    throw badUserInput(`createdAfter is outside the retention window: ${records} are kept ${retentionDays} days, so createdAfter must be at or after ${oldest.toISOString()}`, {
      fieldErrors: [{ field: 'filter.createdAfter', reason: `must be within the last ${retentionDays} days` }],
    });
  }
  if (to <= from) throw badUserInput('createdBefore must be after createdAfter', { fieldErrors: [{ field: 'filter.createdBefore', reason: 'must be after createdAfter' }] });
  return { from, to };
}

/** A row's place in newest-first order (created_at desc, id desc): what its cursor encodes (lib/cursor.ts timeCursor). */
export function newestFirstPosition(row: { createdAt: Date; id: string }): [string, string] {
  return [row.createdAt.toISOString(), row.id];
}

/** A page of rows matching `where`, newest first, keyset on (createdAt, id). */
export async function pageNewestFirst<T extends { id: string; createdAt: Date }>(
  em: SubgraphEntityManager,
  entity: EntityName<T>,
  where: Record<string, unknown>,
  page: PageArgs,
  cursor: CursorCodec<[string, string]>,
): Promise<Connection<T>> {
  const { limit, after } = pageRequest(page, cursor);
  const pageWhere = after ? { $and: [where, { $or: [{ createdAt: { $lt: new Date(after[0]) } }, { createdAt: new Date(after[0]), id: { $lt: after[1] } }] }] } : where;
  const [rows, totalCount] = await Promise.all([em.find(entity, pageWhere as never, { orderBy: { createdAt: 'desc', id: 'desc' } as never, limit: limit + 1 }), em.count(entity, where as never)]);
  return toConnection(rows as T[], limit, totalCount, cursor, newestFirstPosition);
}
