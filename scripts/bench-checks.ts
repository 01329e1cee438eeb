// `npm run bench:checks`: what the gateway's operation limits and rate limits cost per
// request. Gateway processes run side by side over the same subgraphs, each with one thing
// changed: everything on (operation limits, rate limits in memory), operation limits off
// (GATEWAY_OPERATION_LIMITS=false), rate limits off (GATEWAY_RATE_LIMITS=false: the step is
// not in the pipeline at all) twice (how far two identical gateways differ is the noise
// floor), and rate limits in Redis (REDIS_URL; skipped, saying so, when it is unset or
// Redis does not answer). Every round starts new gateway processes, in an order that
// changes every round, and loads them first one at a time (throughput), then all at once
// with requests dealt in turn (CPU per request under the same conditions at the same
// moments, which sequential loads on a busy shared machine never get). Each gateway's CPU
// comes from /proc: gateway CPU, not the load generator's or the subgraphs'. Comparisons
// are medians of per-round ratios, with their range. The limits step and one budget charge
// are also timed alone, against the gateway's CPU per request.
// BENCH_QUERY (cheap: one subgraph field, the default; page: two subgraphs, a list),
// BENCH_REQUESTS (per round and gateway), BENCH_ROUNDS, BENCH_CONCURRENCY change it.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { loadConfig } from '../lib/config.js';
import type { RunningServer } from '../lib/http-server.js';
import { createLogger } from '../lib/logger.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import { startSubgraphServer } from '../lib/subgraph-server.js';
import { createOperationLimiter } from '../gateway/limits/operation-limiter.js';
import { DEFAULT_RATE_LIMIT_KEY_PREFIX, createRateBudgets } from '../gateway/rate-limits/budgets.js';
import { readCommittedSupergraph } from '../gateway/supergraph.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';
import { benchGraphql } from './bench-graphql.js';
import { percentile } from './percentile.js';
import { processCpuMs } from './process-cpu.js';
import { freshBenchDatabase } from './bench-database.js';
import { runMain } from './run-main.js';
import { superviseService, type SupervisedService } from './supervisor.js';
import { DEFAULT_ACCOUNT_SETTINGS } from '../lib/mail/settings.js';

/** Bench users have no mailbox: their keys are made without a verified address (development only). */
const BENCH_SETTINGS = { accounts: { ...DEFAULT_ACCOUNT_SETTINGS, allowUnverifiedKeys: true } };

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DATABASE = 'atrium_bench_gateway';
const QUERIES = {
  /** The cheapest operation that still passes every step and calls a subgraph. */
  cheap: 'query BenchGateway { workspace { id name } }',
  /** A typical page a frontend asks for: identity and content in one operation. */
  page: 'query BenchGateway { workspace { id name } contentTypes(first: 10) { totalCount nodes { id key name } } }',
} as const;
const QUERY_NAME = (process.env.BENCH_QUERY ?? 'cheap') as keyof typeof QUERIES;
if (!(QUERY_NAME in QUERIES)) throw new Error(`BENCH_QUERY must be one of ${Object.keys(QUERIES).join(', ')}`);
const QUERY = QUERIES[QUERY_NAME];
/**
 * Budgets no run can spend: a charge does the same work however large the budget, and a
 * refused request would measure the refusal instead.
 */
const UNSPENDABLE_POINTS = String(1_000_000_000);

interface RoundResult {
  /** Of this gateway alone (sequential rounds); of the whole load (interleaved rounds). */
  readonly requestsPerSecond: number;
  readonly cpuMsPerRequest: number;
  readonly p50Ms: number;
  readonly failed: number;
}

/**
 * Sends `requestsEach` requests to each gateway from CONCURRENCY clients, request k to
 * gateway k mod n, and says what each gateway spent on its share.
 */
