// requestLogVolume's buckets: which interval (asked for, or chosen from the range), how many
// buckets that makes (refused past MAX_VOLUME_BUCKETS, before anything is read), and the one
// SQL statement that counts requests and errors per bucket over the day partitions, every
// bucket of the range present, empty ones with zeros, so a chart of it is continuous.
import { badUserInput } from '../../../lib/errors.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { TimeWindow } from '../time-window.js';
import { VolumeInterval } from './request-log.enums.js';
import { RequestLogVolume } from './request-log-volume.js';
import type { SqlCondition } from './request-log.sql.js';

/** At most this many buckets in one answer: a day by the minute (1,440) fits, 90 days by the hour does not. */
export const MAX_VOLUME_BUCKETS = 1500;

/** Without an interval, the finest one giving at most this many buckets (the last hour by the minute, a week by the hour, 90 days by the day). */
export const AUTOMATIC_VOLUME_BUCKETS = 250;

const INTERVAL_MS: Record<VolumeInterval, number> = { MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };
const INTERVAL_UNIT: Record<VolumeInterval, 'minute' | 'hour' | 'day'> = { MINUTE: 'minute', HOUR: 'hour', DAY: 'day' };

export interface VolumePlan {
  readonly interval: VolumeInterval;
  readonly window: TimeWindow;
  /** IANA time zone whose hours and midnights the buckets follow. */
  readonly timeZone: string;
}

/**
 * How many buckets `interval` cuts the window into, at most: the first one starts at or
 * before `from`, and a day may be 25 hours long where the clocks change.
 */
function bucketCount(window: TimeWindow, interval: VolumeInterval): number {
  return Math.ceil((window.to.getTime() - window.from.getTime()) / INTERVAL_MS[interval]) + 1;
}

/** A name PostgreSQL and the ICU of Node both know (`Europe/Paris`, `UTC`), or BAD_USER_INPUT. */
function checkedTimeZone(timeZone: string | undefined): string {
  if (timeZone === undefined) return 'UTC';
  const problem = () =>
    badUserInput(`timeZone must be an IANA time zone name such as "UTC" or "Europe/Paris"; "${timeZone.slice(0, 64)}" is not one`, {
      fieldErrors: [{ field: 'timeZone', reason: 'must be an IANA time zone name' }],
    });
  // PostgreSQL would also read POSIX zone specs ("UTC+3", "<foo>-1"), with their inverted signs: names only.
  if (timeZone.length > 64 || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(timeZone)) throw problem();
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw problem();
  }
  return timeZone;
}

/** The interval and time zone to count in, checked; refused when they would make too many buckets. */
export function planVolume(window: TimeWindow, interval: VolumeInterval | undefined, timeZone: string | undefined): VolumePlan {
  const zone = checkedTimeZone(timeZone);
  const chosen = interval ?? [VolumeInterval.MINUTE, VolumeInterval.HOUR].find((candidate) => bucketCount(window, candidate) <= AUTOMATIC_VOLUME_BUCKETS) ?? VolumeInterval.DAY;
  const count = bucketCount(window, chosen);
  if (count > MAX_VOLUME_BUCKETS) {
    const unit = INTERVAL_UNIT[chosen];
    throw badUserInput(
      `Too many buckets: ${count} ${unit}s from createdAfter to createdBefore, and at most ${MAX_VOLUME_BUCKETS} are answered. Choose a longer interval or a shorter range (or leave interval out to have one chosen).`,
      { fieldErrors: [{ field: 'interval', reason: `makes ${count} buckets for this range; at most ${MAX_VOLUME_BUCKETS}` }] },
    );
  }
  return { interval: chosen, window, timeZone: zone };
}

/** PostgreSQL's answer when it does not know a time zone that passed the checks above (invalid_parameter_value). */
function isUnknownTimeZone(error: unknown): boolean {
  return (error as { code?: string }).code === '22023' && /time zone/i.test(String((error as Error).message));
}

/**
 * Requests and errors per bucket of `plan`, oldest first, over the rows `where` keeps (it
 * holds the time window too, so only the window's day partitions are read). The buckets
 * are the window's local wall-clock steps (date_trunc in the time zone), turned back into
 * instants; `distinct` folds the hour that does not exist when clocks go forward.
 */
export async function countVolume(em: SubgraphEntityManager, where: SqlCondition, plan: VolumePlan): Promise<RequestLogVolume[]> {
  const unit = INTERVAL_UNIT[plan.interval];
  const { from, to } = plan.window;
  let rows: { start: Date | string; requests: string | number; errors: string | number }[];
  try {
    rows = await em.getConnection().execute(
      `with buckets as (
         select distinct (local at time zone ?) as start
           from generate_series(date_trunc(?, ?::timestamptz at time zone ?), ?::timestamptz at time zone ?, ?::interval) as local
          where local < ?::timestamptz at time zone ?
       ),
       counts as (
         select date_trunc(?, r.created_at, ?) as start, count(*) as requests, count(*) filter (where r.outcome <> 'OK') as errors
           from "audit"."request_logs" r
          where ${where.sql}
          group by 1
       )
       select buckets.start, coalesce(counts.requests, 0) as requests, coalesce(counts.errors, 0) as errors
         from buckets left join counts on counts.start = buckets.start
        order by buckets.start`,
      [plan.timeZone, unit, from.toISOString(), plan.timeZone, to.toISOString(), plan.timeZone, `1 ${unit}`, to.toISOString(), plan.timeZone, unit, plan.timeZone, ...where.params],
    );
  } catch (error) {
    if (isUnknownTimeZone(error))
      throw badUserInput(`timeZone "${plan.timeZone}" is not known to the database: use an IANA name such as "Europe/Paris"`, { fieldErrors: [{ field: 'timeZone', reason: 'unknown time zone' }] });
    throw error;
  }
  return rows.map((row) => Object.assign(new RequestLogVolume(), { start: new Date(row.start), requests: Number(row.requests), errors: Number(row.errors) }));
}
