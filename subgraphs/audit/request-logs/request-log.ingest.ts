// Audit's ingest endpoint for the gateway's request-log batches. Idempotent by entry
// (time, id), so a batch the gateway retries after a lost answer is stored once. The day
// partitions a batch needs are created first; entries already past the retention window
// (or absurdly far in the future) are dropped, counted and logged, not stored.
import { HttpError } from '../../../lib/http-server.js';
import { isId } from '../../../lib/ids.js';
import { CREDENTIAL_KINDS, MAX_REQUEST_LOG_BATCH, OPERATION_TYPES, parseStoredOutcome, type RequestLogEntry } from '../../../lib/request-log.js';
import type { InternalRequest } from '../../../lib/subgraph-server.js';
import { DAY_MS, retentionStart, withDayPartitions } from '../retention/day-partitions.js';

/**
 * The table's columns in the order of each row below, with their types. The batch goes to
 * PostgreSQL as one array per column, bound as parameters and turned back into rows by
 * unnest(): one short statement whatever the batch's size, instead of a VALUES list with a
 * literal per value (which MikroORM's execute() would have built and PostgreSQL parsed:
 * two thirds of the database's CPU per entry). `root_fields` travels as each row's array
 * literal, since unnest would flatten an array of arrays.
 */
const COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['id', 'uuid'],
  ['correlation_id', 'text'],
  ['created_at', 'timestamptz'],
  ['credential_kind', 'text'],
  ['key_id', 'uuid'],
  ['user_id', 'uuid'],
  ['workspace_id', 'uuid'],
  ['operation_name', 'text'],
  ['operation_type', 'text'],
  ['root_fields', 'text'],
  ['outcome', 'text'],
  ['http_status', 'int'],
  ['duration_ms', 'int'],
  ['client_ip', 'text'],
  ['user_agent', 'text'],
];
const NAMES = COLUMNS.map(([name]) => name).join(', ');
// Entries of a workspace deleted meanwhile are dropped (see deleted-workspace.entity.ts).
const INSERT = `insert into "audit"."request_logs" (${NAMES})
  select ${COLUMNS.map(([name]) => (name === 'root_fields' ? 'entry.root_fields::text[]' : `entry.${name}`)).join(', ')}
    from unnest(${COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')}) as entry (${NAMES})
   where entry.workspace_id is null or not exists (select 1 from "audit"."deleted_workspaces" d where d.workspace_id = entry.workspace_id)
  on conflict (created_at, id) do nothing`;

function nullableId(value: unknown): string | null {
  return typeof value === 'string' && isId(value) ? value : null;
}

function text(value: unknown, limit: number): string | null {
  return typeof value === 'string' ? value.slice(0, limit) : null;
}

/** The value when the vocabulary has it, else null: only values of the API's enums are stored. */
function oneOf<T extends string>(value: unknown, vocabulary: readonly T[]): T | null {
  return vocabulary.includes(value as T) ? (value as T) : null;
}

/** Outcomes of the vocabulary, sorted and joined (an unknown one is stored as UNKNOWN). */
function outcome(value: unknown): string {
  return typeof value === 'string' && value.length > 0 ? parseStoredOutcome(value.slice(0, 500)).sort().join(',') : 'UNKNOWN';
}

const TABLE = 'request_logs';
/** A gateway clock this far ahead is wrong; its entries would create partitions for nothing. */
const MAX_FUTURE_MS = DAY_MS;

export async function ingestRequestLogs({ body, orm, settings, logger }: InternalRequest, now = new Date()): Promise<{ stored: number; expired: number }> {
  const entries = (body as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries) || entries.length > MAX_REQUEST_LOG_BATCH) throw new HttpError(400, 'BAD_REQUEST', `entries must be a list of at most ${MAX_REQUEST_LOG_BATCH}`);
  const oldest = retentionStart(now, settings.auditRetentionDays).getTime();
  const latest = now.getTime() + MAX_FUTURE_MS;
  const valid = (entries as Partial<RequestLogEntry>[]).filter((entry) => isId(String(entry.id)) && typeof entry.correlationId === 'string' && !Number.isNaN(Date.parse(String(entry.time))));
  const inWindow = valid.filter((entry) => {
    const time = Date.parse(String(entry.time));
    return time >= oldest && time <= latest;
  });
  const expired = valid.length - inWindow.length;
  if (expired > 0) logger.warn('request log entries outside the retention window dropped', { dropped: expired, retentionDays: settings.auditRetentionDays });
  if (inWindow.length === 0) return { stored: 0, expired };
  const columns = COLUMNS.map(() => new Array<unknown>(inWindow.length));
  const times: Date[] = [];
  inWindow.forEach((entry, index) => {
    const time = new Date(String(entry.time));
    times.push(time);
    const row = [
      entry.id,
      text(entry.correlationId, 128),
      time.toISOString(),
      oneOf(entry.credentialKind, CREDENTIAL_KINDS),
      nullableId(entry.keyId),
      nullableId(entry.userId),
      nullableId(entry.workspaceId),
      text(entry.operationName, 200),
      oneOf(entry.operationType, OPERATION_TYPES),
      `{${(Array.isArray(entry.rootFields) ? entry.rootFields : [])
        .filter((field) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(String(field)))
        .slice(0, 50)
        .join(',')}}`,
      outcome(entry.outcome),
      Number.isInteger(entry.httpStatus) ? entry.httpStatus : 0,
      Number.isFinite(entry.durationMs) ? Math.round(entry.durationMs!) : 0,
      text(entry.clientIp, 64),
      text(entry.userAgent, 500),
    ];
    for (let column = 0; column < row.length; column += 1) columns[column][index] = row[column];
  });
  // Straight to the pg pool under MikroORM, so that the arrays are bound parameters.
  const insert = async () => (await (await orm.em.getConnection().getNativeClient()).query(INSERT, columns)).rowCount ?? 0;
  return { stored: await withDayPartitions(orm, TABLE, times, insert), expired };
}
