// How PostgreSQL runs the statements of the hot operations: the benchmark's queries, request
// logs listed with each filter, and items listed from a big type. The operations are sent
// through a gateway and subgraphs started in this process over the measured database, so
// that every statement is recorded as PostgreSQL receives it (values included), then each
// read is explained. `npm run bench:gateway` prints EXPLAIN (ANALYZE, BUFFERS) of each and
// which scans read the tables that grow; test/query-plans.happy.test.ts checks that those
// scans go through an index condition that narrows them, never a sequential scan.
import pg from 'pg';
import { DEFAULT_ACCOUNT_SETTINGS } from '../../lib/mail/settings.js';
import type { RunningServer } from '../../lib/http-server.js';
import type { Logger } from '../../lib/logger.js';
import { SUBGRAPHS, type SubgraphName } from '../../lib/subgraph-list.js';
import { startSubgraphServer } from '../../lib/subgraph-server.js';
import { createServer as createGateway } from '../../gateway/server.js';
import { SUBGRAPH_DEFINITIONS } from '../../subgraphs/registry.js';
import { benchGraphql } from '../bench-graphql.js';
import { RARE_OPERATION } from './growing-tables.js';
import { benchQueries, type BenchWorkspace } from './workload.js';

/** Tables that grow with use; a scan of one of their day partitions counts as a scan of the table. */
const GROWING_TABLE = /^(items|request_logs(_p\d{8})?)$/;

export interface HotOperation {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** Sent as the workspace owner (a session), not with the read key: listing keys takes keys:read. */
  readonly asOwner?: boolean;
}

/** The benchmark's queries, then request logs and items listed as the console lists them, over the bench workspace. */
export function hotOperations(workspace: BenchWorkspace): HotOperation[] {
  const logs = 'query($f: RequestLogFilter) { requestLogs(filter: $f, first: 20) { totalCount nodes { id createdAt operationName outcome } } }';
  const items = 'query($t: ID!, $f: ItemFilter, $o: ItemOrder) { items(contentTypeId: $t, filter: $f, orderBy: $o, first: 20) { totalCount nodes { id values createdAt } } }';
  const product = workspace.typeIds.product;
  return [
    ...benchQueries(workspace.typeId),
    { name: 'requestLogs, last 24 hours', query: logs },
    { name: 'requestLogs, a rare outcome', query: logs, variables: { f: { outcome: 'RATE_LIMITED' } } },
    { name: 'requestLogs, a common outcome', query: logs, variables: { f: { outcome: 'INSUFFICIENT_SCOPE' } } },
    { name: 'requestLogs, one operation', query: logs, variables: { f: { operationName: RARE_OPERATION } } },
    { name: 'requestLogs, one key', query: logs, variables: { f: { apiKeyId: workspace.keyId } } },
    { name: 'ApiKey.requestLogs', query: '{ apiKeys(first: 10) { nodes { id requestLogs(first: 5) { totalCount nodes { id outcome } } } } }', asOwner: true },
    { name: 'items of a big type', query: items, variables: { t: product } },
    { name: 'items, newest change first', query: items, variables: { t: product, o: { by: 'UPDATED_AT', direction: 'DESC' } } },
    { name: 'items, equal to a value', query: items, variables: { t: product, f: { equals: { name: 'Product 1234' } } } },
    { name: 'items, in a range', query: items, variables: { t: product, f: { ranges: [{ field: 'price', gte: 495 }] } } },
    { name: 'items, searching text', query: items, variables: { t: product, f: { search: 'product 19' } } },
  ];
}

export interface RecordedStatement {
  readonly subgraph: SubgraphName;
  readonly sql: string;
}

export interface RecordingStack {
  readonly gatewayUrl: string;
  /** The statements the subgraphs send while `during` runs (nothing else runs in them meanwhile). */
  readonly record: (during: () => Promise<void>) => Promise<RecordedStatement[]>;
  readonly stop: () => Promise<void>;
}

/**
 * The subgraphs and a gateway in this process over databaseUrl, each statement recorded:
 * without background workers, request logging or key-usage reports, and with principals
 * cached for the whole run, so that what a request's window records is that request's.
 */
