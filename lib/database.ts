// Database bootstrap: the embedded PostgreSQL a laptop or a test run starts by itself,
// or the server named by DATABASE_URL; plus the checks that make a bad URL fail fast.
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { randomBytes, randomInt } from 'node:crypto';
import { userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEFAULT_SHARED_DIR, placeReachableByPostgresUser } from './embedded-postgres-as-root.js';
import { installedBinaries, loadEmbeddedPostgres } from './embedded-postgres-binaries.js';
import type { Logger } from './logger.js';

export interface RunningDatabase {
  /** Connection URL of the server's maintenance database (`postgres`). */
  readonly adminUrl: string;
  readonly stop: () => Promise<void>;
}

/** The URL with its password removed, fit for logs and error messages. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/** The same server with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Connects once, with a short timeout, so that an unreachable server stops the
 * process at start with its host in the message (never its password).
 */
export async function assertDatabaseReachable(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(`Cannot reach PostgreSQL at ${describeDatabaseUrl(url)} (${reason})`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabaseExists(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** A new database as a copy of `template` (which nothing may be connected to): migrations run once, copies are cheap. */
export async function createDatabaseFromTemplate(adminUrl: string, database: string, template: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${client.escapeIdentifier(database)} template ${client.escapeIdentifier(template)}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(database)} with (force)`);
  } finally {
    await client.end();
  }
}

export async function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Lowest port of the kernel's ephemeral range, from which it takes outgoing connections' local ports. */
function ephemeralRangeStart(): number {
  try {
    const start = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(start) && start > 1024 ? start : 32768;
  } catch {
    return 32768;
  }
}

/** Where findFreePort looks first: below the ephemeral range, above the ports services usually take. */
const PICKED_PORT_FLOOR = 20_000;
const PICK_ATTEMPTS = 20;

/**
 * A port nothing listens on right now, for a server that is told its port before it starts
 * (a child process that binds it seconds later). Picked at random below the kernel's
 * ephemeral range: a port the kernel handed out for port 0 can be handed out again, as the
 * local port of any outgoing connection (a database pool, an HTTP client), in the seconds
 * before the child binds it, and the child then fails with "address in use". Ports below the
 * range are only ever taken by a listener asking for them by number. Falls back to a port
 * the kernel picks when none of the tries is free (or the range leaves no room).
 */
export async function findFreePort(host: string): Promise<number> {
  const ceiling = ephemeralRangeStart();
  if (ceiling - PICKED_PORT_FLOOR > 1000) {
    for (let attempt = 0; attempt < PICK_ATTEMPTS; attempt += 1) {
      const port = PICKED_PORT_FLOOR + randomInt(ceiling - PICKED_PORT_FLOOR);
      if (await isPortFree(port, host)) return port;
    }
  }
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Password of the embedded server: random, made once, kept beside its data (mode 600). */
async function embeddedPassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'postgres.password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

export interface EmbeddedPostgresOptions {
  /** Folder holding everything the project keeps on disk (`.data`). */
  readonly dataDir: string;
  /** Sub-folder for this server, so a test run and `npm start` never share data. */
  readonly name: string;
  readonly preferredPort: number;
  readonly logger: Logger;
  /** Trade durability for speed: right for throw-away test data only. */
  readonly fast?: boolean;
  /**
   * Load pg_stat_statements, so that what SQL requests cause (count and time per statement)
   * can be read back (the benchmarks, and their test). It can only be loaded when the server
   * starts; off by default, as every statement then pays for its bookkeeping.
   */
  readonly statementStatistics?: boolean;
  /** PostgreSQL's programs (a `native` folder: bin, lib, share). Default: the installed package's. */
  readonly binaries?: string;
  /** As root, when the `postgres` user cannot enter the clone: where copies of the programs and the data go (default /var/tmp/atrium-embedded-postgres). */
  readonly sharedDir?: string;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package. Data is kept between
 * runs under `<dataDir>/<name>`; if the preferred port is taken, a free one is used.
 * As root in a folder the `postgres` user cannot enter, PostgreSQL runs from copies
 * outside it (lib/embedded-postgres-as-root.ts).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningDatabase> {
  const root = path.resolve(options.dataDir);
  await mkdir(root, { recursive: true });
  const { binaries, databaseDir } = await placeReachableByPostgresUser(
    { binaries: options.binaries ?? (await installedBinaries()), databaseDir: path.join(root, options.name) },
    options.sharedDir ?? DEFAULT_SHARED_DIR,
    options.logger,
  );
  const EmbeddedPostgres = await loadEmbeddedPostgres(binaries);
  const host = '127.0.0.1';
  const port = options.preferredPort !== 0 && (await isPortFree(options.preferredPort, host)) ? options.preferredPort : await findFreePort(host);
  const password = await embeddedPassword(root);
  const flags = ['-c', `listen_addresses=${host}`, '-c', 'unix_socket_directories='];
  if (options.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  // Planning counts too (short statements can take longer to plan than to run); room for
  // the statements of many databases (a test run makes one per file) before any is evicted.
  if (options.statementStatistics) flags.push('-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track_planning=on', '-c', 'pg_stat_statements.max=20000');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: flags,
    onLog: (message: string) => options.logger.debug('postgres', { output: message.trim() }),
    onError: (message: unknown) => options.logger.debug('postgres', { output: String(message).trim() }),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    options.logger.info('initialising embedded PostgreSQL', { databaseDir });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start in ${databaseDir}` + (error instanceof Error ? `: ${error.message}` : ' (is another process using this data folder?)'), { cause: error });
  }
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@${host}:${port}/postgres`;
  return { adminUrl, stop: () => server.stop() };
}
