// The load and the check behind `npm run bench:logs` (and its small test): concurrent
// clients sending one cheap named query each, every request with its own correlation id;
// then every id is looked up through requestLogs, which must hold each exactly once.
import { percentile } from './percentile.js';

export interface LoadOptions {
  readonly gatewayUrl: string;
  readonly headers: Record<string, string>;
  readonly requests: number;
  readonly concurrency: number;
  /** Correlation ids are `<prefix><n>`. */
  readonly prefix: string;
  readonly operationName: string;
  /**
   * Called after each answer with the number answered so far (an outage starts and ends
   * here). A promise it returns holds every client's next request until it settles, so
   * that a test can have requests sent only once audit is really down, or up again.
   */
  readonly onAnswered?: (answered: number) => void | Promise<void>;
}

export interface LoadResult {
  readonly correlationIds: string[];
  /** Requests that did not answer 200 without errors. */
  readonly failed: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

/**
 * `concurrency` clients, each sending its next request as soon as the previous one is
 * answered, until `requests` have been sent. Node's fetch keeps connections alive.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const body = JSON.stringify({ query: `query ${options.operationName} { workspace { id } }` });
  const correlationIds: string[] = [];
  const latencies: number[] = [];
  let next = 0;
  let answered = 0;
  let failed = 0;
  let hold: Promise<void> | undefined;
  const started = performance.now();
  const client = async () => {
    for (;;) {
      // Held by onAnswered: wait until it settles (and for a newer hold set meanwhile).
      while (hold) {
        const current = hold;
        await current;
        if (hold === current) hold = undefined;
      }
      if (next >= options.requests) return;
      const correlationId = `${options.prefix}${next}`;
      next += 1;
      correlationIds.push(correlationId);
      const sent = performance.now();
      try {
        const response = await fetch(options.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId, ...options.headers },
          body,
        });
        const json = (await response.json()) as { errors?: unknown[] };
        if (response.status !== 200 || json.errors) failed += 1;
      } catch {
        failed += 1;
      }
      latencies.push(performance.now() - sent);
      answered += 1;
      const held = options.onAnswered?.(answered);
      if (held) hold = held;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    correlationIds,
    failed,
    seconds,
    requestsPerSecond: options.requests / seconds,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    maxMs: latencies.at(-1) ?? 0,
  };
}

interface LogPage {
  data?: { requestLogs: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { correlationId: string }[] } };
  errors?: { message: string }[];
}

async function requestLogPage(gatewayUrl: string, headers: Record<string, string>, filter: Record<string, unknown>, after: string | null): Promise<NonNullable<LogPage['data']>['requestLogs']> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      query:
        'query BenchLogCheck($f: RequestLogFilter, $after: String) { requestLogs(filter: $f, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { correlationId } } }',
      variables: { f: filter, after },
    }),
  });
  const json = (await response.json()) as LogPage;
  if (!json.data) throw new Error(`requestLogs failed: ${JSON.stringify(json.errors)}`);
  return json.data.requestLogs;
}

/** How many entries of the operation requestLogs holds since `from`. */
export async function countLogged(gatewayUrl: string, headers: Record<string, string>, operationName: string, from: Date): Promise<number> {
  return (await requestLogPage(gatewayUrl, headers, { operationName, createdAfter: from.toISOString() }, null)).totalCount;
}

/** Waits until requestLogs holds at least `expected` entries of the operation, or the timeout passes. */
export async function waitForLogged(gatewayUrl: string, headers: Record<string, string>, operationName: string, from: Date, expected: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = await countLogged(gatewayUrl, headers, operationName, from);
  while (count < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    count = await countLogged(gatewayUrl, headers, operationName, from);
  }
  return count;
}

/** Every correlation id requestLogs holds for the operation since `from`, paging 100 at a time. */
export async function loggedCorrelationIds(gatewayUrl: string, headers: Record<string, string>, operationName: string, from: Date): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await requestLogPage(gatewayUrl, headers, { operationName, createdAfter: from.toISOString() }, after);
    ids.push(...page.nodes.map((node) => node.correlationId));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
}

export interface ExactlyOnceReport {
  readonly expected: number;
  readonly logged: number;
  readonly missing: string[];
  /** Ids logged more than once. */
  readonly duplicated: string[];
  /** Ids logged that no request of the run had. */
  readonly unexpected: string[];
}

export function compareExactlyOnce(expected: readonly string[], logged: readonly string[]): ExactlyOnceReport {
  const counts = new Map<string, number>();
  for (const id of logged) counts.set(id, (counts.get(id) ?? 0) + 1);
  const wanted = new Set(expected);
  return {
    expected: expected.length,
    logged: logged.length,
    missing: expected.filter((id) => !counts.has(id)),
    duplicated: [...counts].filter(([, count]) => count > 1).map(([id]) => id),
    unexpected: [...counts.keys()].filter((id) => !wanted.has(id)),
  };
}

export function isExactlyOnce(report: ExactlyOnceReport): boolean {
  return report.missing.length === 0 && report.duplicated.length === 0 && report.unexpected.length === 0 && report.logged === report.expected;
}
