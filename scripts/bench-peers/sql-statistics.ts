// What SQL one request through Atrium causes, read from PostgreSQL itself
// (pg_stat_statements): every statement of every subgraph, with the time the server spent
// planning and running it. A query is sent a number of times, one request at a time; the
// statements that ran at least once per request are what each request costs (the whole
// number of times per request, a statement's mean time each), the rest ran fewer times than
// there were requests: batched work the requests caused (their request logs written by
// audit, the key-usage report, a principal looked up again once its cache entry expired) or
// background work during the window (the outbox relays' polls).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CORRELATION_HEADER } from '../../lib/errors.js';
import { withDatabase } from '../../lib/database.js';
import { requestBody, type BenchQuery, type BenchTarget } from './workload.js';

/**
 * Names the column of the bench's own statement in the measured database, which is then not
 * counted (pg_stat_statements keeps no comment, but keeps an alias).
 */
const NOT_COUNTED = 'not_counted_by_bench_peers';
/** How long a window's request logs may take to be written (the gateway ships them every second). */
const REQUEST_LOGS_TIMEOUT_MS = 30_000;

/** One statement's figures in the measured database since the server started. */
interface StatementFigures {
  /** Normalised text: constants are $1, $2… */
  readonly query: string;
  readonly calls: number;
  /** Planning and execution. */
  readonly totalMs: number;
}

export interface PerRequestStatement {
  readonly query: string;
  /** How many times each request ran it. */
  readonly timesPerRequest: number;
  /** Its mean time (planning and execution) times timesPerRequest. */
  readonly msPerRequest: number;
}

export interface OccasionalStatement {
  readonly query: string;
  /** Runs in the window beyond timesPerRequest × requests. */
  readonly calls: number;
}

export interface QuerySql {
  readonly name: string;
  readonly requests: number;
  /** Most time first. */
  readonly perRequest: readonly PerRequestStatement[];
  /** Most runs first. */
  readonly occasional: readonly OccasionalStatement[];
}

export interface StatementStatistics {
  /**
   * Runs `send` `requests` times, one after the other, then `settled` (waiting for what the
   * requests cause later: their request logs), and reads what SQL the window cost.
   */
  measure(name: string, requests: number, send: (index: number) => Promise<void>, settled?: () => Promise<void>): Promise<QuerySql>;
  close(): Promise<void>;
}

/** Why statements cannot be counted on this server, or undefined when they can. */
async function unavailableReason(client: pg.Client): Promise<string | undefined> {
  const { rows } = await client.query<{ libraries: string }>("select current_setting('shared_preload_libraries') as libraries");
  if (!rows[0].libraries.split(',').some((library) => library.trim() === 'pg_stat_statements')) {
    return 'the server does not load pg_stat_statements (shared_preload_libraries); the embedded server does when asked (statementStatistics)';
  }
  try {
    await client.query('create extension if not exists pg_stat_statements');
  } catch (error) {
    // Another process made it at the same moment: it is there all the same.
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42710') return `pg_stat_statements cannot be created in the maintenance database (${(error as Error).message})`;
  }
  return undefined;
}

/**
 * Reads statement figures of the database at databaseUrl through the server's maintenance
 * database (`postgres`), so that the reading itself is never counted and the measured
 * database needs no extension of its own. The reason instead when the server keeps no
 * statement statistics.
 */
