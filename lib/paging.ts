// The common page query: records matching `where`, in id order (ids are UUIDv7, so that
// is creation order), one page after the cursor, with the total of all matches.
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { pageRequest, toConnection, type Connection, type PageArgs } from './connection.js';
import type { CursorCodec } from './cursor.js';
import type { SubgraphEntityManager } from './orm.js';

export async function pageById<T extends { id: string }>(
  em: SubgraphEntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: PageArgs,
  cursor: CursorCodec<[string]>,
): Promise<Connection<T>> {
  const { limit, after } = pageRequest(page, cursor);
  const pageWhere = (after ? { $and: [where, { id: { $gt: after[0] } }] } : where) as FilterQuery<T>;
  const [rows, totalCount] = await Promise.all([em.find(entity, pageWhere, { orderBy: { id: 'asc' } as never, limit: limit + 1 }), em.count(entity, where)]);
  return toConnection(rows as T[], limit, totalCount, cursor, (row): [string] => [row.id]);
}
