// How `npm start` runs each service: as its own child process through scripts/serve.ts
// (the one way to start a service), reported and restarted with backoff when it dies, so
// one crashing service never takes the others with it. Children run the way this module
// runs: compiled (dist/scripts/serve.js, in production) or TypeScript through tsx.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../lib/database.js';
import type { Logger } from '../lib/logger.js';
import { REPOSITORY_ROOT } from '../lib/paths.js';
import { SUBGRAPHS, subgraphPortVariable, subgraphUrlVariable, type SubgraphName } from '../lib/subgraph-list.js';

/** serve.ts beside this file, or serve.js beside it in dist/ when this module is the compiled one. */
const SERVE_SCRIPT = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './serve.ts' : './serve.js', import.meta.url));
/** What a service sends its supervisor once it listens (see announceReady). */
const READY_MESSAGE = 'atrium:ready';
/** A child that ran this long before dying crashed "once", not "again": its backoff starts over. */
const STABLE_RUN_MS = 30_000;
/** How long a child may take to stop after SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;

interface ReadyMessage {
  readonly type: typeof READY_MESSAGE;
  readonly url: string;
}

function isReadyMessage(message: unknown): message is ReadyMessage {
  return typeof message === 'object' && message !== null && (message as ReadyMessage).type === READY_MESSAGE && typeof (message as ReadyMessage).url === 'string';
}

/** Child side: tells the supervisor, when there is one, that the service listens at url. */
export function announceReady(url: string): void {
  process.send?.({ type: READY_MESSAGE, url } satisfies ReadyMessage);
}

export interface ServiceOptions {
  /** `npm run serve` argument: a subgraph name or `gateway` (or the argument of `script`). */
  readonly name: string;
  /** The entry point to run with `name` as its argument; default scripts/serve.ts (benchmarks start their own peers). */
  readonly script?: string;
  /** The child's whole environment: ports, URLs, database and secrets. */
  readonly env: NodeJS.ProcessEnv;
  /** Reports starts, exits and restarts, each with the service's name and pid. */
  readonly logger: Logger;
  /** Delay before the first restart; it doubles with each crash in a row, up to maxRestartDelayMs. */
  readonly initialRestartDelayMs?: number;
  readonly maxRestartDelayMs?: number;
}

export interface SupervisedService {
  readonly name: string;
  /** The URL the service announced when it first became ready (restarts keep its port). */
  readonly url: string;
  /** The running child's pid; undefined while it is down. */
  readonly pid: number | undefined;
  /** Stops the child (SIGTERM, SIGKILL after a grace period) and restarts it no more. */
  readonly stop: () => Promise<void>;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

/**
 * Starts one service and resolves once it is ready; rejects when it dies before (a
 * configuration or port problem is reported, not retried forever). From then on a child
 * that dies is logged (name, pid, exit code or signal) and started again.
 *
 * The restart loop is written by hand rather than with a retry helper (p-retry and the
 * like): those retry an operation until it succeeds once, while this restarts a process
 * that may have served for hours, whose backoff must start over after a stable run.
 */
export async function superviseService(options: ServiceOptions): Promise<SupervisedService> {
  const { name, logger } = options;
  const initialDelayMs = options.initialRestartDelayMs ?? 500;
  const maxDelayMs = options.maxRestartDelayMs ?? 30_000;
  let child: ChildProcess | undefined;
  let url = '';
  let supervising = false;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let crashesInARow = 0;

  const scheduleRestart = (pid: number | undefined, exit: string, ranForMs: number) => {
    crashesInARow = ranForMs >= STABLE_RUN_MS ? 1 : crashesInARow + 1;
    const restartInMs = Math.min(maxDelayMs, initialDelayMs * 2 ** (crashesInARow - 1));
    logger.error('service exited; restarting it', { name, pid, exit, restartInMs });
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      if (stopping) return;
      // A child that dies before it is ready schedules the next attempt from its exit handler.
      launch().then(
        () => logger.warn('service restarted', { name, pid: child?.pid, url }),
        () => undefined,
      );
    }, restartInMs);
  };

  const launch = () =>
    new Promise<string>((resolve, reject) => {
      const script = options.script ?? SERVE_SCRIPT;
      // Only TypeScript needs tsx: production's compiled children run on node alone.
      const started = spawn(process.execPath, [...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script, name], {
        cwd: REPOSITORY_ROOT,
        env: options.env,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        // Its own process group: Ctrl-C in a terminal reaches the supervisor only, which then
        // stops the services in order. A child whose supervisor vanished stops on 'disconnect'.
        detached: true,
      });
      child = started;
      let readySince: number | undefined;
      started.on('message', (message) => {
        if (readySince !== undefined || !isReadyMessage(message)) return;
        readySince = performance.now();
        url ||= message.url;
        resolve(message.url);
      });
      const ended = (exit: string, code: number | null = null) => {
        if (child === started) child = undefined;
        if (readySince === undefined) reject(Object.assign(new Error(`${name} stopped before it was ready (${exit})`), { exitCode: code }));
        if (supervising && !stopping) scheduleRestart(started.pid, exit, readySince === undefined ? 0 : performance.now() - readySince);
      };
      started.once('exit', (code, signal) => ended(describeExit(code, signal), code));
      // Only a child that never ran gets no 'exit' after 'error'.
      started.once('error', (error) => {
        if (started.pid === undefined) ended(`could not start: ${error.message}`);
      });
    });

  await launch();
  supervising = true;
  logger.info('service started', { name, pid: child?.pid, url });
  return {
    name,
    url,
    get pid() {
      return child?.pid;
    },
    stop: async () => {
      stopping = true;
      clearTimeout(restartTimer);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      // A stopped (SIGSTOP) or stuck child never acts on SIGTERM.
      const force = setTimeout(() => running.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(force);
    },
  };
}

