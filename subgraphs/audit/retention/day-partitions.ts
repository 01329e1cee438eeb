// Day partitions of audit's time-ordered tables, and retention by dropping them. Each
// table listed in PARTITIONED_TABLES is `partition by range (created_at)` with one child
// per UTC day named `<table>_pYYYYMMDD`. Retention drops whole partitions (DROP TABLE is
// instant and leaves no dead rows), never deletes rows one by one.
import type { SubgraphOrm } from '../../../lib/orm.js';

export const AUDIT_SCHEMA = 'audit';

/** Audit's tables partitioned by day (on created_at; schema_usage on its day). */
export const PARTITIONED_TABLES: readonly string[] = ['request_logs', 'audit_events', 'schema_usage'];

export const DAY_MS = 86_400_000;

/** How many days ahead of today the retention worker keeps partitions ready. */
export const DAYS_AHEAD = 3;

export type SqlConnection = ReturnType<SubgraphOrm['em']['getConnection']>;

/** Midnight UTC of the day `time` falls in. */
export function startOfDay(time: Date): Date {
  return new Date(Math.floor(time.getTime() / DAY_MS) * DAY_MS);
}

/** `request_logs_p20261123` for 2026-11-23 (UTC). */
export function partitionName(table: string, day: Date): string {
  return `${table}_p${startOfDay(day).toISOString().slice(0, 10).replaceAll('-', '')}`;
}

/** The day a partition name stands for, or undefined for a name that is not one of ours. */
export function partitionDay(table: string, name: string): Date | undefined {
  const match = new RegExp(`^${table}_p(\\d{4})(\\d{2})(\\d{2})$`).exec(name);
  if (!match) return undefined;
  const day = new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? undefined : day;
}

/**
 * The oldest time still inside the retention window. Rows before it are expired; the
 * partition holding it is kept, so what the window promises is always there.
 */
export function retentionStart(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** The days from `from` to `to` (inclusive), one Date (midnight UTC) each. */
export function daysBetween(from: Date, to: Date): Date[] {
  const days: Date[] = [];
  for (let day = startOfDay(from).getTime(); day <= to.getTime(); day += DAY_MS) days.push(new Date(day));
  return days;
}

function assertPartitionedTable(table: string): void {
  if (!PARTITIONED_TABLES.includes(table)) throw new Error(`${AUDIT_SCHEMA}.${table} is not a day-partitioned table`);
}

/** PostgreSQL errors of a partition that another process created a moment earlier. */
function isAlreadyCreated(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  // 42P07 duplicate_table; 23505 unique_violation on pg_type/pg_class when two CREATEs race.
  return code === '42P07' || code === '23505';
}

/** Names of the existing partitions of `table`. */
export async function listPartitions(connection: SqlConnection, table: string): Promise<string[]> {
  assertPartitionedTable(table);
  const rows = await connection.execute<{ name: string }[]>(
    `select child.relname as name
       from pg_inherits i
       join pg_class child on child.oid = i.inhrelid
       join pg_class parent on parent.oid = i.inhparent
       join pg_namespace n on n.oid = parent.relnamespace
      where n.nspname = ? and parent.relname = ?
      order by 1`,
    [AUDIT_SCHEMA, table],
  );
  return rows.map((row) => row.name);
}

/**
 * Makes sure `table` has a partition for each of the given days; returns the names it
 * created. Idempotent, and safe when several processes (audit instances, ingest and the
 * worker) create the same partition at once: the loser of the race finds it made.
 */
export async function ensureDayPartitions(connection: SqlConnection, table: string, days: readonly Date[]): Promise<string[]> {
  assertPartitionedTable(table);
  const existing = new Set(await listPartitions(connection, table));
  const wanted = [...new Set(days.map((day) => startOfDay(day).getTime()))].map((time) => new Date(time));
  const created: string[] = [];
  for (const day of wanted) {
    const name = partitionName(table, day);
    if (existing.has(name)) continue;
    const until = new Date(day.getTime() + DAY_MS);
    try {
      // No IF NOT EXISTS: a partition another process made in the meantime must raise
      // duplicate_table here, or both processes would report it as theirs.
      await connection.execute(
        `create table "${AUDIT_SCHEMA}"."${name}" partition of "${AUDIT_SCHEMA}"."${table}"
           for values from ('${day.toISOString()}') to ('${until.toISOString()}')`,
      );
      created.push(name);
    } catch (error) {
      if (!isAlreadyCreated(error)) throw error;
    }
  }
  return created;
}

/**
 * Drops, in every partitioned table, the partitions whose whole day lies before the
 * retention window (`now` minus `retentionDays`); returns the names dropped.
 */
export async function dropExpiredPartitions(connection: SqlConnection, now: Date, retentionDays: number): Promise<string[]> {
  const oldestKept = startOfDay(retentionStart(now, retentionDays));
  const dropped: string[] = [];
  for (const table of PARTITIONED_TABLES) {
    for (const name of await listPartitions(connection, table)) {
      const day = partitionDay(table, name);
      if (!day || day >= oldestKept) continue;
      // IF EXISTS: another audit instance may have dropped it first.
      await connection.execute(`drop table if exists "${AUDIT_SCHEMA}"."${name}"`);
      dropped.push(name);
    }
  }
  return dropped;
}

/** Partitions this process knows exist, per ORM (per database) and table, so most batches skip the check. */
const knownPartitions = new WeakMap<SubgraphOrm, Set<string>>();

async function ensureKnownPartitions(orm: SubgraphOrm, table: string, times: readonly Date[]): Promise<void> {
  const known = knownPartitions.get(orm) ?? new Set<string>();
  knownPartitions.set(orm, known);
  const missing = [...new Set(times.map((time) => startOfDay(time).getTime()))].map((time) => new Date(time)).filter((day) => !known.has(partitionName(table, day)));
  if (missing.length === 0) return;
  await ensureDayPartitions(orm.em.getConnection(), table, missing);
  for (const day of missing) known.add(partitionName(table, day));
}

/** PostgreSQL's "no partition of relation found for row": a partition dropped behind our cache. */
function isMissingPartition(error: unknown): boolean {
  return (error as { code?: string }).code === '23514' && /no partition/i.test((error as Error).message);
}

/**
 * Runs `store` (which writes rows of `table` at `times`) once the day partitions of those
 * times exist. Creating a partition locks the parent table, so it happens before `store`
 * and never inside its transaction. Should a partition vanish behind the cache (dropped by
 * another instance), the cache is forgotten and `store` runs once more.
 */
export async function withDayPartitions<T>(orm: SubgraphOrm, table: string, times: readonly Date[], store: () => Promise<T>): Promise<T> {
  await ensureKnownPartitions(orm, table, times);
  try {
    return await store();
  } catch (error) {
    if (!isMissingPartition(error)) throw error;
    knownPartitions.delete(orm);
    await ensureKnownPartitions(orm, table, times);
    return store();
  }
}
