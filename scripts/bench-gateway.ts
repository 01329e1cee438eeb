// `npm run bench:gateway`: Atrium's gateway against its real peers, side by side over the same
// subgraphs in one run. The subgraphs run once, each in its own process; over
// them, each in its own process: Atrium's gateway as shipped (authentication, operation
// limits, rate limits, request logging with schema usage, in-flight deduplication), Atrium
// with request logging off, Atrium with schema usage off, Atrium with deduplication off (what the rest costs against the stock gateway, which has none), a stock
// `@apollo/gateway` + `@apollo/server` and Hive Gateway (deduplication off, and with its
// defaults), the peers adding only the signed principal header (scripts/bench-peers/);
// and, for the queries one subgraph answers alone, direct signed calls to that subgraph.
// Every target must answer each query with the same data before anything is timed. Then,
// for several rounds, each query is sent to each target in turn (the order changes every
// round), one target at a time, so that the CPU each gateway process and the subgraph
// processes spend in that window (from /proc) is that target's. Figures are medians over
// rounds; ratios are medians of per-round ratios to Atrium as shipped.
// The database side, before the rounds: the tables that grow (request logs, items) are
// filled first (scripts/bench-peers/growing-tables.ts); each query is sent through Atrium
// one request at a time and PostgreSQL's own statement statistics say what SQL each request
// caused, and in what time (scripts/bench-peers/sql-statistics.ts); then the reads of the
// hot operations are explained, with ANALYZE and BUFFERS (scripts/bench-peers/query-plans.ts).
// BENCH_REQUESTS (per round, query and target), BENCH_ROUNDS, BENCH_CONCURRENCY change it;
// BENCH_SQL_REQUESTS the requests per query the SQL is counted over.
import 'reflect-metadata';
import type { IncomingMessage } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { parse } from 'graphql';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../lib/paths.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import { startBenchServices } from './bench-services.js';
import { GROWING_TABLE_SIZES, fillGrowingTables } from './bench-peers/growing-tables.js';
import { PEER_OPTIONS_VARIABLE, type PeerOptions } from './bench-peers/peer-options.js';
import { explainOperations, formatPlans, hotOperations, startRecordingStack } from './bench-peers/query-plans.js';
import { sqlPerRequest } from './bench-peers/sql-statistics.js';
import { benchQueries, directTarget, disagreements, gatewayTarget, lookUpPrincipal, requestBody, seedBenchWorkspace, targetServes, type BenchQuery, type BenchTarget } from './bench-peers/workload.js';
import { percentile } from './percentile.js';
import { processCpuMs } from './process-cpu.js';
import { runMain } from './run-main.js';
import { apiSchemaOf } from './api-schema.js';
import { requestUsage } from '../gateway/pipeline/request-log.js';
import { SchemaUsageIndex } from '../gateway/schema-usage.js';
import { RequestLogShipper } from '../gateway/request-log-shipper.js';
import { createLogger } from '../lib/logger.js';
import { readCommittedSupergraph } from '../gateway/supergraph.js';
import { summarizeDocument } from '../gateway/operation.js';
import { superviseService, type SupervisedService } from './supervisor.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
/** Enough that background statements (an outbox poll a second) never run once per request. */
const SQL_REQUESTS = Number(process.env.BENCH_SQL_REQUESTS ?? 50);
/** Requests each target gets per query before the first round: JIT, caches, connections. */
const WARM_UP = 300;
const DATABASE = 'atrium_bench_peers';
const PEER_SCRIPT = path.join(REPOSITORY_ROOT, 'scripts', 'bench-peers', 'serve.ts');
/** Budgets no run can spend: a refused request would measure the refusal. */
/** How long the targets may take to agree (audit events of the seeding are relayed asynchronously). */
const AGREEMENT_TIMEOUT_MS = 30_000;

interface Sample {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Of the target's own process (a gateway); undefined for direct calls. */
  readonly gatewayCpuMs?: number;
  /** Of the three subgraph processes together. */
  readonly subgraphsCpuMs: number;
  readonly failed: number;
}

