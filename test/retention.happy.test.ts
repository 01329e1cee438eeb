// Retention of request logs and audit events (AUDIT_RETENTION_DAYS, here 7): late entries land in the day
// partition they belong to, entries already past the window are dropped and counted, the
// scheduled job drops whole partitions once the clock has moved past them (never a
// DELETE), and a query reaching past the window is refused with the window named.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EVENTS_PATH, type AuditRecordedEvent } from '../lib/domain-events.js';
import { postInternal } from '../lib/internal-call.js';
import { createLogger } from '../lib/logger.js';
import { initORM } from '../lib/orm.js';
import { REQUEST_LOG_INGEST_PATH, type RequestLogEntry } from '../lib/request-log.js';
import { newId } from '../lib/ids.js';
import { auditOrm } from '../subgraphs/audit/orm.js';
import { DAY_MS, partitionName } from '../subgraphs/audit/retention/day-partitions.js';
import { startRetentionWorker } from '../subgraphs/audit/retention/retention-worker.js';
import { createUserKey, createWorkspaceAs, signUp } from './identity-seeds.js';
import { bearer } from './identity-seeds.js';
import { selectRows, startStack, type TestStack } from './testkit.js';

const RETENTION_DAYS = 7;
let stack: TestStack;
const logLines: string[] = [];

beforeAll(async () => {
  stack = await startStack({ settings: { auditRetentionDays: RETENTION_DAYS }, gateway: { requestLogFlushMs: 50 }, logLines });
});
afterAll(async () => {
  await stack?.stop();
});

function entry(correlationId: string, time: Date): RequestLogEntry {
  return {
    id: newId(),
    correlationId,
    time: time.toISOString(),
    credentialKind: null,
    keyId: null,
    userId: null,
    workspaceId: null,
    operationName: 'Late',
    operationType: 'query',
    rootFields: ['workspace'],
    outcome: 'OK',
    httpStatus: 200,
    durationMs: 5,
    clientIp: '127.0.0.1',
    userAgent: 'retention-test',
  };
}

function ingest(entries: RequestLogEntry[]): Promise<{ stored: number; expired: number }> {
  return postInternal('audit', stack.subgraphUrls.audit, REQUEST_LOG_INGEST_PATH, { entries }, stack.signingSecrets);
}

const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => selectRows<T>(stack.database.url, text, values);

const partitionsOf = async (table: string) =>
  (await sql<{ name: string }>('select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = $1::regclass order by 1', [`audit.${table}`])).map(
    (row) => row.name,
  );

it('stores late entries in their day partition, made on demand, and drops (counting) those past the window', async () => {
  const now = Date.now();
  const late = entry('late-5-days', new Date(now - 5 * DAY_MS));
  const expired = entry('late-8-days', new Date(now - 8 * DAY_MS));
  expect(await partitionsOf('request_logs')).not.toContain(partitionName('request_logs', new Date(late.time)));

  expect(await ingest([late, expired])).toEqual({ stored: 1, expired: 1 });
  // The gateway retries a batch whose answer it lost: nothing is stored twice.
  expect(await ingest([late, expired])).toEqual({ stored: 0, expired: 1 });

  expect(await partitionsOf('request_logs')).toContain(partitionName('request_logs', new Date(late.time)));
  const rows = await sql("select tableoid::regclass::text as partition from audit.request_logs where correlation_id like 'late-%'");
  expect(rows).toEqual([{ partition: `audit.${partitionName('request_logs', new Date(late.time))}` }]);
  expect(logLines.some((line) => line.includes('outside the retention window') && line.includes('"dropped":1'))).toBe(true);
});

it('drops whole partitions older than the window once the clock has moved, keeping newer ones and their rows', async () => {
  const today = Date.now();
  const old = entry('kept-until-day-5', new Date(today - 3 * DAY_MS));
  const newer = entry('kept-longer', new Date(today - 1 * DAY_MS));
  expect((await ingest([old, newer])).stored).toBe(2);
  const oldPartition = partitionName('request_logs', new Date(old.time));
  const newerPartition = partitionName('request_logs', new Date(newer.time));
  expect(await partitionsOf('request_logs')).toEqual(expect.arrayContaining([oldPartition, newerPartition]));

  // Five days on, the 7-day window starts two days before today: the day of `old` is out.
  // The schema-usage registry: an operation last registered on the day of `old` is forgotten with it; one of `newer`'s day stays.
  const register = (hash: string, lastSeen: Date) =>
    sql(`insert into audit.schema_operations (document_hash, operation_name, operation_type, coordinates, first_seen, last_seen) values ($1, 'Op', 'query', '{Query}', $2, $2)`, [hash, lastSeen]);
  await register('a'.repeat(64), new Date(old.time));
  await register('b'.repeat(64), new Date(newer.time));

  const statements: string[] = [];
  const orm = await initORM(auditOrm, { databaseUrl: stack.database.url, poolSize: 1, onQuery: (statement) => statements.push(statement) });
  const moved = new Date(today + 5 * DAY_MS);
  try {
    const stop = await startRetentionWorker({ orm, logger: createLogger('silent'), retentionDays: RETENTION_DAYS, now: () => moved, intervalMs: 3_600_000 });
    await stop();
  } finally {
    await orm.close();
  }

  const partitions = await partitionsOf('request_logs');
  expect(partitions).not.toContain(oldPartition);
  expect(await sql('select 1 from pg_tables where schemaname = $1 and tablename = $2', ['audit', oldPartition])).toEqual([]);
  expect(partitions).toContain(newerPartition);
  // Partitions for the moved "today" and the days after it are ready.
  expect(partitions).toEqual(expect.arrayContaining([partitionName('request_logs', moved), partitionName('request_logs', new Date(moved.getTime() + DAY_MS))]));
  const left = await sql<{ correlation_id: string }>("select correlation_id from audit.request_logs where correlation_id like 'kept-%' order by 1");
  expect(left.map((row) => row.correlation_id)).toEqual(['kept-longer']);
  expect(statements.some((statement) => statement.includes(`drop table if exists "audit"."${oldPartition}"`))).toBe(true);
  // Partitions are dropped, never emptied row by row; the registry (a row per distinct operation) is the one DELETE.
  expect(statements.filter((statement) => /\bdelete\s+from\b/i.test(statement) && !statement.includes('"audit"."schema_operations"'))).toEqual([]);
  expect((await sql<{ document_hash: string }>("select document_hash from audit.schema_operations where operation_name = 'Op' order by 1")).map((row) => row.document_hash)).toEqual(['b'.repeat(64)]);

  // Audit's ingest believed that partition existed; an entry for its day is still stored.
  expect(await ingest([entry('after-drop', new Date(old.time))])).toEqual({ stored: 1, expired: 0 });
  expect(await partitionsOf('request_logs')).toContain(oldPartition);
});

