// What audit's lists share: a time range that defaults to the last 24 hours and never
// reaches past retention (their pages are lib/paging.ts's, newest first).
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
export function timeWindow(filter: { from?: Date | null; to?: Date | null } | undefined, now: Date, retentionDays: number, records: string): TimeWindow {
  const from = filter?.from ?? new Date(now.getTime() - DAY_MS);
  const to = filter?.to ?? now;
  const oldest = retentionStart(now, retentionDays);
  if (from < oldest) {
    throw badUserInput(`from is outside the retention window: ${records} are kept ${retentionDays} days, so from must be at or after ${oldest.toISOString()}`, {
      fieldErrors: [{ field: 'filter.from', reason: `must be within the last ${retentionDays} days` }],
    });
  }
  if (to <= from) throw badUserInput('to must be after from', { fieldErrors: [{ field: 'filter.to', reason: 'must be after from' }] });
  return { from, to };
}