async function drive(gateways: readonly SupervisedService[], headers: Record<string, string>, requestsEach: number): Promise<RoundResult[]> {
  const body = JSON.stringify({ query: QUERY });
  const total = requestsEach * gateways.length;
  const latencies = gateways.map((): number[] => []);
  const failed = gateways.map(() => 0);
  let next = 0;
  const cpuBefore = gateways.map((gateway) => processCpuMs(gateway.pid!));
  const started = performance.now();
  const client = async () => {
    while (next < total) {
      const target = next % gateways.length;
      next += 1;
      const sent = performance.now();
      const response = await fetch(gateways[target].url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      const json = (await response.json()) as { errors?: unknown[] };
      if (response.status !== 200 || json.errors) failed[target] += 1;
      latencies[target].push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const seconds = (performance.now() - started) / 1000;
  return gateways.map((gateway, index) => ({
    requestsPerSecond: total / seconds,
    cpuMsPerRequest: (processCpuMs(gateway.pid!) - cpuBefore[index]) / requestsEach,
    p50Ms: percentile(
      latencies[index].sort((a, b) => a - b),
      0.5,
    ),
    failed: failed[index],
  }));
}

/** Microseconds the limits step spends on the bench's document, cached as in a running gateway. */
function limitsMicrosPerRequest(): number {
  const limiter = createOperationLimiter({ supergraphSdl: readCommittedSupergraph() });
  const once = () => {
    const parsed = limiter.parse(QUERY, 'authenticated');
    if (parsed.error) throw parsed.error;
    if (limiter.check(parsed.document, 'BenchGateway', undefined, 'authenticated').errors.length) throw new Error('the bench query is over a limit');
  };
  for (let index = 0; index < 20_000; index += 1) once();
  const iterations = 200_000;
  const started = performance.now();
  for (let index = 0; index < iterations; index += 1) once();
  return ((performance.now() - started) * 1000) / iterations;
}

/**
 * CPU microseconds per budget charge, CONCURRENCY charges in flight as in a loaded
 * gateway: this process's (in memory; or in Redis, the command's encoding, the socket and
 * the reply's parsing), and, when Redis runs on this machine, Redis's own.
 */
async function chargeCpuMicros(redis?: { url: string; pid?: number }): Promise<{ client: number; redis?: number }> {
  const points = Number(UNSPENDABLE_POINTS);
  const budgets = await createRateBudgets({
    settings: { windowSeconds: 3600, points: { user_key: points, workspace_key: points, session: points, anonymous: points } },
    redisUrl: redis?.url,
    keyPrefix: `${DEFAULT_RATE_LIMIT_KEY_PREFIX}:bench:${randomBytes(4).toString('hex')}`,
    logger: createLogger('error'),
  });
  try {
    const charges = async (count: number) => {
      let left = count;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, client) => {
          while (left > 0) {
            left -= 1;
            const charge = await budgets.charge('user_key', `bench-${client}`, 3, points);
            if (!charge.allowed) throw new Error('a bench charge was refused');
          }
        }),
      );
    };
    await charges(5_000);
    const count = redis ? 50_000 : 200_000;
    const before = process.cpuUsage();
    const redisBefore = redis?.pid ? processCpuMs(redis.pid) : 0;
    await charges(count);
    const used = process.cpuUsage(before);
    return { client: (used.user + used.system) / count, ...(redis?.pid ? { redis: ((processCpuMs(redis.pid) - redisBefore) * 1000) / count } : {}) };
  } finally {
    await budgets.close();
  }
}

/** Whether Redis answers at url, and its pid when it runs on this machine (for its CPU). */
async function probeRedis(url: string): Promise<{ answers: boolean; pid?: number; problem?: string }> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const info = await redis.info('server');
    const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
    const local = Number.isInteger(pid) && existsSync(`/proc/${pid}/stat`) && /^redis/.test(readFileSync(`/proc/${pid}/stat`, 'utf8').split(' (')[1] ?? '');
    return { answers: true, ...(local ? { pid } : {}) };
  } catch (error) {
    return { answers: false, problem: (error as Error).message };
  } finally {
    redis.disconnect();
  }
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

interface Variant {
  readonly label: string;
  readonly env: Record<string, string>;
  /** One gateway at a time: throughput. */
  readonly sequential: RoundResult[];
  /** Every gateway in the same rounds, requests dealt in turn: CPU per request under the same conditions. */
  readonly interleaved: RoundResult[];
  gateway?: SupervisedService;
}

