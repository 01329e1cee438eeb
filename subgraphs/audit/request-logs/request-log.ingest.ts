// Audit's ingest endpoint for the gateway's request-log batches. Idempotent by entry
// (time, id), so a batch the gateway retries after a lost answer is stored once. The day
// partitions a batch needs are created first; entries already past the retention window
// (or absurdly far in the future) are dropped, counted and logged, not stored.
import { HttpError } from '../../../lib/http-server.js';
import { isId } from '../../../lib/ids.js';
import { normalizeClientName, normalizeClientVersion } from '../../../lib/client-name.js';
import { CREDENTIAL_KINDS, MAX_OPERATIONS_PER_BATCH, MAX_REQUEST_LOG_BATCH, OPERATION_TYPES, parseStoredOutcome, type RequestLogEntry } from '../../../lib/request-log.js';
import { GRAPHQL_NAME, MAX_COORDINATES_PER_OPERATION, isOperationType, isSchemaCoordinate, operationKey, type OperationRegistration } from '../../../lib/schema-usage.js';
import { DOCUMENT_HASH } from '../../../lib/trusted-documents.js';
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
  ['document_hash', 'text'],
  ['client_name', 'text'],
  ['client_version', 'text'],
];
const NAMES = COLUMNS.map(([name]) => name).join(', ');
/** The registry's columns, bound after the entries' (coordinates as each row's array literal, as root_fields). */
const OPERATION_COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['document_hash', 'text'],
  ['operation_name', 'text'],
  ['operation_type', 'text'],
  ['coordinates', 'text'],
];
const OPERATION_NAMES = OPERATION_COLUMNS.map(([name]) => name).join(', ');
const FIRST_OPERATION_PARAMETER = COLUMNS.length + 1;
const NOW_PARAMETER = COLUMNS.length + OPERATION_COLUMNS.length + 1;
/**
 * One statement, so one transaction: the operations of the registry upserted; the entries
 * stored (those of a workspace deleted meanwhile dropped, see deleted-workspace.entity.ts);
 * and the entries it stored, and only those, counted into the daily schema usage per
 * workspace, operation and client. An entry sent twice is stored once, so counted once.
 * PostgreSQL runs every data-modifying part of a WITH, whether the final select reads it or not.
 */
const INSERT = `with registered as (
    insert into "audit"."schema_operations" (${OPERATION_NAMES}, first_seen, last_seen)
    select ${OPERATION_COLUMNS.map(([name]) => (name === 'coordinates' ? 'operation.coordinates::text[]' : `operation.${name}`)).join(', ')}, $${NOW_PARAMETER}::timestamptz, $${NOW_PARAMETER}::timestamptz
      from unnest(${OPERATION_COLUMNS.map(([, type], index) => `$${FIRST_OPERATION_PARAMETER + index}::${type}[]`).join(', ')}) as operation (${OPERATION_NAMES})
    on conflict (document_hash, operation_name) do update
       set operation_type = excluded.operation_type, coordinates = excluded.coordinates, last_seen = excluded.last_seen
  ), inserted as (
    insert into "audit"."request_logs" (${NAMES})
    select ${COLUMNS.map(([name]) => (name === 'root_fields' ? 'entry.root_fields::text[]' : `entry.${name}`)).join(', ')}
      from unnest(${COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')}) as entry (${NAMES})
     where entry.workspace_id is null or not exists (select 1 from "audit"."deleted_workspaces" d where d.workspace_id = entry.workspace_id)
    on conflict (created_at, id) do nothing
    returning workspace_id, created_at, document_hash, operation_name, client_name, client_version
  ), counted as (
    insert into "audit"."schema_usage" (day, id, workspace_id, document_hash, operation_name, client_name, client_version, requests, last_seen)
    select date_trunc('day', created_at, 'UTC'), gen_random_uuid(), workspace_id, document_hash, coalesce(operation_name, ''), coalesce(client_name, ''), coalesce(client_version, ''), count(*), max(created_at)
      from inserted
     where document_hash is not null
     group by date_trunc('day', created_at, 'UTC'), workspace_id, document_hash, coalesce(operation_name, ''), coalesce(client_name, ''), coalesce(client_version, '')
    on conflict (workspace_id, day, document_hash, operation_name, client_name, client_version) do update
       set requests = "schema_usage".requests + excluded.requests, last_seen = greatest("schema_usage".last_seen, excluded.last_seen)
  )
  select count(*)::int as stored from inserted`;

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
const USAGE_TABLE = 'schema_usage';

