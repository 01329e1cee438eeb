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