await runMain(async () => {
  const config = loadConfig();
  const logger = createLogger('error');
  const redisUrl = process.env.REDIS_URL;
  const redis = redisUrl ? await probeRedis(redisUrl) : undefined;
  const database = await freshBenchDatabase(config, logger, DATABASE);
  const databaseUrl = database.databaseUrl;

  const signingSecret = randomBytes(32).toString('base64url');
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const subgraphs: RunningServer[] = [];
  for (const { name } of SUBGRAPHS) {
    const server = await startSubgraphServer(SUBGRAPH_DEFINITIONS[name], {
      databaseUrl,
      port: 0,
      signingSecrets: [signingSecret],
      peers: subgraphUrls,
      logger,
      poolSize: 10,
      settings: BENCH_SETTINGS,
    });
    subgraphs.push(server);
    subgraphUrls[name] = server.url;
  }
  const gatewayEnv = (changes: Record<string, string>): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    PRINCIPAL_SIGNING_SECRETS: signingSecret,
    IDENTITY_URL: subgraphUrls.identity,
    CONTENT_URL: subgraphUrls.content,
    AUDIT_URL: subgraphUrls.audit,
    RATE_LIMIT_USER_KEY_POINTS: UNSPENDABLE_POINTS,
    RATE_LIMIT_WORKSPACE_KEY_POINTS: UNSPENDABLE_POINTS,
    RATE_LIMIT_SESSION_POINTS: UNSPENDABLE_POINTS,
    ...changes,
  });
  const variant = (label: string, env: Record<string, string>): Variant => ({ label, env, sequential: [], interleaved: [] });
  const allOn = variant('all on (memory)', {});
  const operationLimitsOff = variant('op. limits off', { GATEWAY_OPERATION_LIMITS: 'false' });
  const rateLimitsOff = variant('rate limits off', { GATEWAY_RATE_LIMITS: 'false' });
  // The same as rateLimitsOff: how far two identical gateways differ is the noise floor.
  const control = variant('rate limits off 2', { GATEWAY_RATE_LIMITS: 'false' });
  const inRedis = redis?.answers ? variant('rate limits Redis', { REDIS_URL: redisUrl! }) : undefined;
  const variants = [allOn, operationLimitsOff, rateLimitsOff, control, ...(inRedis ? [inRedis] : [])];
  // The seed data goes through a gateway of its own, so that every measured one serves the same requests.
  const seeding = await superviseService({ name: 'gateway', env: gatewayEnv({}), logger });

  try {
    const url = seeding.url;
    const registered = await benchGraphql<{ register: { token: string } }>(url, 'mutation($input: RegisterInput!) { register(input: $input) { token } }', {
      input: { email: `bench-${randomBytes(4).toString('hex')}@example.com`, password: randomBytes(12).toString('hex'), name: 'Bench' },
    });
    const session = { authorization: `Bearer ${registered.register.token}` };
    const workspaceId = (await benchGraphql<{ createWorkspace: { workspace: { id: string } } }>(url, 'mutation { createWorkspace(input: { name: "Bench" }) { workspace { id } } }', {}, session))
      .createWorkspace.workspace.id;
    const inWorkspace = { ...session, 'x-workspace-id': workspaceId };
    for (const key of ['article', 'author', 'page', 'product', 'review']) {
      await benchGraphql(url, 'mutation($input: CreateContentTypeInput!) { createContentType(input: $input) { contentType { id } } }', { input: { name: key, key } }, inWorkspace);
    }
    const created = (
      await benchGraphql<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
        url,
        'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }',
        {
          input: { description: 'bench', expiresIn: 'ONE_MONTH', scopes: ['READ'], workspaceIds: [workspaceId] },
        },
        session,
      )
    ).createApiKey;
    const headers = { 'x-api-key': created.secret, 'x-workspace-id': workspaceId };
    await seeding.stop();

    console.log(`\nquery (${QUERY_NAME}): ${QUERY}`);
    console.log(`${ROUNDS} rounds × ${REQUESTS.toLocaleString('en')} requests per gateway, ${CONCURRENCY} concurrent clients; each gateway in its own process, new ones every round`);
    console.log('sequential: one gateway at a time (throughput); interleaved: all at once, requests dealt in turn (CPU per request under the same conditions)');
    if (!redisUrl) console.log('rate limits in Redis: skipped (REDIS_URL is not set; e.g. REDIS_URL=redis://127.0.0.1:6379)');
    else if (!inRedis) console.log(`rate limits in Redis: skipped (Redis at REDIS_URL does not answer: ${redis?.problem})`);
    console.log('');
    for (let index = 0; index < ROUNDS; index += 1) {
      // Two processes of the same code can differ by several % for the whole of their life
      // (where their memory landed, what the JIT made of their first requests): new processes
      // every round, started in a new order (rotated, reversed every other round), turn that
      // into noise between rounds instead of an effect that looks steady.
      const rotated = [...variants.slice(index % variants.length), ...variants.slice(0, index % variants.length)];
      const order = index % 2 === 0 ? rotated : rotated.reverse();
      process.stderr.write(`round ${index + 1} of ${ROUNDS}: ${order.map((each) => each.label).join(', ')}, then interleaved\n`);
      for (const each of order) each.gateway = await superviseService({ name: 'gateway', env: gatewayEnv(each.env), logger });
      await drive(
        order.map((each) => each.gateway!),
        headers,
        Math.min(1000, REQUESTS),
      );
      if (inRedis && index === 0) {
        // The Redis gateway must count in Redis, not in its in-memory fallback.
        const probe = new Redis(redisUrl!, { maxRetriesPerRequest: 1 });
        const counted = await probe.get(`${DEFAULT_RATE_LIMIT_KEY_PREFIX}:user_key:${created.apiKey.id}`).finally(() => probe.disconnect());
        if (counted === null) throw new Error('the Redis gateway did not count in Redis (its fallback limiter answered?)');
      }
      for (const each of order) each.sequential.push(...(await drive([each.gateway!], headers, REQUESTS)));
      const interleaved = await drive(
        order.map((each) => each.gateway!),
        headers,
        REQUESTS,
      );
      order.forEach((each, position) => each.interleaved.push(interleaved[position]));
      for (const each of order) await each.gateway!.stop();
    }

    const failed = variants.flatMap((each) => [...each.sequential, ...each.interleaved]).reduce((sum, result) => sum + result.failed, 0);
    const medianOf = (results: RoundResult[], read: (result: RoundResult) => number) => median(results.map(read));
    const cpuMicros = (each: Variant) => medianOf(each.interleaved, (r) => r.cpuMsPerRequest) * 1000;
    console.log(`${''.padEnd(18)}  sequential                        interleaved      (medians of ${ROUNDS} rounds)`);
    for (const each of variants) {
      console.log(
        `${each.label.padEnd(18)} ${medianOf(each.sequential, (r) => r.requestsPerSecond)
          .toFixed(0)
          .padStart(
            6,
          )} req/s  CPU ${(medianOf(each.sequential, (r) => r.cpuMsPerRequest) * 1000).toFixed(0).padStart(5)} µs/req   CPU ${cpuMicros(each).toFixed(0).padStart(5)} µs/req  p50 ${medianOf(each.interleaved, (r) => r.p50Ms).toFixed(1)} ms`,
      );
    }
    /** Median and range of per-round values (each round's two figures were measured next to each other). */
    const spread = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { median: median(sorted), low: sorted[0], high: sorted.at(-1)! };
    };
    const compare = (label: string, withIt: Variant, without: Variant) => {
      const perRound = (results: (each: Variant) => RoundResult[], combine: (a: RoundResult, b: RoundResult) => number) =>
        spread(results(withIt).map((result, index) => combine(result, results(without)[index])));
      const throughput = perRound(
        (each) => each.sequential,
        (a, b) => a.requestsPerSecond / b.requestsPerSecond,
      );
      const cpu = perRound(
        (each) => each.interleaved,
        (a, b) => a.cpuMsPerRequest / b.cpuMsPerRequest,
      );
      const cpuAdded = perRound(
        (each) => each.interleaved,
        (a, b) => (a.cpuMsPerRequest - b.cpuMsPerRequest) * 1000,
      );
      const range = (ratio: { low: number; high: number }) => `${ratio.low.toFixed(3)} to ${ratio.high.toFixed(3)}`;
      console.log(`${label}:`);
      const signed = (value: number, digits: number) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
      console.log(`  throughput  ×${throughput.median.toFixed(3)} (${signed((throughput.median - 1) * 100, 1)} %; rounds ${range(throughput)})`);
      console.log(`  CPU/request ×${cpu.median.toFixed(3)} (${signed((cpu.median - 1) * 100, 1)} %, ${signed(cpuAdded.median, 0)} µs; rounds ${range(cpu)})`);
    };
    console.log('\nwith / without, medians of per-round ratios (on a shared 2-core machine, sequential throughput is the noisier):');
    compare('two identical gateways (the noise floor)', control, rateLimitsOff);
    compare('operation limits', allOn, operationLimitsOff);
    compare('rate limits in memory', allOn, rateLimitsOff);
    if (inRedis) compare('rate limits in Redis', inRedis, rateLimitsOff);

    const micros = limitsMicrosPerRequest();
    const baseCpu = cpuMicros(allOn);
    console.log(`\ntimed alone, against the gateway's ${baseCpu.toFixed(0)} µs CPU per request (all on, interleaved):`);
    console.log(`  the limits step on this document:   ${micros.toFixed(2).padStart(6)} µs = ${((micros / baseCpu) * 100).toFixed(2)} %`);
    const memoryCharge = await chargeCpuMicros();
    console.log(`  one budget charge in memory:        ${memoryCharge.client.toFixed(2).padStart(6)} µs CPU = ${((memoryCharge.client / baseCpu) * 100).toFixed(2)} %`);
    if (inRedis) {
      const redisCharge = await chargeCpuMicros({ url: redisUrl!, pid: redis?.pid });
      console.log(`  one budget charge in Redis:         ${redisCharge.client.toFixed(2).padStart(6)} µs CPU = ${((redisCharge.client / baseCpu) * 100).toFixed(2)} % (the gateway's side)`);
      if (redisCharge.redis !== undefined) {
        console.log(`  the same charge, Redis's own CPU:   ${redisCharge.redis.toFixed(2).padStart(6)} µs (another machine's in production; a shared Redis counts its other clients too)`);
      }
    }
    if (failed > 0) {
      console.error(`\nFAILED: ${failed} requests did not answer 200 without errors`);
      process.exitCode = 1;
    }
  } finally {
    await seeding.stop();
    for (const each of [...variants].reverse()) await each.gateway?.stop();
    for (const server of subgraphs) await server.stop();
    await database.drop();
  }
});
