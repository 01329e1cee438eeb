// Audit's ingest endpoint for the gateway's request-log batches. Idempotent by entry
// (time, id), so a batch the gateway retries after a lost answer is stored once. The day
// partitions a batch needs are created first; entries already past the retention window
// (or absurdly far in the future) are dropped, counted and logged, not stored.
import { HttpError } from '../../../lib/http-server.js';
import { isId } from '../../../lib/ids.js';
import type { RequestLogEntry } from '../../../lib/request-log.js';
import type { InternalRequest } from '../../../lib/subgraph-server.js';
import { DAY_MS, retentionStart, withDayPartitions } from '../retention/day-partitions.js';

const MAX_BATCH = 1000;
const COLUMNS: [string, string][] = [
  ['id', 'uuid'],
  ['correlation_id', 'text'],
  ['created_at', 'timestamptz'],
  ['credential_kind', 'text'],
  ['key_id', 'uuid'],
  ['user_id', 'uuid'],
  ['workspace_id', 'uuid'],
  ['operation_name', 'text'],
  ['operation_type', 'text'],
  ['root_fields', 'text[]'],
  ['outcome', 'text'],
  ['http_status', 'int'],
  ['duration_ms', 'int'],
  ['client_ip', 'text'],
  ['user_agent', 'text'],
];
const NAMES = COLUMNS.map(([name]) => name).join(', ');

function nullableId(value: unknown): string | null {
  return typeof value === 'string' && isId(value) ? value : null;
}

function text(value: unknown, limit: number): string | null {
  return typeof value === 'string' ? value.slice(0, limit) : null;
}

const TABLE = 'request_logs';
/** A gateway clock this far ahead is wrong; its entries would create partitions for nothing. */
const MAX_FUTURE_MS = DAY_MS;

export async function ingestRequestLogs({ body, orm, settings, logger }: InternalRequest, now = new Date()): Promise<{ stored: number; expired: number }> {
  const entries = (body as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries) || entries.length > MAX_BATCH) throw new HttpError(400, 'BAD_REQUEST', `entries must be a list of at most ${MAX_BATCH}`);
  const oldest = retentionStart(now, settings.auditRetentionDays).getTime();
  const latest = now.getTime() + MAX_FUTURE_MS;
  const valid = (entries as Partial<RequestLogEntry>[]).filter((entry) => isId(String(entry.id)) && typeof entry.correlationId === 'string' && !Number.isNaN(Date.parse(String(entry.time))));
  const inWindow = valid.filter((entry) => {
    const time = Date.parse(String(entry.time));
    return time >= oldest && time <= latest;
  });
  const expired = valid.length - inWindow.length;
  if (expired > 0) logger.warn('request log entries outside the retention window dropped', { dropped: expired, retentionDays: settings.auditRetentionDays });
  const rows = inWindow.map((entry) => [
    entry.id,
    text(entry.correlationId, 128),
    new Date(String(entry.time)),
    text(entry.credentialKind, 32),
    nullableId(entry.keyId),
    nullableId(entry.userId),
    nullableId(entry.workspaceId),
    text(entry.operationName, 200),
    text(entry.operationType, 20),
    `{${(Array.isArray(entry.rootFields) ? entry.rootFields : [])
      .filter((field) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(String(field)))
      .slice(0, 50)
      .join(',')}}`,
    text(entry.outcome, 500) ?? 'UNKNOWN',
    Number.isInteger(entry.httpStatus) ? entry.httpStatus : 0,
    Number.isFinite(entry.durationMs) ? Math.round(entry.durationMs!) : 0,
    text(entry.clientIp, 64),
    text(entry.userAgent, 500),
  ]);
  if (rows.length === 0) return { stored: 0, expired };
  const times = rows.map((row) => row[2] as Date);
  const placeholders = rows.map(() => `(${COLUMNS.map(([, type]) => `?::${type}`).join(', ')})`).join(', ');
  // Entries of a workspace deleted meanwhile are dropped (see deleted-workspace.entity.ts).
  const insert = () =>
    orm.em.getConnection().execute<{ id: string }[]>(
      `insert into "audit"."request_logs" (${NAMES})
       select * from (values ${placeholders}) as entry (${NAMES})
        where entry.workspace_id is null or not exists (select 1 from "audit"."deleted_workspaces" d where d.workspace_id = entry.workspace_id)
       on conflict (created_at, id) do nothing returning id`,
      rows.flat(),
    );
  return { stored: (await withDayPartitions(orm, TABLE, times, insert)).length, expired };
}
