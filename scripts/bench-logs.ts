// `npm run bench:logs`: 20,000 requests through the real gateway from 50 concurrent
// clients while the audit subgraph is stopped for a few seconds and started again; then
// every request's correlation id must appear exactly once in requestLogs (exit 1
// otherwise). Then the same load with request logging on and off, to show what logging
// costs. Runs on the embedded PostgreSQL (or DATABASE_URL), in the atrium_bench_logs
// database, recreated each run. BENCH_REQUESTS, BENCH_CONCURRENCY, BENCH_OUTAGE_MS change it.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../lib/config.js';
import type { RunningServer } from '../lib/http-server.js';
import { createLogger } from '../lib/logger.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import { startSubgraphServer } from '../lib/subgraph-server.js';
import { createServer as createGateway } from '../gateway/server.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';
import { compareExactlyOnce, isExactlyOnce, loggedCorrelationIds, runLoad, waitForLogged, type LoadResult } from './request-log-load.js';
import { freshBenchDatabase } from './bench-database.js';
import { benchGraphql } from './bench-graphql.js';
import { runMain } from './run-main.js';
import { DEFAULT_ACCOUNT_SETTINGS } from '../lib/mail/settings.js';

/** Bench users have no mailbox: their keys are made without a verified address (development only). */
const BENCH_SETTINGS = { accounts: { ...DEFAULT_ACCOUNT_SETTINGS, allowUnverifiedKeys: true } };

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const OUTAGE_MS = Number(process.env.BENCH_OUTAGE_MS ?? 4000);
const DATABASE = 'atrium_bench_logs';
const OPERATION = 'BenchLogs';

function line(label: string, result: LoadResult): string {
  return `${label.padEnd(28)} ${result.requestsPerSecond.toFixed(0).padStart(8)} req/s   p50 ${result.p50Ms.toFixed(1).padStart(6)} ms   p95 ${result.p95Ms.toFixed(1).padStart(6)} ms   max ${result.maxMs.toFixed(0).padStart(5)} ms   failed ${result.failed}`;
}