export async function startRecordingStack(databaseUrl: string, signingSecrets: readonly string[], logger: Logger): Promise<RecordingStack> {
  let recording: RecordedStatement[] | undefined;
  const servers: RunningServer[] = [];
  const subgraphUrls = {} as Record<SubgraphName, string>;
  try {
    for (const { name } of SUBGRAPHS) {
      const server = await startSubgraphServer(SUBGRAPH_DEFINITIONS[name], {
        databaseUrl,
        port: 0,
        signingSecrets,
        peers: subgraphUrls,
        runWorkers: false,
        logger,
        poolSize: 4,
        // Bench users have no mailbox: their keys are made without a verified address, as bench-services.ts allows.
        settings: { accounts: { ...DEFAULT_ACCOUNT_SETTINGS, allowUnverifiedKeys: true } },
        onQuery: (sql) => recording?.push({ subgraph: name, sql }),
      });
      servers.push(server);
      subgraphUrls[name] = server.url;
    }
    const hour = 3_600_000;
    servers.push(await createGateway({ port: 0, subgraphUrls, signingSecrets, databaseUrl, logger, requestLogging: false, keyUsageFlushMs: hour, principalCacheTtlMs: 60_000 }));
  } catch (error) {
    for (const server of servers) await server.stop();
    throw error;
  }
  return {
    gatewayUrl: servers.at(-1)!.url,
    record: async (during) => {
      recording = [];
      try {
        await during();
        return recording;
      } finally {
        recording = undefined;
      }
    },
    stop: async () => {
      for (const server of servers.reverse()) await server.stop();
    },
  };
}

/** One way a plan reads a table (or a partition of it). */
export interface TableScan {
  /** `Seq Scan`, `Index Scan`, `Index Only Scan`, `Bitmap Heap Scan`… */
  readonly nodeType: string;
  readonly relation: string;
  /** The index it goes through; for a bitmap heap scan, those of the bitmap index scans under it. */
  readonly indexes: readonly string[];
  /** Conditions the index itself applies (none: it reads the whole index, or no index at all). */
  readonly indexConditions: readonly string[];
}

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly 'Index Cond'?: string;
  readonly Plans?: readonly PlanNode[];
}

/** The bitmap index scans under a bitmap heap scan (through BitmapAnd / BitmapOr). */
function bitmapIndexScans(node: PlanNode): PlanNode[] {
  if (node['Node Type'] === 'Bitmap Index Scan') return [node];
  return (node.Plans ?? []).flatMap(bitmapIndexScans);
}

/** Every scan of a table in an EXPLAIN (FORMAT JSON) plan. */
export function tableScans(plan: PlanNode): TableScan[] {
  const own: TableScan[] = [];
  if (plan['Relation Name']) {
    const through = plan['Node Type'] === 'Bitmap Heap Scan' ? (plan.Plans ?? []).flatMap(bitmapIndexScans) : [plan];
    own.push({
      nodeType: plan['Node Type'],
      relation: plan['Relation Name'],
      indexes: through.flatMap((node) => node['Index Name'] ?? []),
      indexConditions: through.flatMap((node) => node['Index Cond'] ?? []),
    });
  }
  const children = plan['Node Type'] === 'Bitmap Heap Scan' ? [] : (plan.Plans ?? []);
  return [...own, ...children.flatMap(tableScans)];
}

/** Whether a scan reads a table that grows with use. */
export function readsGrowingTable(scan: TableScan): boolean {
  return GROWING_TABLE.test(scan.relation);
}

/**
 * Index conditions that narrow a growing table to a few rows: one workspace, key or user, an
 * outcome, a value. A condition on time alone (the primary key's created_at) still reads
 * every tenant's rows of that time.
 */
const NARROWING_CONDITION = /\b(workspace_id|key_id|user_id|string_to_array|values)\b/;

/** What is wrong with how a scan reads a growing table, or undefined: it must reach its rows through an index condition that narrows them. */
export function scanProblem(scan: TableScan): string | undefined {
  if (!readsGrowingTable(scan)) return undefined;
  if (scan.nodeType.includes('Seq Scan')) return `${scan.nodeType} on ${scan.relation}`;
  if (!scan.indexConditions.some((condition) => NARROWING_CONDITION.test(condition))) {
    return `${scan.nodeType} on ${scan.relation} through ${scan.indexes.join(', ') || 'no index'} without narrowing it to a workspace, key or value (${scan.indexConditions.join(' and ') || 'no index condition'})`;
  }
  return undefined;
}

