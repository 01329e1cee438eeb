// The nearest-rank percentile the benchmark scripts print (median = 0.5, p95 = 0.95).
export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}