await runMain(async () => {
  const config = loadConfig();
  const logger = createLogger('error');
  const database = await freshBenchDatabase(config, logger, DATABASE);
  const databaseUrl = database.databaseUrl;

  const signingSecrets = [randomBytes(32).toString('base64url')];
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const subgraphs = new Map<SubgraphName, RunningServer>();
  const startSubgraph = async (name: SubgraphName, port: number) => {
    const server = await startSubgraphServer(SUBGRAPH_DEFINITIONS[name], { databaseUrl, port, signingSecrets, peers: subgraphUrls, logger, poolSize: 10, settings: BENCH_SETTINGS });
    subgraphs.set(name, server);
    subgraphUrls[name] = server.url;
  };
  for (const { name } of SUBGRAPHS) await startSubgraph(name, 0);
  const gateway = await createGateway({ port: 0, subgraphUrls, signingSecrets, databaseUrl, logger });
  const quietGateway = await createGateway({ port: 0, subgraphUrls, signingSecrets, databaseUrl, logger, requestLogging: false });

  try {
    const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
    const registered = await benchGraphql<{ register: { token: string } }>(gateway.url, 'mutation($input: RegisterInput!) { register(input: $input) { token } }', {
      input: { email, password: randomBytes(12).toString('hex'), name: 'Bench' },
    });
    const session = { authorization: `Bearer ${registered.register.token}` };
    const workspace = await benchGraphql<{ createWorkspace: { workspace: { id: string } } }>(gateway.url, 'mutation { createWorkspace(input: { name: "Bench" }) { workspace { id } } }', {}, session);
    const workspaceId = workspace.createWorkspace.workspace.id;
    const key = await benchGraphql<{ createApiKey: { secret: string } }>(
      gateway.url,
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      {
        input: { description: 'bench', expiresIn: 'ONE_MONTH', scopes: ['WORKSPACES_READ', 'AUDIT_READ'], workspaceIds: [workspaceId] },
      },
      session,
    );
    const headers = { 'x-api-key': key.createApiKey.secret };
    const load = (url: string, prefix: string, requests = REQUESTS) => runLoad({ gatewayUrl: url, headers, requests, concurrency: CONCURRENCY, prefix, operationName: OPERATION });

    console.log(
      `\n${REQUESTS.toLocaleString('en')} requests, ${CONCURRENCY} concurrent clients, through the gateway (all in one process, ${database.embedded ? 'embedded' : 'DATABASE_URL'} PostgreSQL)\n`,
    );
    await load(gateway.url, 'warm-up-', Math.min(1000, REQUESTS));

    // 1. Audit stopped for OUTAGE_MS a quarter of the way in, then started on the same port.
    // Every warm-up request arrived before `from`, so only the run's entries count.
    const from = new Date();
    const auditPort = Number(new URL(subgraphUrls.audit).port);
    let outage: Promise<void> = Promise.resolve();
    let auditDown = false;
    let answeredWhileDown = 0;
    const run = await runLoad({
      gatewayUrl: gateway.url,
      headers,
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      prefix: `run-${randomBytes(3).toString('hex')}-`,
      operationName: OPERATION,
      // The load keeps going through the outage (nothing is held): what a real one looks like.
      onAnswered: (answered) => {
        if (auditDown) answeredWhileDown += 1;
        if (answered !== Math.floor(REQUESTS / 4)) return;
        outage = (async () => {
          const stopped = Date.now();
          await subgraphs.get('audit')!.stop();
          auditDown = true;
          console.log(`audit stopped after ${Math.floor(REQUESTS / 4).toLocaleString('en')} requests`);
          await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
          auditDown = false;
          await startSubgraph('audit', auditPort);
          console.log(`audit started again on port ${auditPort} after ${((Date.now() - stopped) / 1000).toFixed(1)} s`);
        })();
      },
    });
    await outage;
    console.log(line('with audit outage', run));
    console.log(`${answeredWhileDown.toLocaleString('en')} requests answered (and logged) while audit was down`);
    const drainStarted = Date.now();
    const stored = await waitForLogged(gateway.url, headers, OPERATION, from, REQUESTS, 120_000);
    console.log(`requestLogs holds ${stored.toLocaleString('en')} entries of the run ${((Date.now() - drainStarted) / 1000).toFixed(1)} s after the last request`);
    const report = compareExactlyOnce(run.correlationIds, await loggedCorrelationIds(gateway.url, headers, OPERATION, from));
    console.log(`correlation ids: sent ${report.expected}, logged ${report.logged}, missing ${report.missing.length}, duplicated ${report.duplicated.length}, unexpected ${report.unexpected.length}`);
    // An outage that missed the load would prove nothing about outages.
    const exact = isExactlyOnce(report) && run.failed === 0 && answeredWhileDown > 0;

    // 2. The same load with request logging on and off, alternating, best of two each.
    await load(quietGateway.url, 'warm-up-off-', Math.min(1000, REQUESTS));
    const on: LoadResult[] = [];
    const off: LoadResult[] = [];
    for (let round = 0; round < 2; round += 1) {
      on.push(await load(gateway.url, `on-${round}-`));
      off.push(await load(quietGateway.url, `off-${round}-`));
    }
    const best = (results: LoadResult[]) => results.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
    console.log('');
    console.log(line('request logging on', best(on)));
    console.log(line('request logging off', best(off)));
    console.log(`throughput with logging / without: ${(best(on).requestsPerSecond / best(off).requestsPerSecond).toFixed(2)}`);
    if (!exact) {
      console.error(
        `\nFAILED: ${run.failed} requests failed; ${answeredWhileDown} answered while audit was down; missing ${report.missing.slice(0, 5).join(', ')}; duplicated ${report.duplicated.slice(0, 5).join(', ')}`,
      );
      process.exitCode = 1;
    } else {
      console.log('\nevery request of the outage run is in requestLogs exactly once');
    }
  } finally {
    await quietGateway.stop();
    await gateway.stop();
    for (const server of subgraphs.values()) await server.stop();
    await database.drop();
  }
});
