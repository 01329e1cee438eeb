// Reading schema usage: who touched a coordinate in a time range (requests, clients,
// operations, last seen) and which coordinates nobody touched. One module for the usage
// API (schemaUsage, unusedFields) and for `schema:check --usage <DATABASE_URL>`, so that
// the check and the API can never disagree on what "used" means.
//
// A request touched a coordinate when its operation's registered coordinates
// (schema_operations, lib/schema-usage.ts) contain it; the counts are schema_usage's
// daily rows, so a range is counted in whole UTC days: from the day `from` falls in
// through the day `to` falls in.
import { operationKey } from '../../../lib/schema-usage.js';
import { DAY_MS, startOfDay, type SqlConnection } from '../retention/day-partitions.js';

/** Whose traffic counts: some workspaces (null stands for requests made without one), or the whole deployment. */
export type UsageScope = { readonly workspaceIds: readonly (string | null)[] } | 'deployment';

export interface ClientUsage {
  /** null: the requests named no client. */
  readonly name: string | null;
  readonly version: string | null;
  readonly requests: number;
  readonly lastSeen: Date;
}

export interface OperationUsage {
  readonly documentHash: string;
  /** null for an operation without a name. */
  readonly name: string | null;
  readonly type: string;
  readonly requests: number;
  readonly lastSeen: Date;
  readonly clients: ClientUsage[];
}

export interface CoordinateUsage {
  readonly coordinate: string;
  readonly requests: number;
  readonly lastSeen: Date | null;
  /** Most requests first. */
  readonly clients: ClientUsage[];
  /** Most requests first. */
  readonly operations: OperationUsage[];
}

export interface UsageRange {
  readonly from: Date;
  readonly to: Date;
}

/**
 * A PostgreSQL array literal (`{"a","b"}`) for a `?::text[]` parameter: MikroORM spreads a
 * JavaScript array given as a parameter into a list of values, which an array cast refuses.
 */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/** The SQL condition on `u` (schema_usage) for a scope, with its parameters appended to `params`. */
function scopeCondition(scope: UsageScope, params: unknown[]): string {
  if (scope === 'deployment') return 'true';
  const ids = scope.workspaceIds.filter((id): id is string => id !== null);
  params.push(arrayLiteral(ids));
  const withNone = scope.workspaceIds.includes(null);
  return `(u.workspace_id = any(?::uuid[])${withNone ? ' or u.workspace_id is null' : ''})`;
}

function dayRange(range: UsageRange, params: unknown[]): string {
  params.push(startOfDay(range.from), new Date(startOfDay(range.to).getTime() + DAY_MS));
  return 'u.day >= ? and u.day < ?';
}

interface UsageRow {
  coordinate: string;
  document_hash: string;
  operation_name: string;
  operation_type: string;
  client_name: string;
  client_version: string;
  requests: string;
  last_seen: Date | string;
}

type ClientTally = Map<string, { name: string | null; version: string | null; requests: number; lastSeen: Date }>;

function addClient(clients: ClientTally, row: UsageRow, requests: number, lastSeen: Date) {
  const key = `${row.client_name}\u0000${row.client_version}`;
  const client = clients.get(key) ?? { name: row.client_name || null, version: row.client_version || null, requests: 0, lastSeen };
  client.requests += requests;
  if (lastSeen > client.lastSeen) client.lastSeen = lastSeen;
  clients.set(key, client);
}

const byRequests = <T extends { requests: number; lastSeen: Date }>(list: Iterable<T>): T[] => [...list].sort((a, b) => b.requests - a.requests || b.lastSeen.getTime() - a.lastSeen.getTime());

/** Usage of each coordinate (every one asked for is in the answer, unused ones with 0 requests). */
export async function coordinateUsage(connection: SqlConnection, coordinates: readonly string[], range: UsageRange, scope: UsageScope): Promise<Map<string, CoordinateUsage>> {
  const params: unknown[] = [arrayLiteral([...new Set(coordinates)])];
  const days = dayRange(range, params);
  const inScope = scopeCondition(scope, params);
  const rows =
    coordinates.length === 0
      ? []
      : await connection.execute<UsageRow[]>(
          `select c.coordinate, o.document_hash, o.operation_name, o.operation_type, u.client_name, u.client_version,
                  sum(u.requests)::text as requests, max(u.last_seen) as last_seen
             from unnest(?::text[]) as c (coordinate)
             join "audit"."schema_operations" o on o.coordinates @> array[c.coordinate]
             join "audit"."schema_usage" u on u.document_hash = o.document_hash and u.operation_name = o.operation_name
            where ${days} and ${inScope}
            group by 1, 2, 3, 4, 5, 6`,
          params,
        );
  const byCoordinate = new Map<string, UsageRow[]>();
  for (const row of rows) byCoordinate.set(row.coordinate, [...(byCoordinate.get(row.coordinate) ?? []), row]);
  const answer = new Map<string, CoordinateUsage>();
  for (const coordinate of coordinates) {
    const clients: ClientTally = new Map();
    const operations = new Map<string, { documentHash: string; name: string | null; type: string; requests: number; lastSeen: Date; clients: ClientTally }>();
    let requests = 0;
    let lastSeen: Date | null = null;
    for (const row of byCoordinate.get(coordinate) ?? []) {
      const count = Number(row.requests);
      const seen = new Date(row.last_seen);
      requests += count;
      if (!lastSeen || seen > lastSeen) lastSeen = seen;
      addClient(clients, row, count, seen);
      const key = operationKey(row.document_hash, row.operation_name);
      const operation = operations.get(key) ?? {
        documentHash: row.document_hash,
        name: row.operation_name || null,
        type: row.operation_type,
        requests: 0,
        lastSeen: seen,
        clients: new Map() as ClientTally,
      };
      operation.requests += count;
      if (seen > operation.lastSeen) operation.lastSeen = seen;
      addClient(operation.clients, row, count, seen);
      operations.set(key, operation);
    }
    answer.set(coordinate, {
      coordinate,
      requests,
      lastSeen,
      clients: byRequests(clients.values()),
      operations: byRequests(operations.values()).map((operation) => ({ ...operation, clients: byRequests(operation.clients.values()) })),
    });
  }
  return answer;
}

/** Every coordinate some operation in scope touched in the range. */
export async function usedCoordinates(connection: SqlConnection, range: UsageRange, scope: UsageScope): Promise<Set<string>> {
  const params: unknown[] = [];
  const days = dayRange(range, params);
  const inScope = scopeCondition(scope, params);
  const rows = await connection.execute<{ coordinate: string }[]>(
    `select distinct unnest(o.coordinates) as coordinate
       from "audit"."schema_operations" o
      where exists (select 1 from "audit"."schema_usage" u where u.document_hash = o.document_hash and u.operation_name = o.operation_name and ${days} and ${inScope})`,
    params,
  );
  return new Set(rows.map((row) => row.coordinate));
}
