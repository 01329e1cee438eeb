// `npm run bench:sign-in`: how long a real sign-in takes while others flood createSession.
// Identity and the gateway run as their own processes (as in production; content and
// audit run in this one, idle), the gateway trusting this process as a proxy so that each
// client gets its own address through X-Forwarded-For. A real user signs in one request at a
// time from their own address: first with nothing else running (unloaded), then while
// BENCH_FLOOD concurrent clients (default 40) send sign-ins with unknown emails without pause,
// first all from one address, then each from its own. Prints the median and p95 of the
// real sign-ins and what the flood got back. First of all, issue 13's acceptance burst:
// BENCH_BURST (default 200) sign-ins with unknown emails sent at once from one address
// (a new one each round), a real sign-in from another address sent with them; how long
// the real sign-in took and how soon the burst's last answer came back, over
// BENCH_SIGN_INS rounds. Identity runs with its production defaults
// (SIGN_IN_*, PASSWORD_HASH_*; pass them in the environment to try others); the gateway's
// anonymous budget and subgraph timeout are lifted so that it is identity being measured.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../lib/config.js';
import type { RunningServer } from '../lib/http-server.js';
import { createLogger } from '../lib/logger.js';
import type { SubgraphName } from '../lib/subgraph-list.js';
import { startSubgraphServer } from '../lib/subgraph-server.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';
import { freshBenchDatabase } from './bench-database.js';
import { percentile } from './percentile.js';
import { runMain } from './run-main.js';
import { signIn } from './sign-in-call.js';
import { superviseService } from './supervisor.js';

const FLOOD = Number(process.env.BENCH_FLOOD ?? 40);
const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 10);
const BURST = Number(process.env.BENCH_BURST ?? 200);
const DATABASE = 'atrium_bench_sign_in';

/** Passed through to identity when set, so other limits can be tried. */
const IDENTITY_SETTINGS = Object.fromEntries(Object.entries(process.env).filter(([name]) => /^(SIGN_IN_|REGISTER_|PASSWORD_HASH)/.test(name)));

/**
 * The real user's sign-ins, one after another, each timed until it succeeds: a refusal
 * (429) is retried after its Retry-After, as a client would, and counted.
 */
async function realSignIns(url: string, user: { email: string; password: string }, address: string): Promise<{ times: number[]; refusals: number }> {
  const times: number[] = [];
  let refusals = 0;
  for (let index = 0; index < SIGN_INS; index += 1) {
    const started = performance.now();
    for (;;) {
      const answer = await signIn(url, user.email, user.password, address);
      if (answer.code === 'OK') break;
      if (answer.status !== 429) throw new Error(`the real sign-in failed: HTTP ${answer.status} ${answer.code}`);
      refusals += 1;
      await new Promise((resolve) => setTimeout(resolve, answer.retryAfter * 1000));
    }
    times.push(performance.now() - started);
  }
  return { times: times.sort((a, b) => a - b), refusals };
}

/** Floods until stop() is called; addressOf(client) says where each flooding client sends from. */
function startFlood(url: string, addressOf: (client: number) => string): { stop: () => Promise<Map<string, number>> } {
  let running = true;
  const answers = new Map<string, number>();
  const client = async (index: number) => {
    while (running) {
      const answer = await signIn(url, `nobody-${randomBytes(6).toString('hex')}@example.com`, 'not-the-password', addressOf(index)).catch(() => ({ status: 0, code: 'NETWORK_ERROR', retryAfter: 0 }));
      const key = `${answer.status} ${answer.code}`;
      answers.set(key, (answers.get(key) ?? 0) + 1);
    }
  };
  const clients = Array.from({ length: FLOOD }, (_, index) => client(index));
  return {
    stop: async () => {
      running = false;
      await Promise.all(clients);
      return answers;
    },
  };
}

/**
 * Rounds of one burst each: BURST sign-ins with unknown emails at once from one address
 * (its own per round, so each round meets fresh counters) and, once they are all under
 * way, one real sign-in from the user's address. Times the real one and the burst's last
 * answer. The burst comes from `attacker`: this process, or the niced client process.
 */