export async function openStatementStatistics(databaseUrl: string): Promise<StatementStatistics | { readonly unavailable: string }> {
  const client = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await client.connect();
  const reason = await unavailableReason(client).catch((error: unknown) => `pg_stat_statements cannot be read (${(error as Error).message})`);
  if (reason) {
    await client.end();
    return { unavailable: reason };
  }
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const { rows } = await client.query<{ oid: number }>('select oid from pg_database where datname = $1', [database]);
  const databaseOid = rows[0].oid;

  const snapshot = async (): Promise<Map<string, StatementFigures>> => {
    const result = await client.query<{ id: string; query: string; calls: string; ms: number }>(
      `select queryid::text || ':' || userid::text || ':' || toplevel::text as id, query, calls, total_plan_time + total_exec_time as ms
         from pg_stat_statements where dbid = $1`,
      [databaseOid],
    );
    return new Map(result.rows.map((row) => [row.id, { query: row.query, calls: Number(row.calls), totalMs: row.ms }]));
  };

  return {
    async measure(name, requests, send, settled) {
      const before = await snapshot();
      for (let index = 0; index < requests; index += 1) await send(index);
      await settled?.();
      const after = await snapshot();
      const perRequest: PerRequestStatement[] = [];
      const occasional: OccasionalStatement[] = [];
      for (const [id, now] of after) {
        if (now.query.includes(NOT_COUNTED)) continue;
        const then = before.get(id);
        // An entry evicted and made again meanwhile starts from zero.
        const earlier = then && then.calls <= now.calls ? then : { calls: 0, totalMs: 0 };
        const calls = now.calls - earlier.calls;
        if (calls === 0) continue;
        const meanMs = (now.totalMs - earlier.totalMs) / calls;
        const query = now.query.replace(/\s+/g, ' ').trim();
        const timesPerRequest = Math.floor(calls / requests);
        if (timesPerRequest > 0) perRequest.push({ query, timesPerRequest, msPerRequest: meanMs * timesPerRequest });
        const extra = calls - timesPerRequest * requests;
        if (extra > 0) occasional.push({ query, calls: extra });
      }
      perRequest.sort((a, b) => b.msPerRequest - a.msPerRequest);
      occasional.sort((a, b) => b.calls - a.calls);
      return { name, requests, perRequest, occasional };
    },
    close: () => client.end(),
  };
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** A statement on one line, cut to `width` characters. */
function shortened(query: string, width: number): string {
  return query.length <= width ? query : `${query.slice(0, width - 1)}…`;
}

/** The table of `npm run bench:gateway`: per query, statements and DB time per request, then each query's statements. */
export function formatSqlTable(measured: readonly QuerySql[]): string[] {
  const widths = [22, 15, 11, 22];
  const row = (cells: readonly string[]) => cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[index]))).join(' ');
  const requests = measured[0]?.requests ?? 0;
  const lines = [
    `SQL per request through Atrium (pg_stat_statements; ${requests} requests of each query, one at a time, their request logs written)`,
    row(['query', 'statements/req', 'DB ms/req', 'occasional stmts/req']),
  ];
  for (const query of measured) {
    lines.push(
      row([
        query.name,
        String(sum(query.perRequest.map((statement) => statement.timesPerRequest))),
        sum(query.perRequest.map((statement) => statement.msPerRequest)).toFixed(3),
        (sum(query.occasional.map((statement) => statement.calls)) / query.requests).toFixed(2),
      ]),
    );
  }
  lines.push(
    '(occasional: statements run fewer times than there were requests: request logs written in batches, key usage, a principal looked up again, outbox polls)',
    "(PostgreSQL 18 counts a statement over same-named tables of different schemas as one, named after the first schema seen: each subgraph's seen_nonces insert is one line)",
  );
  for (const query of measured) {
    lines.push('', `${query.name}: the statements of each request (times × DB ms)`);
    for (const statement of query.perRequest) lines.push(`  ${statement.timesPerRequest} × ${statement.msPerRequest.toFixed(3).padStart(7)}  ${shortened(statement.query, 150)}`);
    if (query.occasional.length > 0) {
      lines.push(`  occasional, runs in the window of ${query.requests} requests:`);
      // Batches of different sizes are different statements to PostgreSQL (VALUES lists are not folded): one line here.
      const runs = new Map<string, number>();
      for (const statement of query.occasional) runs.set(shortened(statement.query, 150), (runs.get(shortened(statement.query, 150)) ?? 0) + statement.calls);
      for (const [text, calls] of [...runs].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(calls).padStart(3)} ×           ${text}`);
    }
  }
  return lines;
}

/**
 * The SQL table of `npm run bench:gateway`: each query sent `requests` times through Atrium
 * (`target`, with request logging on), one at a time, each window closed once audit has
 * written the window's request logs. A line saying why instead when the server keeps no
 * statement statistics.
 */
export async function sqlPerRequest(databaseUrl: string, target: BenchTarget, queries: readonly BenchQuery[], requests: number): Promise<string[]> {
  const statistics = await openStatementStatistics(databaseUrl);
  if ('unavailable' in statistics) return [`SQL per request: not measured: ${statistics.unavailable}`];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const measured: QuerySql[] = [];
    for (const query of queries) {
      const prefix = `sql-${randomBytes(4).toString('hex')}-`;
      const body = requestBody(query);
      const send = async (index: number) => {
        const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', [CORRELATION_HEADER]: `${prefix}${index}`, ...target.headersFor(body) }, body });
        const text = await response.text();
        if (response.status !== 200 || (JSON.parse(text) as { errors?: unknown[] }).errors)
          throw new Error(`${target.label} answered ${query.name} with HTTP ${response.status}: ${text.slice(0, 300)}`);
      };
      const logsWritten = async () => {
        const until = performance.now() + REQUEST_LOGS_TIMEOUT_MS;
        for (;;) {
          const { rows } = await client.query<Record<string, string>>(`select count(*) as ${NOT_COUNTED} from audit.request_logs where correlation_id like $1`, [`${prefix}%`]);
          if (Number(rows[0][NOT_COUNTED]) >= requests) return;
          if (performance.now() > until) throw new Error(`the request logs of ${query.name} were not written within ${REQUEST_LOGS_TIMEOUT_MS / 1000} s`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      measured.push(await statistics.measure(query.name, requests, send, logsWritten));
    }
    return formatSqlTable(measured);
  } finally {
    await client.end();
    await statistics.close();
  }
}
