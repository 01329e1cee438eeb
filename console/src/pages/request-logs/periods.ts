// The periods the request-logs page offers (last hour … everything kept, or a custom range),
// turned into the time range and bucket width the API is asked for. A range is fixed when it
// is chosen (or refreshed), so that the chart and the table show the same instants.
import { CONFIG } from '../../config';
import { formatTime } from '../../time';
import type { VolumeInterval } from '../../gql/graphql';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export type PeriodChoice = 'hour' | 'day' | 'week' | 'kept' | 'custom';

export interface Preset {
  readonly value: Exclude<PeriodChoice, 'custom'>;
  readonly label: string;
  readonly length: number;
  readonly interval: VolumeInterval;
}

/**
 * The oldest preset asks for a little less than retention: the API refuses a range that
 * starts before it, and the browser's clock may run ahead of the server's.
 */
const RETENTION_MARGIN_MS = HOUR_MS;

export const PRESETS: readonly Preset[] = [
  { value: 'hour' as const, label: 'Last hour', length: HOUR_MS, interval: 'MINUTE' as const },
  { value: 'day' as const, label: 'Last 24 hours', length: DAY_MS, interval: 'HOUR' as const },
  { value: 'week' as const, label: 'Last 7 days', length: 7 * DAY_MS, interval: 'HOUR' as const },
  { value: 'kept' as const, label: `Last ${CONFIG.retentionDays} days`, length: CONFIG.retentionDays * DAY_MS - RETENTION_MARGIN_MS, interval: 'DAY' as const },
].filter((preset) => preset.value === 'kept' || preset.length < CONFIG.retentionDays * DAY_MS);

export interface TimeRange {
  readonly from: Date;
  readonly to: Date;
  readonly interval: VolumeInterval;
}

/** The preset's range ending now. */
export function presetRange(preset: Preset, now = Date.now()): TimeRange {
  return { from: new Date(now - preset.length), to: new Date(now), interval: preset.interval };
}

export const INTERVAL_MS: Record<VolumeInterval, number> = { MINUTE: MINUTE_MS, HOUR: HOUR_MS, DAY: DAY_MS };

/** For a custom range, the finest width that keeps the chart readable (at most 250 bars, as the API would choose). */
export function intervalFor(from: Date, to: Date): VolumeInterval {
  const span = to.getTime() - from.getTime();
  return (['MINUTE', 'HOUR'] as const).find((interval) => span / INTERVAL_MS[interval] + 1 <= 250) ?? 'DAY';
}

/** "minute", "hour", "day": what one bar stands for. */
export function intervalUnit(interval: VolumeInterval): string {
  return interval.toLowerCase();
}

/** A `datetime-local` input's value for a time, in the user's zone ("2026-12-02T14:05"). */
export function toLocalInput(time: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

/** The oldest time the API still holds (less the margin), for a custom range's `min`. */
export function oldestKept(now = Date.now()): Date {
  return new Date(now - CONFIG.retentionDays * DAY_MS + RETENTION_MARGIN_MS);
}

export interface CustomRangeProblem {
  readonly field: 'from' | 'to';
  readonly message: string;
}

/** A custom range from two `datetime-local` values (read in the user's zone), or what is wrong with it. */
export function customRange(fromInput: string, toInput: string, now = Date.now()): TimeRange | CustomRangeProblem {
  const from = new Date(fromInput);
  const to = new Date(toInput);
  if (!fromInput || Number.isNaN(from.getTime())) return { field: 'from', message: 'Enter the start of the range.' };
  if (!toInput || Number.isNaN(to.getTime())) return { field: 'to', message: 'Enter the end of the range.' };
  if (from < oldestKept(now)) return { field: 'from', message: `Request logs are kept ${CONFIG.retentionDays} days: start the range after ${formatTime(oldestKept(now).toISOString())}.` };
  if (to <= from) return { field: 'to', message: 'The end must be after the start.' };
  return { from, to, interval: intervalFor(from, to) };
}
