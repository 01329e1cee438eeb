// A fingerprint of database rows, to prove that a refused operation changed nothing.
import { selectRows } from '../testkit.js';

/**
 * Per table, an md5 of its rows (only rows whose text matches `pattern`, when given).
 * Request logs and schema usage (the operation registry, the daily counts and their day
 * partitions) are left out: the gateway's request logs write them in the background, not
 * the operation. So are seen_nonces: every signed call records its nonce
 * there (lib/seen-nonces/), a refused operation's included.
 */
export async function snapshotRows(databaseUrl: string, pattern?: string): Promise<Record<string, string>> {
  const tables = await selectRows<{ table_schema: string; table_name: string }>(
    databaseUrl,
    "select table_schema, table_name from information_schema.tables where table_schema in ('identity', 'content', 'audit') and table_type = 'BASE TABLE' and table_name not in ('mikro_orm_migrations', 'seen_nonces', 'schema_operations') and table_name !~ '^(request_logs|schema_usage)(_p[0-9]{8})?$' order by 1, 2",
  );
  if (tables.length === 0) return {};
  // Every table's hash in one statement (one round trip), read from one snapshot.
  const filter = pattern ? 'where t::text ~ $1' : '';
  const hashes = tables.map(
    ({ table_schema: schema, table_name: table }) =>
      `select '${schema}.${table}' as name, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as hash from "${schema}"."${table}" t ${filter}`,
  );
  const rows = await selectRows<{ name: string; hash: string }>(databaseUrl, hashes.join(' union all '), pattern ? [pattern] : []);
  return Object.fromEntries(rows.map((row) => [row.name, row.hash]));
}
