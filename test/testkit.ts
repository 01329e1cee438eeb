// The test kit: a fresh database per test file, the real subgraphs and gateway started
// on free ports through the same createServer functions as production, and a GraphQL
// client whose failures print the operation and the response.
import { randomBytes } from 'node:crypto';
import { startMailSink, type MailSink } from '../lib/mail/sink.js';
import { DEFAULT_ACCOUNT_SETTINGS, type AccountSettings } from '../lib/mail/settings.js';
import pg, { type Pool } from 'pg';
import { inject } from 'vitest';
import { createDatabaseFromTemplate, dropDatabase, withDatabase } from '../lib/database.js';
import type { RunningServer } from '../lib/http-server.js';
import type { SubgraphSettings } from '../lib/config.js';
import { createLogger } from '../lib/logger.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import { startSubgraphServer } from '../lib/subgraph-server.js';
import { createServer as createGateway, type GatewayServerConfig } from '../gateway/server.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';
import { DEFAULT_SIGN_IN_SETTINGS, type SignInSettings } from '../subgraphs/identity/sessions/sign-in-settings.js';

export interface TestDatabase {
  readonly url: string;
  readonly drop: () => Promise<void>;
}

/** A new, migrated database on the test server, for one test file: a copy of the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `atrium_test_${randomBytes(6).toString('hex')}`;
  await createDatabaseFromTemplate(adminUrl, name, inject('templateDatabase'));
  const url = withDatabase(adminUrl, name);
  return {
    url,
    drop: async () => {
      await closeReadPool(url);
      await dropDatabase(adminUrl, name);
    },
  };
}

/**
 * A value of a JSON answer (GraphQL data, a row, a log line) as a test reads it: its shape
 * is what the test asserts, so typing it would only repeat the assertions. The one `any`
 * of the tests, named so that it is not mistaken for an oversight.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: tests read answers whose shape they assert
export type AssertedJson = any;

export interface GraphQLResponse<TData = Record<string, AssertedJson>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { data?: TData | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, AssertedJson> }[] };
}

export interface GraphQLRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
  readonly headers?: Record<string, string>;
}

export async function postGraphQL<TData = Record<string, AssertedJson>>(url: string, request: GraphQLRequest): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName }),
  });
  const text = await response.text();
  let body: GraphQLResponse<TData>['body'];
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`Not JSON (HTTP ${response.status}) for:\n${request.query}\n${text}`);
  }
  return { status: response.status, headers: response.headers, body };
}

/** The data of a response that must have no errors; prints operation and response otherwise. */
export function dataOf<TData>(response: GraphQLResponse<TData>, request: GraphQLRequest): TData {
  if (response.status !== 200 || response.body.errors?.length || !response.body.data) {
    throw new Error(
      `Expected data without errors.\nOperation:\n${request.query}\nVariables: ${JSON.stringify(request.variables ?? {})}\n` +
        `Response (HTTP ${response.status}):\n${JSON.stringify(response.body, null, 2)}`,
    );
  }
  return response.body.data;
}

/** The error codes of a response, in order. */
export function errorCodes(response: GraphQLResponse): string[] {
  return (response.body.errors ?? []).map((error) => String(error.extensions?.code));
}

/**
 * Identity's sign-in limits in a test stack: every test client is 127.0.0.1, so the
 * per-address limits (register calls, tries, hashing places) are lifted, else the tests of
 * a file would spend one another's budgets. The per-account limits keep their defaults;
 * tests of the throttle set their own (StackOptions.settings.signIn).
 */
export const TEST_SIGN_IN_SETTINGS: SignInSettings = {
  ...DEFAULT_SIGN_IN_SETTINGS,
  addressAttempts: 1_000_000,
  registerAddressAttempts: 1_000_000,
  hashQueue: 1000,
  hashesPerAddress: 1000,
};

export interface TestStack {
  readonly database: TestDatabase;
  readonly signingSecrets: readonly string[];
  readonly gatewayUrl: string;
  readonly subgraphUrls: Record<SubgraphName, string>;
  /** Sends an operation through the gateway. */
  readonly request: <TData = Record<string, AssertedJson>>(request: GraphQLRequest) => Promise<GraphQLResponse<TData>>;
  /** Sends an operation through the gateway and returns its data, failing loudly on errors. */
  readonly query: <TData = Record<string, AssertedJson>>(request: GraphQLRequest) => Promise<TData>;
  readonly stopSubgraph: (name: SubgraphName) => Promise<void>;
  /** Starts a stopped subgraph again on its old port (a restarted process), with or without its workers. */
  readonly startSubgraph: (name: SubgraphName, options?: { runWorkers?: boolean }) => Promise<void>;
  /** Another gateway instance in front of the same subgraphs and database. */
  readonly startGateway: (overrides?: Partial<GatewayServerConfig>) => Promise<RunningServer>;
  /** The SMTP sink identity sends this stack's mail to: tests read mail over SMTP, as a user's mail client would. */
  readonly mail: MailSink;
  readonly stop: () => Promise<void>;
}

