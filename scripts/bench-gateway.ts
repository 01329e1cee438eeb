// `npm run bench:gateway`: what the gateway's operation limits cost per request. Two
// gateway processes run side by side over the same subgraphs (one with the limits check,
// one with GATEWAY_OPERATION_LIMITS=false), and the same load alternates between them
// in rounds; each gateway's CPU comes from /proc, so the figure is gateway CPU per
// request, not the load generator's or the subgraphs'. The limits step is also timed
// alone on the same document, to set its microseconds against the gateway's CPU per
// request. BENCH_REQUESTS (per round), BENCH_ROUNDS, BENCH_CONCURRENCY change it.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../lib/config.js';
import type { RunningServer } from '../lib/http-server.js';
import { createLogger } from '../lib/logger.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import { startSubgraphServer } from '../lib/subgraph-server.js';
import { createOperationLimiter } from '../gateway/limits/operation-limiter.js';
import { readCommittedSupergraph } from '../gateway/supergraph.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';
import { percentile } from './percentile.js';
import { freshBenchDatabase } from './bench-database.js';
import { runMain } from './run-main.js';
import { superviseService, type SupervisedService } from './supervisor.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DATABASE = 'atrium_bench_gateway';
/** A typical page a frontend asks for: identity and content in one operation. */
const QUERY = 'query BenchGateway { workspace { id name } contentTypes(first: 10) { totalCount nodes { id key name } } }';

/** CPU time (user + system) a process has used, in milliseconds, from /proc (Linux). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // Fields 14 and 15 of stat (utime, stime), counted after the command name; clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function graphql(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const json = (await response.json()) as { data?: any; errors?: unknown[] };
  if (json.errors || !json.data) throw new Error(`${query}: ${JSON.stringify(json.errors)}`);
  return json.data;
}

interface RoundResult {
  readonly requestsPerSecond: number;
  readonly cpuMsPerRequest: number;
  readonly p50Ms: number;
  readonly failed: number;
}

async function round(gateway: SupervisedService, headers: Record<string, string>, requests: number): Promise<RoundResult> {
  const body = JSON.stringify({ query: QUERY });
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const cpuBefore = processCpuMs(gateway.pid!);
  const started = performance.now();
  const client = async () => {
    while (next < requests) {
      next += 1;
      const sent = performance.now();
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      const json = (await response.json()) as { errors?: unknown[] };
      if (response.status !== 200 || json.errors) failed += 1;
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = processCpuMs(gateway.pid!) - cpuBefore;
  latencies.sort((a, b) => a - b);
  return { requestsPerSecond: requests / seconds, cpuMsPerRequest: cpuMs / requests, p50Ms: percentile(latencies, 0.5), failed };
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

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 0.5);

await runMain(async () => {
  const config = loadConfig();
  const logger = createLogger('error');
  const database = await freshBenchDatabase(config, logger, DATABASE);
  const databaseUrl = database.databaseUrl;

  const signingSecret = randomBytes(32).toString('base64url');
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const subgraphs: RunningServer[] = [];
  for (const { name } of SUBGRAPHS) {
    const server = await startSubgraphServer(SUBGRAPH_DEFINITIONS[name], { databaseUrl, port: 0, signingSecrets: [signingSecret], peers: subgraphUrls, logger, poolSize: 10 });
    subgraphs.push(server);
    subgraphUrls[name] = server.url;
  }
  const gatewayEnv = (limits: boolean): NodeJS.ProcessEnv => ({
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
    GATEWAY_OPERATION_LIMITS: String(limits),
  });
  const withLimits = await superviseService({ name: 'gateway', env: gatewayEnv(true), logger });
  const withoutLimits = await superviseService({ name: 'gateway', env: gatewayEnv(false), logger });

  try {
    const registered = await graphql(withLimits.url, 'mutation($input: RegisterInput!) { register(input: $input) { token } }', {
      input: { email: `bench-${randomBytes(4).toString('hex')}@example.com`, password: randomBytes(12).toString('hex'), name: 'Bench' },
    });
    const session = { authorization: `Bearer ${registered.register.token}` };
    const workspaceId = (await graphql(withLimits.url, 'mutation { createWorkspace(input: { name: "Bench" }) { id } }', {}, session)).createWorkspace.id as string;
    const inWorkspace = { ...session, 'x-workspace-id': workspaceId };
    for (const key of ['article', 'author', 'page', 'product', 'review']) {
      await graphql(withLimits.url, 'mutation($input: CreateContentTypeInput!) { createContentType(input: $input) { id } }', { input: { name: key, key } }, inWorkspace);
    }
    const secret = (
      await graphql(withLimits.url, 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }', {
        input: { description: 'bench', expiresIn: 'ONE_MONTH', scopes: ['read'], workspaceIds: [workspaceId] },
      }, session)
    ).createApiKey.secret as string;
    const headers = { 'x-api-key': secret, 'x-workspace-id': workspaceId };

    console.log(`\n${ROUNDS} rounds × ${REQUESTS.toLocaleString('en')} requests per gateway, ${CONCURRENCY} concurrent clients, alternating (ABBA); each gateway in its own process\n`);
    await round(withLimits, headers, Math.min(1000, REQUESTS));
    await round(withoutLimits, headers, Math.min(1000, REQUESTS));
    const on: RoundResult[] = [];
    const off: RoundResult[] = [];
    // ABBA order, so that neither gateway always runs first in a round (warm caches, GC, CPU clocks).
    for (let index = 0; index < ROUNDS; index += 1) {
      if (index % 2 === 0) {
        on.push(await round(withLimits, headers, REQUESTS));
        off.push(await round(withoutLimits, headers, REQUESTS));
      } else {
        off.push(await round(withoutLimits, headers, REQUESTS));
        on.push(await round(withLimits, headers, REQUESTS));
      }
    }
    const failed = [...on, ...off].reduce((sum, result) => sum + result.failed, 0);
    const show = (label: string, results: RoundResult[]) =>
      console.log(
        `${label.padEnd(16)} ${median(results.map((r) => r.requestsPerSecond)).toFixed(0).padStart(6)} req/s   gateway CPU ${(median(results.map((r) => r.cpuMsPerRequest)) * 1000).toFixed(0).padStart(5)} µs/request   p50 ${median(results.map((r) => r.p50Ms)).toFixed(1)} ms   (medians of ${results.length} rounds)`,
      );
    show('limits on', on);
    show('limits off', off);
    const cpuOn = median(on.map((r) => r.cpuMsPerRequest)) * 1000;
    const cpuOff = median(off.map((r) => r.cpuMsPerRequest)) * 1000;
    const micros = limitsMicrosPerRequest();
    console.log(`\ngateway CPU per request, limits on / off: ${(cpuOn / cpuOff).toFixed(3)} (A/B in one run; on a shared 2-core machine, differences of a few % are noise)`);
    console.log(`the limits step alone on this document: ${micros.toFixed(2)} µs/request = ${((micros / cpuOn) * 100).toFixed(2)} % of the gateway's CPU per request`);
    if (failed > 0) {
      console.error(`\nFAILED: ${failed} requests did not answer 200 without errors`);
      process.exitCode = 1;
    }
  } finally {
    await withoutLimits.stop();
    await withLimits.stop();
    for (const server of subgraphs) await server.stop();
    await database.drop();
  }
});