async function bursts(
  url: string,
  user: { email: string; password: string },
  address: string,
  attacker: (address: string) => Promise<{ sent: Promise<void>; done: Promise<{ ms: number; answers: Record<string, number> }> }>,
): Promise<{ real: number[]; lastOfBurst: number[]; answers: Map<string, number> }> {
  const real: number[] = [];
  const lastOfBurst: number[] = [];
  const answers = new Map<string, number>();
  for (let round = 0; round < SIGN_INS; round += 1) {
    const burst = await attacker(`203.0.113.${round % 250}`);
    await burst.sent;
    const started = performance.now();
    const answer = await signIn(url, user.email, user.password, address);
    if (answer.code !== 'OK') throw new Error(`the real sign-in failed inside a burst: HTTP ${answer.status} ${answer.code}`);
    real.push(performance.now() - started);
    const done = await burst.done;
    lastOfBurst.push(done.ms);
    for (const [key, count] of Object.entries(done.answers)) answers.set(key, (answers.get(key) ?? 0) + count);
  }
  return { real: real.sort((a, b) => a - b), lastOfBurst: lastOfBurst.sort((a, b) => a - b), answers };
}

/** The burst sent from this process, on the same event loop as the real user's client. */
function burstHere(url: string) {
  return async (address: string) => {
    const started = performance.now();
    const answers: Record<string, number> = {};
    const all = Array.from({ length: BURST }, () =>
      signIn(url, `nobody-${randomBytes(6).toString('hex')}@example.com`, 'not-the-password', address).then(({ status, code }) => {
        answers[`${status} ${code}`] = (answers[`${status} ${code}`] ?? 0) + 1;
      }),
    );
    return { sent: Promise.resolve(), done: Promise.all(all).then(() => ({ ms: performance.now() - started, answers })) };
  };
}

/** The burst sent from a client process of its own, under `nice -n 19` (scripts/sign-in-burst-client.ts). */
function startNicedAttacker(url: string): {
  attacker: (address: string) => Promise<{ sent: Promise<void>; done: Promise<{ ms: number; answers: Record<string, number> }> }>;
  pid: number | undefined;
  stop: () => void;
} {
  const child = spawn('nice', ['-n', '19', process.execPath, '--import', 'tsx', fileURLToPath(new URL('./sign-in-burst-client.ts', import.meta.url)), url], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error('the burst client stopped');
    return JSON.parse(line.value) as { sent?: true; ms: number; answers: Record<string, number> };
  };
  return {
    pid: child.pid,
    attacker: async (address) => {
      child.stdin.write(`${JSON.stringify({ address, count: BURST })}\n`);
      const sent = next().then(() => undefined);
      return { sent, done: sent.then(next) };
    },
    stop: () => {
      child.stdin.end();
    },
  };
}

/** CPU time (user + system) a process has used, in milliseconds, from /proc (Linux; clock ticks of 10 ms). */
function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const describe = ({ times, refusals }: { times: number[]; refusals: number }) =>
  `median ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms${refusals > 0 ? `, ${refusals} refused and retried` : ''}`;