interface Measured {
  readonly target: BenchTarget;
  /** The gateway's process; none for direct calls. */
  readonly process?: SupervisedService;
  /** Per query name, one sample per round. */
  readonly samples: Map<string, Sample[]>;
}

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/** Sends `requests` requests of the query to one target from CONCURRENCY clients; what it and the subgraphs spent. */
async function load(measured: Measured, query: BenchQuery, requests: number, subgraphs: readonly SupervisedService[]): Promise<Sample> {
  const { target } = measured;
  const body = requestBody(query);
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const subgraphsCpu = () => subgraphs.reduce((sum, service) => sum + processCpuMs(service.pid!), 0);
  const gatewayCpuBefore = measured.process ? processCpuMs(measured.process.pid!) : 0;
  const subgraphsCpuBefore = subgraphsCpu();
  const started = performance.now();
  const client = async () => {
    while (next < requests) {
      next += 1;
      const sent = performance.now();
      const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headersFor(body) }, body });
      const json = (await response.json()) as { errors?: unknown[] };
      latencies.push(performance.now() - sent);
      if (response.status !== 200 || json.errors) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: requests / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    ...(measured.process ? { gatewayCpuMs: (processCpuMs(measured.process.pid!) - gatewayCpuBefore) / requests } : {}),
    subgraphsCpuMs: (subgraphsCpu() - subgraphsCpuBefore) / requests,
    failed,
  };
}

/**
 * Per bench query, in microseconds: what the request-log step adds for schema usage on a
 * cached document (the client headers read and checked, the document's hash and
 * registration looked up, the registration checked against the shipper's) and what the
 * three usage fields add to serialising the entry.
 */
async function measureUsageRecording(queries: readonly BenchQuery[]): Promise<Map<string, { lookupUs: number; serializeUs: number }>> {
  const index = new SchemaUsageIndex();
  index.setSchema(apiSchemaOf(readCommittedSupergraph()));
  const timeUs = (iterations: number, work: () => unknown) => {
    for (let warm = 0; warm < iterations / 10; warm += 1) work();
    const started = performance.now();
    for (let iteration = 0; iteration < iterations; iteration += 1) work();
    return ((performance.now() - started) * 1000) / iterations;
  };
  // Never started and never reached: only its registration check is timed.
  const shipper = new RequestLogShipper({ auditUrl: 'http://127.0.0.1:9', signingSecrets: ['bench'], logger: createLogger('silent'), shutdownTimeoutMs: 0 });
  const costs = new Map<string, { lookupUs: number; serializeUs: number }>();
  for (const query of queries) {
    const document = parse(query.query);
    const headers = { 'apollographql-client-name': 'bench-client', 'apollographql-client-version': '1.4.2' };
    const state = { request: { headers } as unknown as IncomingMessage, principal: undefined, document, parameters: { query: query.query }, operation: summarizeDocument(document, undefined) };
    const { registration, ...usage } = requestUsage(state, index);
    // The request's share: its usage read, and its operation checked against what the shipper has registered (or queued).
    const lookupUs = timeUs(200_000, () => {
      const read = requestUsage(state, index);
      if (read.registration) shipper.register(read.registration);
    });
    if (!registration) throw new Error(`${query.name}: no registration, so nothing of the registry was measured`);
    const entry = {
      id: '0190d6b8-0000-7000-8000-000000000032',
      correlationId: 'c0a80001-bench',
      time: new Date().toISOString(),
      outcome: 'OK',
      httpStatus: 200,
      durationMs: 3.2,
      rootFields: ['workspace'],
    };
    const withUsage = { ...entry, ...usage };
    const serializeUs = Math.max(0, timeUs(200_000, () => JSON.stringify(withUsage)) - timeUs(200_000, () => JSON.stringify(entry)));
    costs.set(query.name, { lookupUs, serializeUs });
  }
  await shipper.stop();
  return costs;
}

