// Identity's internal key-usage endpoint: the gateway reports, in batches, when keys were
// last used; one statement stores them all.
import { isId } from '../../../lib/ids.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';

export async function recordKeyUsage(em: SubgraphEntityManager, body: unknown): Promise<{ updated: number }> {
  const lastUsed = (body as { lastUsed?: unknown } | null)?.lastUsed;
  if (!lastUsed || typeof lastUsed !== 'object') return { updated: 0 };
  const entries = Object.entries(lastUsed as Record<string, unknown>).filter(
    (entry): entry is [string, string] => isId(entry[0]) && typeof entry[1] === 'string' && !Number.isNaN(Date.parse(entry[1])),
  );
  if (entries.length === 0) return { updated: 0 };
  const ids = `{${entries.map(([id]) => id).join(',')}}`;
  const times = `{${entries.map(([, time]) => `"${new Date(time).toISOString()}"`).join(',')}}`;
  const result = await em.getConnection().execute<{ id: string }[]>(
    `update "identity"."api_keys" k set last_used_at = greatest(coalesce(k.last_used_at, 'epoch'), u.used_at)
       from unnest(?::uuid[], ?::timestamptz[]) as u(id, used_at)
      where k.id = u.id
      returning k.id`,
    [ids, times],
  );
  return { updated: result.length };
}
