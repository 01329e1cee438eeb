// The verdict of `npm run bench:soak` on a series of memory samples: the median of the first
// window of the run against the median of its last window, the largest sample, and whether
// the last stayed within a tolerance of the first ("flat"). Medians, not single samples:
// RSS moves up and down with every garbage collection.
import { percentile } from '../percentile.js';

export interface SeriesPoint {
  /** Seconds since the measured run began (after warm-up). */
  readonly seconds: number;
  readonly value: number;
}

export interface SeriesSummary {
  readonly samples: number;
  /** Median of the samples of the first window. */
  readonly firstMedian: number;
  /** Median of the samples of the last window. */
  readonly lastMedian: number;
  readonly max: number;
  /** lastMedian ÷ firstMedian. */
  readonly ratio: number;
  /** The ratio is within 1 ± tolerance. */
  readonly flat: boolean;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * The first and last `windowSeconds` of a run of `runSeconds` compared. Windows hold at
 * least one sample each (the first and the last), so a run shorter than two windows
 * still gets a verdict; the two windows then overlap.
 */
export function summarizeSeries(points: readonly SeriesPoint[], runSeconds: number, windowSeconds: number, tolerance: number): SeriesSummary {
  if (points.length === 0) throw new Error('no samples to summarize');
  const first = points.filter((point) => point.seconds <= windowSeconds);
  const last = points.filter((point) => point.seconds >= runSeconds - windowSeconds);
  const firstMedian = median((first.length ? first : points.slice(0, 1)).map((point) => point.value));
  const lastMedian = median((last.length ? last : points.slice(-1)).map((point) => point.value));
  const ratio = lastMedian / firstMedian;
  return { samples: points.length, firstMedian, lastMedian, max: Math.max(...points.map((point) => point.value)), ratio, flat: Math.abs(ratio - 1) <= tolerance };
}

/** The median of each consecutive window of the run (the last one may be shorter): how the series moved. */
export function windowMedians(points: readonly SeriesPoint[], windowSeconds: number): number[] {
  const windows = new Map<number, number[]>();
  for (const point of points) {
    const index = Math.floor(point.seconds / windowSeconds);
    windows.set(index, [...(windows.get(index) ?? []), point.value]);
  }
  return [...windows.entries()].sort(([a], [b]) => a - b).map(([, values]) => median(values));
}