export interface ExplainedStatement extends RecordedStatement {
  /** EXPLAIN (FORMAT JSON): the plan, not run. */
  readonly plan: PlanNode;
  readonly scans: readonly TableScan[];
  /** EXPLAIN (ANALYZE, BUFFERS) as PostgreSQL prints it; only when analysed. */
  readonly text?: readonly string[];
  /** Only when analysed. */
  readonly executionMs?: number;
}

export interface ExplainedOperation {
  readonly operation: HotOperation;
  readonly statements: readonly ExplainedStatement[];
}

/** Reads only: EXPLAIN ANALYZE runs what it explains. */
const READ = /^\s*(select|with)\b/i;

/**
 * Sends each operation through the recording stack (once to warm caches, once recorded) and
 * explains every read it made. With analyze, the reads run (EXPLAIN ANALYZE, BUFFERS).
 */
export async function explainOperations(stack: RecordingStack, databaseUrl: string, workspace: BenchWorkspace, operations: readonly HotOperation[], analyze: boolean): Promise<ExplainedOperation[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const explained: ExplainedOperation[] = [];
    for (const operation of operations) {
      const send = () => benchGraphql(stack.gatewayUrl, operation.query, operation.variables ?? {}, operation.asOwner ? workspace.ownerHeaders : workspace.headers);
      await send();
      const recorded = await stack.record(async () => {
        await send();
      });
      const statements: ExplainedStatement[] = [];
      for (const statement of recorded.filter((each) => READ.test(each.sql))) {
        // The plan's shape, to read the scans from; the same plan as the run printed below (same statement, same statistics).
        const json = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (format json) ${statement.sql}`);
        const [{ Plan: plan }] = json.rows[0]['QUERY PLAN'];
        const text = analyze ? (await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${statement.sql}`)).rows.map((row) => row['QUERY PLAN']) : undefined;
        // Its time: that of the run printed.
        const executionMs = text?.map((line) => /^Execution Time: ([\d.]+) ms$/.exec(line)?.[1]).find((time) => time !== undefined);
        statements.push({ ...statement, plan, scans: tableScans(plan), text, executionMs: executionMs === undefined ? undefined : Number(executionMs) });
      }
      explained.push({ operation, statements });
    }
    return explained;
  } finally {
    await client.end();
  }
}

/** A statement on one line, cut to `width` characters. */
function oneLine(sql: string, width: number): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}

function describeScan(scan: TableScan): string {
  const through = scan.indexes.length > 0 && scan.nodeType !== 'Index Scan' && scan.nodeType !== 'Index Only Scan' ? ` via ${scan.indexes.join(' + ')}` : '';
  const using = scan.nodeType === 'Index Scan' || scan.nodeType === 'Index Only Scan' ? ` using ${scan.indexes.join(', ')}` : '';
  return `${scan.nodeType}${using} on ${scan.relation}${through}`;
}

/** The highlights (each read of a growing table and how) and then every plan, as `npm run bench:gateway` prints them. */
export function formatPlans(explained: readonly ExplainedOperation[], sizes: string): string[] {
  const lines = [`Query plans of the hot operations' reads, on ${sizes}: how each read reaches the tables that grow (items, request_logs and its day partitions)`];
  const problems: string[] = [];
  for (const { operation, statements } of explained) {
    lines.push(`  ${operation.name}`);
    for (const statement of statements) {
      const growing = statement.scans.filter(readsGrowingTable);
      const scans = growing.length > 0 ? growing.map(describeScan).join('; ') : `(no growing table: ${[...new Set(statement.scans.map((scan) => scan.relation))].join(', ') || 'no table'})`;
      lines.push(`    ${(statement.executionMs ?? 0).toFixed(3).padStart(8)} ms  ${statement.subgraph.padEnd(8)} ${scans}`);
      for (const scan of statement.scans) {
        const problem = scanProblem(scan);
        if (problem) problems.push(`${operation.name}: ${problem}`);
      }
    }
  }
  lines.push(
    problems.length === 0 ? '  no sequential scan of a growing table, and every scan of one narrowed by an index condition' : `  PROBLEMS:\n${problems.map((problem) => `    ${problem}`).join('\n')}`,
  );
  lines.push('', 'EXPLAIN (ANALYZE, BUFFERS) of each read');
  for (const { operation, statements } of explained) {
    for (const statement of statements) {
      lines.push('', `-- ${operation.name} (${statement.subgraph}): ${oneLine(statement.sql, 400)}`);
      for (const line of statement.text ?? []) lines.push(`   ${line}`);
    }
  }
  return lines;
}