await runMain(async () => {
  const config = loadConfig();
  const logger = createLogger('error');
  const database = await freshBenchDatabase(config, logger, DATABASE);
  const databaseUrl = database.databaseUrl;
  const signingSecret = randomBytes(32).toString('base64url');
  const common = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', LOG_LEVEL: 'error', DATABASE_URL: databaseUrl, PRINCIPAL_SIGNING_SECRETS: signingSecret };
  const identity = await superviseService({ name: 'identity', env: { ...common, ...IDENTITY_SETTINGS, IDENTITY_PORT: '0' }, logger });
  const subgraphUrls = { identity: identity.url } as Record<SubgraphName, string>;
  const inProcess: RunningServer[] = [];
  for (const name of ['content', 'audit'] as const) {
    const server = await startSubgraphServer(SUBGRAPH_DEFINITIONS[name], { databaseUrl, port: 0, signingSecrets: [signingSecret], peers: subgraphUrls, logger });
    inProcess.push(server);
    subgraphUrls[name] = server.url;
  }
  const gateway = await superviseService({
    name: 'gateway',
    env: {
      ...common,
      PORT: '0',
      IDENTITY_URL: subgraphUrls.identity,
      CONTENT_URL: subgraphUrls.content,
      AUDIT_URL: subgraphUrls.audit,
      TRUSTED_PROXIES: '127.0.0.1,::1',
      RATE_LIMIT_ANONYMOUS_POINTS: '1000000000',
      GATEWAY_SUBGRAPH_TIMEOUT_MS: '120000',
    },
    logger,
  });
  try {
    const user = { email: `bench-${randomBytes(4).toString('hex')}@example.com`, password: randomBytes(12).toString('hex') };
    const registered = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.10' },
      body: JSON.stringify({ query: 'mutation($input: RegisterInput!) { register(input: $input) { token } }', variables: { input: { ...user, name: 'Bench' } } }),
    });
    if (!registered.ok) throw new Error(`register failed: HTTP ${registered.status}`);
    // The user signs in from an address of their own per phase, each made a returning one by
    // a first sign-in: identity's address limit (SIGN_IN_ADDRESS_ATTEMPTS, 100 per window)
    // would otherwise stop a long run, since every sign-in from an address counts.
    let phase = 10;
    const userAddress = async () => {
      phase += 1;
      const address = `192.0.2.${phase}`;
      const first = await signIn(gateway.url, user.email, user.password, address);
      if (first.code !== 'OK') throw new Error(`the user's first sign-in from ${address} failed: HTTP ${first.status} ${first.code}`);
      return address;
    };
    await realSignIns(gateway.url, user, await userAddress()); // warm-up

    console.log(`\n${SIGN_INS} real sign-ins, one at a time, from their own address; floods of ${FLOOD} concurrent clients with unknown emails\n`);
    const unloaded = await realSignIns(gateway.url, user, await userAddress());
    console.log(`unloaded:                       ${describe(unloaded)}`);
    for (const [label, niced] of [
      [`bursts of ${BURST} from one address, sent from this process`, false],
      [`bursts of ${BURST}, from a niced process`, true],
    ] as const) {
      const nicedAttacker = niced ? startNicedAttacker(gateway.url) : undefined;
      const cpuBefore = { gateway: processCpuMs(gateway.pid), identity: processCpuMs(identity.pid), here: process.cpuUsage(), attacker: processCpuMs(nicedAttacker?.pid) };
      const burst = await bursts(gateway.url, user, await userAddress(), nicedAttacker?.attacker ?? burstHere(gateway.url));
      const cpu = {
        gateway: processCpuMs(gateway.pid) - cpuBefore.gateway,
        identity: processCpuMs(identity.pid) - cpuBefore.identity,
        here: (({ user: u, system }) => (u + system) / 1000)(process.cpuUsage(cpuBefore.here)),
        attacker: processCpuMs(nicedAttacker?.pid) - cpuBefore.attacker,
      };
      nicedAttacker?.stop();
      console.log(`${label}:`);
      console.log(`${'  real sign-in:'.padEnd(32)}${describe({ times: burst.real, refusals: 0 })}  (median ${(percentile(burst.real, 0.5) / percentile(unloaded.times, 0.5)).toFixed(2)}× unloaded)`);
      console.log(
        `${'  burst fully answered in:'.padEnd(32)}median ${percentile(burst.lastOfBurst, 0.5).toFixed(0)} ms, p95 ${percentile(burst.lastOfBurst, 0.95).toFixed(0)} ms; ${[...burst.answers].map(([key, count]) => `${key} ${count}`).join(', ')}`,
      );
      const perRequest = (ms: number) => `${((ms * 1000) / (SIGN_INS * (BURST + 1))).toFixed(0)} µs`;
      console.log(
        `${'  CPU per request:'.padEnd(32)}gateway ${perRequest(cpu.gateway)}, identity ${perRequest(cpu.identity)} (the hashes included), this process ${perRequest(cpu.here)}${niced ? `, the niced client ${perRequest(cpu.attacker)}` : ''}`,
      );
    }
    for (const [label, addressOf] of [
      ['flood from one address', () => '198.51.100.66'],
      ['flood from one address each', (client: number) => `198.51.${101 + Math.floor(client / 250)}.${client % 250}`],
    ] as const) {
      const address = await userAddress();
      const flood = startFlood(gateway.url, addressOf);
      // Let the flood reach its steady state (the first requests meet empty counters).
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const cpuBefore = { gateway: processCpuMs(gateway.pid), identity: processCpuMs(identity.pid) };
      const started = performance.now();
      const loaded = await realSignIns(gateway.url, user, address);
      const seconds = (performance.now() - started) / 1000;
      const cpu = { gateway: processCpuMs(gateway.pid) - cpuBefore.gateway, identity: processCpuMs(identity.pid) - cpuBefore.identity };
      const answers = await flood.stop();
      const total = [...answers.values()].reduce((sum, count) => sum + count, 0);
      console.log(`${''.padEnd(32)}while measured: gateway ${(cpu.gateway / 1000 / seconds).toFixed(2)} CPUs, identity ${(cpu.identity / 1000 / seconds).toFixed(2)} CPUs`);
      console.log(`${`${label}:`.padEnd(32)}${describe(loaded)}  (median ${(percentile(loaded.times, 0.5) / percentile(unloaded.times, 0.5)).toFixed(2)}× unloaded)`);
      console.log(`${''.padEnd(32)}flood answers: ${[...answers].map(([key, count]) => `${key} ${count}`).join(', ')} (${total} in all)`);
    }
  } finally {
    await gateway.stop();
    await identity.stop();
    for (const server of inProcess) await server.stop();
    await database.drop();
  }
});