/**
 * The batch's registry operations that are well formed, one per (document hash, operation
 * name); the rest are dropped (a gateway only sends what lib/schema-usage.ts produced).
 */
function validOperations(value: unknown): OperationRegistration[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_OPERATIONS_PER_BATCH) throw new HttpError(400, 'BAD_REQUEST', `operations must be a list of at most ${MAX_OPERATIONS_PER_BATCH}`);
  const operations = new Map<string, OperationRegistration>();
  for (const operation of value as Partial<OperationRegistration>[]) {
    if (typeof operation !== 'object' || operation === null) continue;
    const { documentHash, operationName, operationType, coordinates } = operation;
    if (typeof documentHash !== 'string' || !DOCUMENT_HASH.test(documentHash) || !isOperationType(operationType)) continue;
    if (typeof operationName !== 'string' || (operationName !== '' && (operationName.length > 200 || !GRAPHQL_NAME.test(operationName)))) continue;
    if (!Array.isArray(coordinates) || coordinates.length > MAX_COORDINATES_PER_OPERATION || !coordinates.every(isSchemaCoordinate)) continue;
    operations.set(operationKey(documentHash, operationName), { documentHash, operationName, operationType, coordinates: [...new Set(coordinates)].sort() });
  }
  return [...operations.values()];
}
/** A gateway clock this far ahead is wrong; its entries would create partitions for nothing. */
const MAX_FUTURE_MS = DAY_MS;

export async function ingestRequestLogs({ body, orm, settings, logger }: InternalRequest, now = new Date()): Promise<{ stored: number; expired: number }> {
  const entries = (body as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries) || entries.length > MAX_REQUEST_LOG_BATCH) throw new HttpError(400, 'BAD_REQUEST', `entries must be a list of at most ${MAX_REQUEST_LOG_BATCH}`);
  const operations = validOperations((body as { operations?: unknown }).operations);
  const oldest = retentionStart(now, settings.auditRetentionDays).getTime();
  const latest = now.getTime() + MAX_FUTURE_MS;
  const valid = (entries as Partial<RequestLogEntry>[]).filter((entry) => isId(String(entry.id)) && typeof entry.correlationId === 'string' && !Number.isNaN(Date.parse(String(entry.time))));
  const inWindow = valid.filter((entry) => {
    const time = Date.parse(String(entry.time));
    return time >= oldest && time <= latest;
  });
  const expired = valid.length - inWindow.length;
  if (expired > 0) logger.warn('request log entries outside the retention window dropped', { dropped: expired, retentionDays: settings.auditRetentionDays });
  if (inWindow.length === 0 && operations.length === 0) return { stored: 0, expired };
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
        .filter((field) => GRAPHQL_NAME.test(String(field)))
        .slice(0, 50)
        .join(',')}}`,
      outcome(entry.outcome),
      Number.isInteger(entry.httpStatus) ? entry.httpStatus : 0,
      Number.isFinite(entry.durationMs) ? Math.round(entry.durationMs!) : 0,
      text(entry.clientIp, 64),
      text(entry.userAgent, 500),
      typeof entry.documentHash === 'string' && DOCUMENT_HASH.test(entry.documentHash) ? entry.documentHash : null,
      normalizeClientName(entry.clientName),
      normalizeClientVersion(entry.clientVersion),
    ];
    for (let column = 0; column < row.length; column += 1) columns[column][index] = row[column];
  });
  // The registry's columns, in OPERATION_COLUMNS' order, then the time it is registered at.
  const parameters: unknown[] = [
    ...columns,
    operations.map((operation) => operation.documentHash),
    operations.map((operation) => operation.operationName),
    operations.map((operation) => operation.operationType),
    // Coordinates are checked against SCHEMA_COORDINATE: no quote or backslash to escape.
    operations.map((operation) => `{${operation.coordinates.map((coordinate) => `"${coordinate}"`).join(',')}}`),
    now.toISOString(),
  ];
  // Straight to the pg pool under MikroORM, so that the arrays are bound parameters.
  const insert = async () => (await (await orm.em.getConnection().getNativeClient()).query<{ stored: number }>(INSERT, parameters)).rows[0]?.stored ?? 0;
  // The usage counts go to their own day partitions, made (like the entries') before the statement.
  return { stored: await withDayPartitions(orm, TABLE, times, () => withDayPartitions(orm, USAGE_TABLE, times, insert)), expired };
}
