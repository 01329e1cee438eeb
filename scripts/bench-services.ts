// The processes a benchmark measures: a fresh database (bench-database.ts), the three
// subgraphs and a gateway, each its own supervised process (supervisor.ts), as shipped but
// with quiet logs and rate-limit budgets no run can spend (a refused request would measure
// the refusal); and the environment of further gateway processes over the same subgraphs.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../lib/config.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { SUBGRAPHS, subgraphUrlVariable } from '../lib/subgraph-list.js';
import type { OpenDatabaseOptions } from '../lib/database-runtime.js';
import { freshBenchDatabase, type BenchDatabase } from './bench-database.js';
import { startServices, type RunningServices } from './supervisor.js';

const UNSPENDABLE_POINTS = String(1_000_000_000);

export interface BenchServices {
  readonly database: BenchDatabase;
  readonly signingSecrets: readonly string[];
  /** The subgraphs and a gateway over them. */
  readonly services: RunningServices;
  readonly logger: Logger;
  /** What every process of the benchmark gets: PATH, quiet logs, unspendable budgets. */
  readonly baseEnv: NodeJS.ProcessEnv;
  /** The whole environment of one more gateway process over the same subgraphs and database: as shipped, with `changes`. */
  readonly gatewayEnv: (changes?: Readonly<Record<string, string>>) => NodeJS.ProcessEnv;
  /** Stops the services and drops the database. */
  readonly stop: () => Promise<void>;
}

/** How many times the services are started afresh when one of them does not come up. */
const START_ATTEMPTS = 3;

export async function startBenchServices(databaseName: string, databaseOptions: OpenDatabaseOptions = {}): Promise<BenchServices> {
  const config = loadConfig();
  const logger = createLogger('error');
  const database = await freshBenchDatabase(config, logger, databaseName, databaseOptions);
  const signingSecrets = [randomBytes(32).toString('base64url')];
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    RATE_LIMIT_USER_KEY_POINTS: UNSPENDABLE_POINTS,
    RATE_LIMIT_WORKSPACE_KEY_POINTS: UNSPENDABLE_POINTS,
    RATE_LIMIT_SESSION_POINTS: UNSPENDABLE_POINTS,
    // Bench users have no mailbox: their keys are made without a verified address (development only).
    ACCOUNTS_ALLOW_UNVERIFIED_KEYS: 'true',
  };
  let services: RunningServices | undefined;
  // startServices picks each port free before its service binds it: on a machine where other
  // programs open ports all the time, one can be taken in between, and that service stops
  // before it is ready. Starting afresh picks new ports.
  for (let attempt = 1; !services; attempt += 1) {
    try {
      services = await startServices({
        databaseUrl: database.databaseUrl,
        signingSecrets,
        host: '127.0.0.1',
        gatewayPort: 0,
        subgraphPorts: { identity: 0, content: 0, audit: 0 },
        env: baseEnv,
        logger,
      });
    } catch (error) {
      if (attempt >= START_ATTEMPTS) {
        await database.drop();
        throw error;
      }
      console.error(`starting the services failed (${(error as Error).message}); starting them again on other ports`);
    }
  }
  const running = services;
  return {
    database,
    signingSecrets,
    services: running,
    logger,
    baseEnv,
    gatewayEnv: (changes = {}) => ({
      ...baseEnv,
      PORT: '0',
      DATABASE_URL: database.databaseUrl,
      PRINCIPAL_SIGNING_SECRETS: signingSecrets.join(','),
      ...Object.fromEntries(SUBGRAPHS.map(({ name }) => [subgraphUrlVariable(name), running.subgraphs[name].url])),
      ...changes,
    }),
    stop: async () => {
      await running.stop();
      await database.drop();
    },
  };
}
