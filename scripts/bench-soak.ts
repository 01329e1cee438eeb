// `npm run bench:soak`: does Atrium's gateway hold its memory over a long run (issue 15:
// "Gateway RSS flat (± 10 %) over a 5-minute run")? The subgraphs run once, each in its
// own process, and over them Atrium's gateway as shipped (authentication, operation limits,
// rate limits with budgets no run can spend, request logging) in a process of its own.
// After a warm-up, for BENCH_SOAK_SECONDS (default 300), BENCH_SOAK_CONCURRENCY clients
// (16) send a mix (scripts/bench-soak/request-mix.ts): the benchmark queries under several
// keys, keys minted and revoked as the run goes on, and requests that fail (bad keys, a
// document over the limits, malformed JSON, an invalid operation, clients hanging up).
// Every BENCH_SOAK_SAMPLE_SECONDS (5) the gateway's RSS is read from /proc, its heap through
// the inspector it is started with (BENCH_SOAK_INSPECT=false leaves the inspector out), and
// the subgraphs' RSS for information. The verdict compares the medians of the first and
// last minute of the run: PASS within ±10 %. Exit code 1 when a request was not answered
// as its kind must be, 2 when RSS was not flat.
// Also: BENCH_SOAK_WARM_UP_SECONDS (60), BENCH_SOAK_KEYS (seeded workspaces and keys, 4),
// BENCH_SOAK_NEW_KEY_SECONDS (2), BENCH_SOAK_HEAP_SNAPSHOTS=<folder> (a heap snapshot of the
// gateway at the start and at the end of the run, to compare in Chrome DevTools; the first
// pauses the gateway for seconds, and from then on V8 keeps an id for every object it
// holds, which costs native memory: the RSS of such a run is no verdict).
import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { findFreePort } from '../lib/database.js';
import { SUBGRAPHS } from '../lib/subgraph-list.js';
import { benchQueries, seedBenchWorkspace } from './bench-peers/workload.js';
import { startBenchServices } from './bench-services.js';
import { connectInspector, type GatewayInspector } from './bench-soak/inspector.js';
import { summarizeSeries, windowMedians, type SeriesPoint } from './bench-soak/memory-series.js';
import { KeyChurn, REQUEST_KINDS, emptyTally, runMix, type SoakKey } from './bench-soak/request-mix.js';
import { processRssBytes } from './process-memory.js';
import { runMain } from './run-main.js';
import { superviseService, type SupervisedService } from './supervisor.js';

function secondsSetting(variable: string, fallback: number, minimum: number): number {
  const value = Number(process.env[variable] ?? fallback);
  if (!Number.isFinite(value) || value < minimum) throw new Error(`${variable} must be a number of seconds, at least ${minimum}`);
  return value;
}

const SECONDS = secondsSetting('BENCH_SOAK_SECONDS', 300, 1);
const WARM_UP_SECONDS = secondsSetting('BENCH_SOAK_WARM_UP_SECONDS', 60, 0);
const SAMPLE_SECONDS = secondsSetting('BENCH_SOAK_SAMPLE_SECONDS', 5, 0.1);
const NEW_KEY_SECONDS = secondsSetting('BENCH_SOAK_NEW_KEY_SECONDS', 2, 0.1);
const CONCURRENCY = Number(process.env.BENCH_SOAK_CONCURRENCY ?? 16);
/** Each seeded workspace registers a user: identity lets one address register 10 per hour. */
const KEYS = Number(process.env.BENCH_SOAK_KEYS ?? 4);
if (!Number.isInteger(KEYS) || KEYS < 1 || KEYS > 8) throw new Error('BENCH_SOAK_KEYS must be a whole number from 1 to 8');
const INSPECT = process.env.BENCH_SOAK_INSPECT !== 'false';
const HEAP_SNAPSHOTS = process.env.BENCH_SOAK_HEAP_SNAPSHOTS;
/** "The first minute against the last": shorter runs compare their halves. */
const WINDOW_SECONDS = Math.min(60, SECONDS / 2);
const TOLERANCE = 0.1;
const DATABASE = 'atrium_bench_soak';
const MIB = 1024 * 1024;

interface MemorySample {
  /** Since the measured run began; negative during the warm-up. */
  readonly seconds: number;
  readonly gatewayRss: number;
  readonly heap?: NodeJS.MemoryUsage;
  /** Of each subgraph that was running (one being restarted has none). */
  readonly subgraphRss: Readonly<Record<string, number | undefined>>;
  /** Requests done since the previous sample, per second. */
  readonly requestsPerSecond: number;
}

const mib = (bytes: number | undefined) => (bytes === undefined ? '—' : (bytes / MIB).toFixed(1));
/** The RSS of a supervised process, undefined while it is down. */
const rssOf = (service: SupervisedService) => (service.pid === undefined ? undefined : processRssBytes(service.pid));
const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