export interface StackOptions {
  /** Receives each SQL statement a subgraph sends. */
  readonly onQuery?: (subgraph: SubgraphName, sql: string) => void;
  /** Gateway settings for this stack (cache TTL, key usage flush interval, ...). */
  readonly gateway?: Partial<GatewayServerConfig>;
  /** Collects every log line of every service, at debug level. */
  readonly logLines?: string[];
  /** Subgraph policy (session lifetime, key expiry cap). */
  readonly settings?: Partial<Omit<SubgraphSettings, 'accounts'>> & { readonly accounts?: Partial<AccountSettings> };
  /** False starts the subgraphs without background workers (the outbox relay). */
  readonly runWorkers?: boolean;
}

export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const database = await createTestDatabase();
  const mail = await startMailSink();
  const logLines = options.logLines;
  const logger = logLines ? createLogger('debug', {}, (line) => logLines.push(line)) : createLogger((process.env.LOG_LEVEL as 'silent') ?? 'silent');
  const signingSecrets = [randomBytes(32).toString('base64url')];
  const subgraphs = new Map<SubgraphName, RunningServer>();
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const startSubgraph = async (name: SubgraphName, overrides: { runWorkers?: boolean } = {}) => {
    const server = await startSubgraphServer(SUBGRAPH_DEFINITIONS[name], {
      databaseUrl: database.url,
      port: subgraphUrls[name] ? Number(new URL(subgraphUrls[name]).port) : 0,
      signingSecrets,
      settings: { signIn: TEST_SIGN_IN_SETTINGS, ...options.settings, accounts: { ...DEFAULT_ACCOUNT_SETTINGS, smtpUrl: mail.url, ...options.settings?.accounts } },
      peers: subgraphUrls,
      runWorkers: overrides.runWorkers ?? options.runWorkers,
      logger,
      poolSize: 4,
      onQuery: options.onQuery ? (sql) => options.onQuery?.(name, sql) : undefined,
    });
    subgraphs.set(name, server);
    subgraphUrls[name] = server.url;
  };
  for (const { name } of SUBGRAPHS) await startSubgraph(name);
  const startGateway = (overrides: Partial<GatewayServerConfig> = {}) => createGateway({ port: 0, subgraphUrls, signingSecrets, databaseUrl: database.url, logger, ...options.gateway, ...overrides });
  const gateway = await startGateway();
  const request = <TData>(operation: GraphQLRequest) => postGraphQL<TData>(gateway.url, operation);
  return {
    database,
    signingSecrets,
    gatewayUrl: gateway.url,
    subgraphUrls,
    request,
    query: async <TData>(operation: GraphQLRequest) => dataOf(await request<TData>(operation), operation),
    startGateway,
    mail,
    stopSubgraph: async (name) => {
      await subgraphs.get(name)?.stop();
      subgraphs.delete(name);
    },
    startSubgraph: async (name, overrides) => {
      if (subgraphs.has(name)) throw new Error(`${name} is running`);
      await startSubgraph(name, overrides);
    },
    stop: async () => {
      await gateway.stop();
      for (const server of subgraphs.values()) await server.stop();
      await mail.stop();
      await database.drop();
    },
  };
}

/**
 * Connections for selectRows, per database: opening one per statement (a PostgreSQL backend
 * forked and authenticated each time) was most of what the suites that read the database
 * after every request spent. Idle connections close themselves; dropping the database
 * (TestDatabase.drop) ends its pool first.
 */
const readPools = new Map<string, Pool>();

function readPool(databaseUrl: string): Pool {
  let pool = readPools.get(databaseUrl);
  if (!pool) {
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
    // An idle connection ended by the server (a dropped database) is replaced on the next query.
    pool.on('error', () => undefined);
    readPools.set(databaseUrl, pool);
  }
  return pool;
}

async function closeReadPool(databaseUrl: string): Promise<void> {
  const pool = readPools.get(databaseUrl);
  readPools.delete(databaseUrl);
  await pool?.end();
}

/** The rows a statement answers, straight from the database (what a user of psql would see). */
export async function selectRows<T = Record<string, AssertedJson>>(databaseUrl: string, sql: string, values: unknown[] = []): Promise<T[]> {
  return (await readPool(databaseUrl).query(sql, values)).rows as T[];
}

/** The number a `select count(*) …` statement answers, straight from the database. */
export async function countRows(databaseUrl: string, sql: string, values: unknown[] = []): Promise<number> {
  const [row] = await selectRows<{ count: string }>(databaseUrl, sql, values);
  return Number(row.count);
}
