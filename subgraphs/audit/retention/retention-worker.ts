// Audit's scheduled retention: at start and then every hour, makes the day partitions of
// today and the next few days and drops the partitions older than the retention window.
// Several audit instances may run it at once: creating and dropping are both idempotent.
import type { Logger } from '../../../lib/logger.js';
import type { SubgraphOrm } from '../../../lib/orm.js';
import { DAYS_AHEAD, DAY_MS, PARTITIONED_TABLES, daysBetween, dropExpiredPartitions, ensureDayPartitions, retentionStart, type SqlConnection } from './day-partitions.js';

export interface RetentionResult {
  readonly created: string[];
  readonly dropped: string[];
  /** Operations of the schema-usage registry no gateway registered within the window, forgotten. */
  readonly operationsForgotten: number;
}

/**
 * One pass: partitions for today … today + DAYS_AHEAD in every table, expired ones dropped;
 * and the operation registry's entries last registered before the window deleted (a small
 * table of one row per distinct operation, not a time series: the one DELETE of retention;
 * gateways register an operation again every hour while it runs, so a live one stays).
 */
export async function runRetention(connection: SqlConnection, now: Date, retentionDays: number): Promise<RetentionResult> {
  const days = daysBetween(now, new Date(now.getTime() + DAYS_AHEAD * DAY_MS));
  const created: string[] = [];
  for (const table of PARTITIONED_TABLES) created.push(...(await ensureDayPartitions(connection, table, days)));
  const dropped = await dropExpiredPartitions(connection, now, retentionDays);
  const forgotten = await connection.execute<{ count: number }[]>(
    `with forgotten as (delete from "audit"."schema_operations" where last_seen < ? returning 1) select count(*)::int as count from forgotten`,
    [retentionStart(now, retentionDays)],
  );
  return { created, dropped, operationsForgotten: forgotten[0]?.count ?? 0 };
}

export interface RetentionWorkerOptions {
  readonly orm: SubgraphOrm;
  readonly logger: Logger;
  readonly retentionDays: number;
  /** Default: hourly. */
  readonly intervalMs?: number;
  /** The clock; tests move it. */
  readonly now?: () => Date;
}

/** Runs a first pass before it returns (so today's partitions exist), then one per interval. */
export async function startRetentionWorker(options: RetentionWorkerOptions): Promise<() => Promise<void>> {
  const now = options.now ?? (() => new Date());
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      const result = await runRetention(options.orm.em.getConnection(), now(), options.retentionDays);
      if (result.created.length > 0 || result.dropped.length > 0 || result.operationsForgotten > 0) options.logger.info('audit retention', { ...result, retentionDays: options.retentionDays });
    } catch (error) {
      // The next pass retries; ingest creates the partitions it needs on its own meanwhile.
      options.logger.error('audit retention failed', { error });
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().then(schedule);
    }, options.intervalMs ?? 3_600_000);
    timer.unref();
  };
  running = pass();
  await running;
  schedule();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