export interface ServicesOptions {
  readonly databaseUrl: string;
  readonly signingSecrets: readonly string[];
  /** Interface every service binds to. */
  readonly host: string;
  /** 0 picks a free port, as do 0s among the subgraph ports. */
  readonly gatewayPort: number;
  readonly subgraphPorts: Readonly<Record<SubgraphName, number>>;
  /** The gateway composes from the live subgraphs, so it starts after them. */
  readonly devIntrospection?: boolean;
  /** Every other setting of the children; default: this process's environment. */
  readonly env?: NodeJS.ProcessEnv;
  readonly logger: Logger;
  /** How a free port is picked for a 0; default findFreePort (tests hand one that a squatter holds). */
  readonly pickPort?: (host: string) => Promise<number>;
}

export interface RunningServices {
  readonly gateway: SupervisedService;
  readonly subgraphs: Readonly<Record<SubgraphName, SupervisedService>>;
  /** The gateway first (it ships its last request logs to audit), then the subgraphs. */
  readonly stop: () => Promise<void>;
}

/**
 * How a service (scripts/serve.ts) exits when its port is taken (EADDRINUSE is errno 98 on
 * Linux): the supervisor can tell a port it picked, and another program took before the
 * service listened, from any other failure.
 */
export const PORT_IN_USE_EXIT_CODE = 98;
/** Times the services start with newly picked ports when a picked one was taken in between. */
const PICKED_PORT_ATTEMPTS = 3;

/** The three subgraphs and the gateway, each its own supervised child process. */
export async function startServices(options: ServicesOptions): Promise<RunningServices> {
  const picksPorts = options.gatewayPort === 0 || Object.values(options.subgraphPorts).includes(0);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startServicesOnce(options);
    } catch (error) {
      // A port picked free (findFreePort) can be taken by another program before the service
      // listens on it, seconds later: pick again rather than fail. A configured port is the
      // user's to change, and the message says how.
      const portTaken = (error as { exitCode?: unknown } | undefined)?.exitCode === PORT_IN_USE_EXIT_CODE;
      if (!picksPorts || !portTaken || attempt >= PICKED_PORT_ATTEMPTS) throw error;
      options.logger.warn('a picked port was taken before its service listened: picking new ports', { attempt });
    }
  }
}

async function startServicesOnce(options: ServicesOptions): Promise<RunningServices> {
  // Every port is fixed before any service starts, so each knows the others' URLs and a
  // restarted service comes back where it was.
  const reachableHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const pickPort = options.pickPort ?? findFreePort;
  const portOf = async (configured: number) => (configured === 0 ? pickPort(options.host) : configured);
  const env: NodeJS.ProcessEnv = {
    ...(options.env ?? process.env),
    HOST: options.host,
    DATABASE_URL: options.databaseUrl,
    PRINCIPAL_SIGNING_SECRETS: options.signingSecrets.join(','),
    PORT: String(await portOf(options.gatewayPort)),
  };
  for (const { name } of SUBGRAPHS) {
    const port = await portOf(options.subgraphPorts[name]);
    env[subgraphPortVariable(name)] = String(port);
    env[subgraphUrlVariable(name)] = `http://${reachableHost}:${port}/graphql`;
  }
  const supervise = (name: string) => superviseService({ name, env, logger: options.logger });
  const subgraphLaunches = SUBGRAPHS.map(({ name }) => supervise(name));
  // The committed supergraph needs no subgraph for the gateway to start.
  if (options.devIntrospection) await Promise.allSettled(subgraphLaunches);
  const launches = await Promise.allSettled([...subgraphLaunches, supervise('gateway')]);
  const running = launches.flatMap((launch) => (launch.status === 'fulfilled' ? [launch.value] : []));
  const gateway = running.find((service) => service.name === 'gateway');
  const subgraphs = running.filter((service) => service !== gateway);
  const stop = async () => {
    await gateway?.stop();
    for (const service of [...subgraphs].reverse()) await service.stop();
  };
  const failed = launches.find((launch) => launch.status === 'rejected');
  if (failed || !gateway) {
    await stop();
    throw failed?.reason;
  }
  return { gateway, subgraphs: Object.fromEntries(subgraphs.map((service) => [service.name, service])) as Record<SubgraphName, SupervisedService>, stop };
}
