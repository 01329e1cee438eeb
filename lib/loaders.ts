// Per-request DataLoaders shared by the subgraphs. Every relation and every
// __resolveReference goes through one, so a page of 100 costs what a page of 10 does.
import DataLoader from 'dataloader';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { SubgraphEntityManager } from './orm.js';
import { isId } from './ids.js';

/**
 * Loads records by id in one `IN` query per tick. `scope` narrows the lookup (e.g. to the
 * request's workspace), so an id from elsewhere loads as `null`, exactly like an unknown id.
 */
export function createByIdLoader<T extends { id: string }>(em: SubgraphEntityManager, entity: EntityName<T>, scope: FilterQuery<T> = {}): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const valid = [...new Set(ids.filter(isId))];
    // $and, not a spread: a scope on the id itself (workspaceById's) must narrow, not be replaced.
    const rows = valid.length > 0 ? await em.find(entity, { $and: [scope, { id: { $in: valid } }] } as unknown as FilterQuery<T>) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
