// The check behind `npm run bench:soak`, at a tiny size and without judging memory (a run
// of seconds cannot tell): the script boots the subgraphs and the gateway, seeds, sends its
// whole mix (every kind of request, keys minted and revoked) and prints its summary, and
// every request was answered as its kind must be. And the verdict's arithmetic.
import { expect, inject, it } from 'vitest';
import { summarizeSeries, windowMedians } from '../scripts/bench-soak/memory-series.js';
import { REQUEST_KINDS } from '../scripts/bench-soak/request-mix.js';
import { runScript } from './process.js';

it('runs a few seconds of the soak mix and prints the memory summary', async () => {
  const result = await runScript(
    'scripts/bench-soak.ts',
    [],
    {
      // The test run's server: the script makes (and drops) a database of its own there.
      DATABASE_URL: inject('postgresAdminUrl'),
      BENCH_SOAK_SECONDS: '3',
      BENCH_SOAK_WARM_UP_SECONDS: '1',
      BENCH_SOAK_SAMPLE_SECONDS: '0.5',
      BENCH_SOAK_KEYS: '2',
      BENCH_SOAK_NEW_KEY_SECONDS: '1',
      BENCH_SOAK_CONCURRENCY: '4',
    },
    { timeoutMs: 170_000 },
  );
  const output = `${result.stdout}\n${result.stderr}`;
  // Exit code 2 is the memory verdict, not judged at this size; 1 is a request answered wrongly (or a crash).
  expect([0, 2], output).toContain(result.code);
  expect(result.stdout, output).toMatch(/^query +[1-9]\d* +[1-9]\d* +0$/m);
  for (const kind of REQUEST_KINDS) expect(result.stdout, output).toMatch(new RegExp(`^${kind} +\\d+ +\\d+ +0$`, 'm'));
  expect(result.stdout, output).toMatch(/^gateway RSS +\d+\.\d +\d+\.\d +\d+\.\d +\d+\.\d{3}$/m);
  expect(result.stdout, output).toMatch(/^gateway heap used +\d/m);
  for (const subgraph of ['identity', 'content', 'audit']) expect(result.stdout, output).toMatch(new RegExp(`^${subgraph} RSS \\(information\\) +\\d`, 'm'));
  expect(result.stdout, output).toMatch(/^gateway RSS (PASS|FAIL): median of the last 1\.5 s = \d+\.\d{3} × median of the first 1\.5 s/m);
}, 180_000);

it('compares the median of the first window with the median of the last', () => {
  const points = [100, 104, 96, 100, 101, 107, 109, 108].map((value, index) => ({ seconds: index * 10, value }));
  const summary = summarizeSeries(points, 70, 30, 0.1);
  // First window: 0–30 s (100, 104, 96, 100); last: 40–70 s (101, 107, 109, 108).
  expect(summary).toEqual({ samples: 8, firstMedian: 100, lastMedian: 107, max: 109, ratio: 1.07, flat: true });
  expect(summarizeSeries(points, 70, 30, 0.05).flat).toBe(false);
  const shrinking = summarizeSeries(
    points.map((point) => ({ ...point, value: 200 - point.value })),
    70,
    30,
    0.05,
  );
  expect(shrinking.ratio).toBeCloseTo(0.92);
  expect(shrinking.flat).toBe(false);
  expect(windowMedians(points, 30)).toEqual([100, 101, 108]);
});