await runMain(async () => {
  const bench = await startBenchServices(DATABASE);
  const { services, logger } = bench;
  let gateway: SupervisedService | undefined;
  let inspector: GatewayInspector | undefined;
  try {
    // Seeded through a gateway of its own, stopped before the measured one starts: the
    // measured gateway's memory owes nothing to the seeding.
    const keys: SoakKey[] = [];
    for (let index = 0; index < KEYS; index += 1) {
      const workspace = await seedBenchWorkspace(services.gateway.url);
      keys.push({ headers: workspace.headers, queries: benchQueries(workspace.typeId) });
    }
    const churn = await KeyChurn.register(services.gateway.url, keys[0].queries);
    await services.gateway.stop();

    const inspectPort = INSPECT ? await findFreePort('127.0.0.1') : undefined;
    const measured = await superviseService({
      name: 'gateway',
      env: bench.gatewayEnv(inspectPort ? { NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` } : {}),
      logger,
    });
    gateway = measured;
    const gatewayPid = measured.pid!;
    if (inspectPort) {
      inspector = await connectInspector(inspectPort).catch((error: unknown) => {
        console.error(`the gateway's heap cannot be read (${(error as Error).message}); RSS only`);
        return undefined;
      });
    }
    // Live keys and one already revoked before the first request.
    for (let index = 0; index <= churn.liveKeys; index += 1) await churn.mint(measured.url);

    const runStart = performance.now() + WARM_UP_SECONDS * 1000;
    const runEnd = runStart + SECONDS * 1000;
    const tally = emptyTally();
    let done = 0;
    let running = true;
    const mix = runMix({ url: measured.url, concurrency: CONCURRENCY, keys, churn, tally, running: () => running, onDone: () => (done += 1) });

    let mintFailures = 0;
    const churning = (async () => {
      for (let next = performance.now() + NEW_KEY_SECONDS * 1000; running; next += NEW_KEY_SECONDS * 1000) {
        await sleepUntil(next);
        if (!running) return;
        await churn.mint(measured.url).catch((error: unknown) => {
          mintFailures += 1;
          if (mintFailures <= 3) console.error(`minting a key failed: ${(error as Error).message}`);
        });
      }
    })();

    const samples: MemorySample[] = [];
    let doneAtLastSample = 0;
    let doneAtRunStart = 0;
    let lastSampleAt = performance.now();
    const takeSample = async (seconds: number): Promise<MemorySample> => {
      // The same process throughout: a gateway that died and was restarted would start afresh.
      if (measured.pid !== gatewayPid) throw new Error(`the gateway (pid ${gatewayPid}) died during the run`);
      const heap = await inspector?.memoryUsage().catch(() => undefined);
      const now = performance.now();
      const sample: MemorySample = {
        seconds,
        gatewayRss: processRssBytes(gatewayPid),
        ...(heap ? { heap } : {}),
        subgraphRss: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, rssOf(services.subgraphs[name])])),
        requestsPerSecond: ((done - doneAtLastSample) * 1000) / Math.max(1, now - lastSampleAt),
      };
      doneAtLastSample = done;
      lastSampleAt = now;
      const subgraphs = SUBGRAPHS.map(({ name }) => `${name} ${mib(sample.subgraphRss[name])}`).join(', ');
      process.stderr.write(
        `${(seconds < 0 ? 'warm-up' : 'run').padEnd(7)} ${seconds.toFixed(0).padStart(5)} s  gateway RSS ${mib(sample.gatewayRss)} MiB${heap ? `, heap ${mib(heap.heapUsed)} MiB` : ''}  (subgraphs RSS MiB: ${subgraphs})  ${sample.requestsPerSecond.toFixed(0)} req/s\n`,
      );
      return sample;
    };
    const snapshot = async (name: string) => {
      if (!HEAP_SNAPSHOTS || !inspector) return;
      await mkdir(HEAP_SNAPSHOTS, { recursive: true });
      const file = path.resolve(HEAP_SNAPSHOTS, `gateway-${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.heapsnapshot`);
      await inspector.heapSnapshot(file);
      console.error(`heap snapshot written to ${file}`);
    };

    // Samples at fixed times from the end of the warm-up, every SAMPLE_SECONDS, warm-up included.
    const firstIndex = -Math.floor(WARM_UP_SECONDS / SAMPLE_SECONDS);
    const lastIndex = Math.floor(SECONDS / SAMPLE_SECONDS + 1e-9);
    for (let index = firstIndex; index <= lastIndex; index += 1) {
      if (index === 0) await snapshot('start');
      await sleepUntil(runStart + index * SAMPLE_SECONDS * 1000);
      if (index === 0) doneAtRunStart = done;
      samples.push(await takeSample(index * SAMPLE_SECONDS));
    }
    await sleepUntil(runEnd);
    running = false;
    await mix;
    await churning;
    const measuredSeconds = (performance.now() - runStart) / 1000;
    await snapshot('end');

    const run = samples.filter((sample) => sample.seconds >= 0);
    const series = (read: (sample: MemorySample) => number | undefined): SeriesPoint[] =>
      run.flatMap((sample) => {
        const value = read(sample);
        return value === undefined ? [] : [{ seconds: sample.seconds, value }];
      });
    const rss = series((sample) => sample.gatewayRss);
    const verdict = summarizeSeries(rss, SECONDS, WINDOW_SECONDS, TOLERANCE);
    const sent = REQUEST_KINDS.reduce((sum, kind) => sum + tally[kind].sent, 0);
    const unexpected = REQUEST_KINDS.reduce((sum, kind) => sum + tally[kind].unexpectedCount, 0);

    console.log(
      `\n${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} at the end (a shared machine: other work runs beside this one)` +
        `\nAtrium's gateway as shipped (authentication, operation limits, rate limits with budgets no run can spend, request logging)${inspector ? ', started with an inspector for its heap' : ''}` +
        `\n${CONCURRENCY} clients for ${SECONDS} s after a ${WARM_UP_SECONDS} s warm-up; ${KEYS} seeded workspaces and keys; a key minted every ${NEW_KEY_SECONDS} s (${churn.minted} minted, ${churn.revocations} revoked, ${mintFailures} failed); memory sampled every ${SAMPLE_SECONDS} s${HEAP_SNAPSHOTS ? '; heap snapshots taken (they pause the gateway and make V8 track every object, at a cost in RSS: no verdict)' : ''}`,
    );
    console.log(`\n${'requests (warm-up and run)'.padEnd(28)}${'sent'.padStart(10)}${'as expected'.padStart(13)}${'unexpected'.padStart(12)}`);
    for (const kind of REQUEST_KINDS) {
      const counted = tally[kind];
      console.log(`${kind.padEnd(28)}${String(counted.sent).padStart(10)}${String(counted.asExpected).padStart(13)}${String(counted.unexpectedCount).padStart(12)}`);
    }
    console.log(`${'total'.padEnd(28)}${String(sent).padStart(10)}${String(sent - unexpected).padStart(13)}${String(unexpected).padStart(12)}`);
    console.log(`${((done - doneAtRunStart) / measuredSeconds).toFixed(0)} requests per second during the run`);

    const windowLabel = `${Number(WINDOW_SECONDS.toFixed(1))} s`;
    console.log(`\n${'memory, MiB'.padEnd(28)}${`first ${windowLabel} median`.padStart(20)}${`last ${windowLabel} median`.padStart(20)}${'max'.padStart(10)}${'last ÷ first'.padStart(14)}`);
    const line = (label: string, points: readonly SeriesPoint[]) => {
      if (points.length === 0) return;
      const summary = summarizeSeries(points, SECONDS, WINDOW_SECONDS, TOLERANCE);
      console.log(`${label.padEnd(28)}${mib(summary.firstMedian).padStart(20)}${mib(summary.lastMedian).padStart(20)}${mib(summary.max).padStart(10)}${summary.ratio.toFixed(3).padStart(14)}`);
    };
    line('gateway RSS', rss);
    line(
      'gateway heap used',
      series((sample) => sample.heap?.heapUsed),
    );
    line(
      'gateway heap total',
      series((sample) => sample.heap?.heapTotal),
    );
    line(
      'gateway external + buffers',
      series((sample) => (sample.heap ? sample.heap.external + sample.heap.arrayBuffers : undefined)),
    );
    for (const { name } of SUBGRAPHS)
      line(
        `${name} RSS (information)`,
        series((sample) => sample.subgraphRss[name]),
      );
    const warmUp = samples.filter((sample) => sample.seconds < 0);
    if (warmUp.length) console.log(`gateway RSS during the warm-up: ${warmUp.map((sample) => mib(sample.gatewayRss)).join(' ')}`);
    console.log(`gateway RSS, median of each ${windowLabel} of the run: ${windowMedians(rss, WINDOW_SECONDS).map(mib).join(' ')}`);

    // A run with heap snapshots measures something else: it gives no verdict (and no exit code for one).
    const judged = !HEAP_SNAPSHOTS;
    console.log(
      `\ngateway RSS ${judged ? (verdict.flat ? 'PASS' : 'FAIL') : 'not judged (heap snapshots)'}: median of the last ${windowLabel} = ${verdict.ratio.toFixed(3)} × median of the first ${windowLabel} (${mib(verdict.lastMedian)} vs ${mib(verdict.firstMedian)} MiB; flat means within ±${TOLERANCE * 100} %)`,
    );
    for (const kind of REQUEST_KINDS) for (const problem of tally[kind].unexpected) console.error(`unexpected answer to ${kind}: ${problem}`);
    if (unexpected > 0) {
      console.error(`\nFAILED: ${unexpected} requests were not answered as their kind must be`);
      process.exitCode = 1;
    } else if (judged && !verdict.flat) process.exitCode = 2;
  } finally {
    inspector?.close();
    await gateway?.stop();
    await bench.stop();
  }
});