it('refuses a range reaching past the window with a clear message naming it', async () => {
  const owner = await signUp(stack);
  const workspaceId = await createWorkspaceAs(stack, owner.token);
  const key = await createUserKey(stack, owner.token, { scopes: ['audit:read'], workspaceIds: [workspaceId] });
  const list = (from: Date) =>
    stack.request({ query: 'query($f: RequestLogFilter) { requestLogs(filter: $f) { totalCount } }', variables: { f: { createdAfter: from.toISOString() } }, headers: { 'x-api-key': key.secret } });

  const refused = await list(new Date(Date.now() - 8 * DAY_MS));
  expect(refused.body.data?.requestLogs ?? null).toBeNull();
  expect(refused.body.errors?.[0]).toMatchObject({
    extensions: { code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'filter.createdAfter', reason: `must be within the last ${RETENTION_DAYS} days` }] },
  });
  expect(refused.body.errors?.[0]?.message).toMatch(/retention window: request logs are kept 7 days, so createdAfter must be at or after \d{4}-\d{2}-\d{2}T/);

  const allowed = await list(new Date(Date.now() - 6 * DAY_MS));
  expect(allowed.body.errors).toBeUndefined();
  expect(allowed.body.data?.requestLogs.totalCount).toEqual(expect.any(Number));
});

it('keeps audit events by the same window: late ones in their day, expired ones dropped, old days dropped whole', async () => {
  const owner = await signUp(stack, 'Historian');
  const workspaceId = await createWorkspaceAs(stack, owner.token, 'History');
  const event = (targetId: string, time: Date): AuditRecordedEvent => ({
    id: newId(),
    topic: 'audit.recorded',
    payload: {
      workspaceId,
      actorUserId: owner.userId,
      actorKeyId: null,
      credentialKind: 'session',
      action: 'item.updated',
      targetType: 'Item',
      targetId,
      changes: [],
      correlationId: null,
      time: time.toISOString(),
    },
  });
  const today = Date.now();
  const old = event('old-item', new Date(today - 3 * DAY_MS));
  const recent = event('recent-item', new Date(today - 1 * DAY_MS));
  const expired = event('expired-item', new Date(today - 8 * DAY_MS));
  await postInternal('audit', stack.subgraphUrls.audit, EVENTS_PATH, { events: [old, recent, expired] }, stack.signingSecrets);
  const stored = async () => (await sql<{ target_id: string }>("select target_id from audit.audit_events where target_id like '%-item' order by 1")).map((row) => row.target_id);
  expect(await stored()).toEqual(['old-item', 'recent-item']);
  const oldPartition = partitionName('audit_events', new Date(old.payload.time));
  expect(await partitionsOf('audit_events')).toContain(oldPartition);

  const statements: string[] = [];
  const orm = await initORM(auditOrm, { databaseUrl: stack.database.url, poolSize: 1, onQuery: (statement) => statements.push(statement) });
  try {
    const stop = await startRetentionWorker({ orm, logger: createLogger('silent'), retentionDays: RETENTION_DAYS, now: () => new Date(today + 5 * DAY_MS), intervalMs: 3_600_000 });
    await stop();
  } finally {
    await orm.close();
  }
  expect(await partitionsOf('audit_events')).not.toContain(oldPartition);
  expect(await stored()).toEqual(['recent-item']);
  // Partitions are dropped, never emptied row by row; the registry (a row per distinct operation) is the one DELETE.
  expect(statements.filter((statement) => /\bdelete\s+from\b/i.test(statement) && !statement.includes('"audit"."schema_operations"'))).toEqual([]);
  expect((await sql<{ document_hash: string }>("select document_hash from audit.schema_operations where operation_name = 'Op' order by 1")).map((row) => row.document_hash)).toEqual(['b'.repeat(64)]);

  const refused = await stack.request({
    query: 'query($from: DateTime) { auditEvents(filter: { createdAfter: $from }) { totalCount } }',
    variables: { from: new Date(today - 8 * DAY_MS).toISOString() },
    headers: { ...bearer(owner.token), 'x-workspace-id': workspaceId },
  });
  expect(refused.body.errors?.[0]?.message).toMatch(/retention window: audit events are kept 7 days, so createdAfter must be at or after/);
});