await runMain(async () => {
  const bench = await startBenchServices(DATABASE, { statementStatistics: true });
  const { database, services, logger, signingSecrets } = bench;
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, services.subgraphs[name].url])) as Record<SubgraphName, string>;
  const subgraphProcesses = SUBGRAPHS.map(({ name }) => services.subgraphs[name]);
  const measured: Measured[] = [];
  try {
    // Seeded through a gateway of its own, stopped before the measured ones start.
    const workspace = await seedBenchWorkspace(services.gateway.url);
    await fillGrowingTables(services.gateway.url, database.databaseUrl, workspace);
    await services.gateway.stop();
    const principal = await lookUpPrincipal(subgraphUrls.identity, signingSecrets, workspace);

    const atriumEnv = bench.gatewayEnv;
    const peerOptions: PeerOptions = { subgraphUrls, signingSecrets, principal, port: 0 };
    const peerEnv = { ...bench.baseEnv, [PEER_OPTIONS_VARIABLE]: JSON.stringify(peerOptions) };
    const started = async (label: string, headers: Record<string, string>, start: () => Promise<SupervisedService>) => {
      const service = await start();
      measured.push({ target: gatewayTarget(label, service.url, headers), process: service, samples: new Map() });
    };
    await started('Atrium', workspace.headers, () => superviseService({ name: 'gateway', env: atriumEnv({}), logger }));
    await started('Atrium, logging off', workspace.headers, () => superviseService({ name: 'gateway', env: atriumEnv({ REQUEST_LOGGING: 'false' }), logger }));
    await started('Atrium, usage off', workspace.headers, () => superviseService({ name: 'gateway', env: atriumEnv({ SCHEMA_USAGE: 'false' }), logger }));
    await started('Atrium, dedup off', workspace.headers, () => superviseService({ name: 'gateway', env: atriumEnv({ GATEWAY_DEDUPLICATION: 'false' }), logger }));
    await started('Apollo gateway', {}, () => superviseService({ name: 'apollo', script: PEER_SCRIPT, env: peerEnv, logger }));
    await started('Hive, dedup off', {}, () => superviseService({ name: 'hive', script: PEER_SCRIPT, env: peerEnv, logger }));
    await started('Hive, defaults', {}, () => superviseService({ name: 'hive-dedup', script: PEER_SCRIPT, env: peerEnv, logger }));
    for (const subgraph of ['identity', 'content'] as const) {
      measured.push({ target: directTarget(subgraph, subgraphUrls[subgraph], principal, signingSecrets), samples: new Map() });
    }

    const queries = benchQueries(workspace.typeId);
    const targets = measured.map((each) => each.target);
    const agreeBy = performance.now() + AGREEMENT_TIMEOUT_MS;
    let problems = await disagreements(targets, queries);
    while (problems.length > 0 && performance.now() < agreeBy) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      problems = await disagreements(targets, queries);
    }
    if (problems.length > 0) throw new Error(`the targets do not answer the same data:\n${problems.join('\n')}`);

    console.log(`\n${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} at the start (a shared machine: other work runs beside this one)`);
    console.log(`every target answered every query it serves with the same data; ${ROUNDS} rounds × ${REQUESTS.toLocaleString('en')} requests per query and target, ${CONCURRENCY} concurrent clients`);
    for (const query of queries) {
      for (const each of measured.filter((candidate) => targetServes(candidate.target, query))) await load(each, query, WARM_UP, subgraphProcesses);
    }

    const { requestLogs, benchWorkspaceRequestLogs, items, benchTypeItems } = GROWING_TABLE_SIZES;
    const sizes = `${requestLogs.toLocaleString('en')} request logs of the last day (${benchWorkspaceRequestLogs.toLocaleString('en')} the bench workspace's) and ${items.toLocaleString('en')} items (${benchTypeItems.toLocaleString('en')} in its big type)`;
    console.log(`\n${(await sqlPerRequest(database.databaseUrl, measured[0].target, queries, SQL_REQUESTS)).join('\n')}`);
    const recording = await startRecordingStack(database.databaseUrl, signingSecrets, logger);
    try {
      console.log(`\n${formatPlans(await explainOperations(recording, database.databaseUrl, workspace, hotOperations(workspace), true), sizes).join('\n')}`);
    } finally {
      await recording.stop();
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      process.stderr.write(`round ${round + 1} of ${ROUNDS}\n`);
      for (const query of queries) {
        const serving = measured.filter((each) => targetServes(each.target, query));
        // Rotated every round, reversed every other: no target always runs right after another.
        const rotated = [...serving.slice(round % serving.length), ...serving.slice(0, round % serving.length)];
        for (const each of round % 2 === 0 ? rotated : rotated.reverse()) {
          const sample = await load(each, query, REQUESTS, subgraphProcesses);
          each.samples.set(query.name, [...(each.samples.get(query.name) ?? []), sample]);
        }
      }
    }

    const atrium = measured[0];
    /** Per round, a ÷ b of what read gives (rounds where either has no figure are left out). */
    const perRoundRatios = (a: Measured, b: Measured, query: BenchQuery, read: (sample: Sample) => number | undefined) => {
      const theirs = b.samples.get(query.name)!;
      return a.samples.get(query.name)!.flatMap((sample, round) => {
        const numerator = read(sample);
        const denominator = read(theirs[round]);
        return numerator === undefined || denominator === undefined || denominator === 0 ? [] : [numerator / denominator];
      });
    };
    const medianOrNone = (values: readonly number[]) => (values.length ? median(values) : undefined);
    const format = (value: number | undefined, digits: number) => (value === undefined ? '—' : value.toFixed(digits));
    /** Median of per-round ratios and their range: on a shared machine the range says how far to trust it. */
    const formatRatios = (ratios: readonly number[]) => (ratios.length ? `${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})` : '—');
    const row = (cells: readonly string[], widths: readonly number[]) => cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[index]))).join(' ');

    const targetWidths = [20, 7, 7, 7, 14, 18, 15, 16];
    for (const query of queries) {
      console.log(`\n${query.name}: ${query.query}`);
      console.log(row(['target', 'req/s', 'p50 ms', 'p99 ms', 'gw CPU ms/req', 'subgr. CPU ms/req', 'req/s ÷ Atrium', 'gw CPU ÷ Atrium'], targetWidths));
      for (const each of measured.filter((candidate) => targetServes(candidate.target, query))) {
        const samples = each.samples.get(query.name)!;
        const medianOf = (read: (sample: Sample) => number | undefined) => medianOrNone(samples.flatMap((sample) => read(sample) ?? []));
        const cells = [
          each.target.label,
          format(
            medianOf((s) => s.requestsPerSecond),
            0,
          ),
          format(
            medianOf((s) => s.p50Ms),
            1,
          ),
          format(
            medianOf((s) => s.p99Ms),
            1,
          ),
          format(
            medianOf((s) => s.gatewayCpuMs),
            2,
          ),
          format(
            medianOf((s) => s.subgraphsCpuMs),
            2,
          ),
          format(medianOrNone(perRoundRatios(each, atrium, query, (s) => s.requestsPerSecond)), 2),
          format(medianOrNone(perRoundRatios(each, atrium, query, (s) => s.gatewayCpuMs)), 2),
        ];
        console.log(row(cells, targetWidths));
      }
    }

    // Issue 15's acceptance figures, read off the same samples.
    const byLabel = (label: string) => measured.find((each) => each.target.label === label)!;
    const apollo = byLabel('Apollo gateway');
    const throughput = (sample: Sample) => sample.requestsPerSecond;
    const gatewayCpu = (sample: Sample) => sample.gatewayCpuMs;
    console.log('\nAtrium as shipped ÷ each other target: median of per-round ratios (lowest–highest round)');
    const summaryWidths = [20, 18, 18, 18, 18, 18, 18, 18];
    console.log(row(['query', 'req/s ÷ Apollo', 'req/s ÷ Hive', 'req/s ÷ Hive dflt', 'gw CPU ÷ Apollo', 'gw CPU ÷ Hive', 'req/s ÷ log off', 'direct ÷ Atrium'], summaryWidths));
    for (const query of queries) {
      const direct = measured.find((each) => each.target.direct !== undefined && targetServes(each.target, query));
      const cells = [
        query.name,
        formatRatios(perRoundRatios(atrium, apollo, query, throughput)),
        formatRatios(perRoundRatios(atrium, byLabel('Hive, dedup off'), query, throughput)),
        formatRatios(perRoundRatios(atrium, byLabel('Hive, defaults'), query, throughput)),
        formatRatios(perRoundRatios(atrium, apollo, query, gatewayCpu)),
        formatRatios(perRoundRatios(atrium, byLabel('Hive, dedup off'), query, gatewayCpu)),
        formatRatios(perRoundRatios(atrium, byLabel('Atrium, logging off'), query, throughput)),
        direct ? formatRatios(perRoundRatios(direct, atrium, query, throughput)) : '—',
      ];
      console.log(row(cells, summaryWidths));
    }
    // Without deduplication, the gateways do the same subgraph calls: what Atrium's gateway
    // spends beyond the stock one's (credential, principal, signing, limits, rate limits,
    // logging) shows as its CPU per request above 1.00.
    const undeduplicated = byLabel('Atrium, dedup off');
    console.log('\nAtrium with deduplication off ÷ the peers without it: median of per-round ratios (lowest–highest round)');
    console.log(row(['query', 'req/s ÷ Apollo', 'req/s ÷ Hive', 'gw CPU ÷ Apollo', 'gw CPU ÷ Hive', 'req/s ÷ shipped'], summaryWidths));
    for (const query of queries) {
      const cells = [
        query.name,
        formatRatios(perRoundRatios(undeduplicated, apollo, query, throughput)),
        formatRatios(perRoundRatios(undeduplicated, byLabel('Hive, dedup off'), query, throughput)),
        formatRatios(perRoundRatios(undeduplicated, apollo, query, gatewayCpu)),
        formatRatios(perRoundRatios(undeduplicated, byLabel('Hive, dedup off'), query, gatewayCpu)),
        formatRatios(perRoundRatios(undeduplicated, atrium, query, throughput)),
      ];
      console.log(row(cells, summaryWidths));
    }
    // Issue 19: what recording schema usage costs the gateway once documents are cached. Side
    // by side (a gateway without it) the difference is within the noise of a shared machine,
    // so the exact work it adds per request is also timed here, in this process, on the
    // same documents, and set against Atrium's measured gateway CPU per request.
    const usageOff = byLabel('Atrium, usage off');
    const usageCost = await measureUsageRecording(queries);
    console.log("\nSchema usage recording: its work per request (timed in-process over the same documents) ÷ Atrium's gateway CPU per request, and Atrium ÷ a gateway without it");
    const usageWidths = [20, 16, 18, 16, 18, 18];
    console.log(row(['query', 'usage µs/req', 'log entry µs/req', 'gw CPU ms/req', 'share of gw CPU', 'gw CPU ÷ usage off'], usageWidths));
    for (const query of queries) {
      const cpu = medianOrNone(atrium.samples.get(query.name)!.flatMap((sample) => sample.gatewayCpuMs ?? []));
      const { lookupUs, serializeUs } = usageCost.get(query.name)!;
      const share = cpu === undefined ? undefined : ((lookupUs + serializeUs) / 1000 / cpu) * 100;
      const cells = [
        query.name,
        lookupUs.toFixed(2),
        serializeUs.toFixed(2),
        format(cpu, 3),
        share === undefined ? '—' : `${share.toFixed(2)} %`,
        formatRatios(perRoundRatios(atrium, usageOff, query, gatewayCpu)),
      ];
      console.log(row(cells, usageWidths));
    }
    console.log(`\nload average ${loadavg()[0].toFixed(2)} at the end`);
    const failed = measured.flatMap((each) => [...each.samples.values()].flat()).reduce((sum, sample) => sum + sample.failed, 0);
    if (failed > 0) {
      console.error(`\nFAILED: ${failed} requests did not answer 200 without errors`);
      process.exitCode = 1;
    }
  } finally {
    for (const each of measured) await each.process?.stop();
    await bench.stop();
  }
});
