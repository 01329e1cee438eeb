// A fingerprint of database rows, to prove that a refused operation changed nothing.
import pg from 'pg';

/**
 * Per table, an md5 of its rows (only rows whose text matches `pattern`, when given).
 * Request logs (and their day partitions) are left out: the gateway writes them in the
 * background, not the operation. So are seen_nonces: every signed call records its nonce
 * there (lib/seen-nonces/), a refused operation's included.
 */
export async function snapshotRows(databaseUrl: string, pattern?: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ table_schema: string; table_name: string }>(
      "select table_schema, table_name from information_schema.tables where table_schema in ('identity', 'content', 'audit') and table_type = 'BASE TABLE' and table_name not in ('mikro_orm_migrations', 'seen_nonces') and table_name !~ '^request_logs(_p[0-9]{8})?$' order by 1, 2",
    );
    const snapshot: Record<string, string> = {};
    for (const { table_schema: schema, table_name: table } of tables.rows) {
      const filter = pattern ? 'where t::text ~ $1' : '';
      const result = await client.query<{ hash: string }>(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as hash from "${schema}"."${table}" t ${filter}`,
        pattern ? [pattern] : [],
      );
      snapshot[`${schema}.${table}`] = result.rows[0].hash;
    }
    return snapshot;
  } finally {
    await client.end();
  }
}
