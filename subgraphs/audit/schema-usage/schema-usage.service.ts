// The usage API's reads: a coordinate's usage over a range of whole UTC days, the API
// schema's coordinates nobody touched, and the published schema versions. Counting is
// usage-read.ts's (shared with `schema:check --usage`); this module decides whose traffic
// is counted, checks the range and the arguments, and pages.
import { z } from 'zod';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { badUserInput, requireWorkspace } from '../../../lib/errors.js';
import { GRAPHQL_NAME, isSchemaCoordinate, type SchemaCoordinateKind } from '../../../lib/schema-usage.js';
import { idColumn, keysetOrder, pageQuery, pageWindow, timeColumn, toConnection, type Connection, type KeysetOrder, type PageArguments } from '../../../lib/paging.js';
import type { SubgraphSettings } from '../../../lib/config.js';
import { DAY_MS, retentionStart, startOfDay, type SqlConnection } from '../retention/day-partitions.js';
import { apiSchemaCoordinates } from './api-schema-coordinates.js';
import { SchemaVersion } from './schema-version.entity.js';
import { coordinateUsage, usedCoordinates, type ClientUsage, type UsageRange, type UsageScope } from './usage-read.js';
import { MAX_OPERATION_CLIENTS, MAX_USAGE_ROWS, SchemaUsageScope, type SchemaCoordinateUsage, type SchemaUsageClient, type UnusedSchemaCoordinate } from './schema-usage.types.js';

/** The default range of schemaUsage and unusedFields: the last 30 days. */
export const DEFAULT_USAGE_DAYS = 30;

const UNUSED_ORDER: KeysetOrder<UnusedSchemaCoordinate> = keysetOrder<UnusedSchemaCoordinate>('unusedFields', [
  { sql: () => 'coordinate', direction: 'asc', type: 'text', part: z.string().refine(isSchemaCoordinate), value: (row) => row.coordinate },
]);

const SCHEMA_VERSION_ORDER = keysetOrder<SchemaVersion>('schemaVersions', [timeColumn('published_at', (version) => version.publishedAt, 'desc'), idColumn('desc')]);

const toClient = (client: ClientUsage): SchemaUsageClient => ({ name: client.name, version: client.version, requests: client.requests, lastSeen: client.lastSeen });

export class SchemaUsageService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly workspaceId: string | undefined,
    private readonly settings: Pick<SubgraphSettings, 'auditRetentionDays' | 'operatorWorkspaceId'>,
    private readonly now = new Date(),
  ) {}

  /**
   * Whose traffic this request reads: the operators' workspace (OPERATOR_WORKSPACE_ID)
   * reads the whole deployment, any other workspace only its own. Requests made without a
   * workspace are the deployment's: a tenant never sees another's clients or operations.
   */
  private scope(): { scope: SchemaUsageScope; usage: UsageScope } {
    const workspaceId = requireWorkspace(this.workspaceId);
    if (this.settings.operatorWorkspaceId !== undefined && workspaceId === this.settings.operatorWorkspaceId) return { scope: SchemaUsageScope.DEPLOYMENT, usage: 'deployment' };
    return { scope: SchemaUsageScope.WORKSPACE, usage: { workspaceIds: [workspaceId] } };
  }

  private get connection(): SqlConnection {
    return this.em.getConnection();
  }

  /**
   * The range counted, in whole UTC days: by default the last 30; a start before retention
   * is moved to the oldest day kept (what is older is gone, not zero); `from` after `to` is refused.
   */
  private range(from: Date | undefined, to: Date | undefined): UsageRange {
    const end = to ?? this.now;
    const oldest = retentionStart(this.now, this.settings.auditRetentionDays);
    const requested = from ?? new Date(end.getTime() - DEFAULT_USAGE_DAYS * DAY_MS);
    if (requested > end) throw badUserInput('from must be at or before to', { argumentName: 'from' });
    const start = requested < oldest ? oldest : requested;
    // A range wholly before retention keeps its one oldest day rather than ending before it starts.
    const last = end < start ? start : end;
    return { from: startOfDay(start), to: new Date(startOfDay(last).getTime() + DAY_MS) };
  }

  async usage(coordinate: string, from: Date | undefined, to: Date | undefined): Promise<SchemaCoordinateUsage> {
    if (!isSchemaCoordinate(coordinate)) {
      throw badUserInput('coordinate must be a schema coordinate: `Type`, `Type.field`, `Type.field(argument:)`, `Enum.VALUE` or `Input.field`', { argumentName: 'coordinate' });
    }
    const { scope, usage } = this.scope();
    const range = this.range(from, to);
    // usage-read.ts counts from the day `from` falls in through the day `to` falls in: the last millisecond of the range.
    const counted = await coordinateUsage(this.connection, [coordinate], { from: range.from, to: new Date(range.to.getTime() - 1) }, usage);
    const answer = counted.get(coordinate);
    return {
      coordinate,
      from: range.from,
      to: range.to,
      scope,
      requests: answer?.requests ?? 0,
      lastSeen: answer?.lastSeen ?? null,
      clients: (answer?.clients ?? []).slice(0, MAX_USAGE_ROWS).map(toClient),
      operations: (answer?.operations ?? []).slice(0, MAX_USAGE_ROWS).map((operation) => ({
        documentHash: operation.documentHash,
        name: operation.name,
        type: operation.type,
        requests: operation.requests,
        lastSeen: operation.lastSeen,
        clients: operation.clients.slice(0, MAX_OPERATION_CLIENTS).map(toClient),
      })),
    };
  }

  /** The API schema's coordinates (of one type, with `type`) no request in scope touched over the last `days` days, in coordinate order. */
  async unused(days: number, kinds: readonly SchemaCoordinateKind[] | undefined, type: string | undefined, page: PageArguments): Promise<Connection<UnusedSchemaCoordinate>> {
    const retention = this.settings.auditRetentionDays;
    if (!Number.isInteger(days) || days < 1 || days > retention) {
      throw badUserInput(`days must be a whole number from 1 to ${retention} (usage is kept ${retention} days); got ${days}`, { argumentName: 'days' });
    }
    if (type !== undefined && !GRAPHQL_NAME.test(type)) throw badUserInput('type must be the name of a type of the schema', { argumentName: 'type' });
    // The page arguments (and a forged cursor) are refused before anything is read.
    const window = pageWindow(page, UNUSED_ORDER);
    const { usage } = this.scope();
    const [coordinates, used] = await Promise.all([apiSchemaCoordinates(), usedCoordinates(this.connection, this.range(new Date(this.now.getTime() - days * DAY_MS), this.now), usage)]);
    const wanted = kinds && kinds.length > 0 ? new Set(kinds) : undefined;
    const ofType = (coordinate: string) => type === undefined || coordinate === type || coordinate.startsWith(`${type}.`);
    const unused = coordinates
      .filter((entry) => ofType(entry.coordinate) && !used.has(entry.coordinate) && (!wanted || wanted.has(entry.kind)))
      .map((entry): UnusedSchemaCoordinate => ({ coordinate: entry.coordinate, kind: entry.kind, deprecationReason: entry.deprecationReason ?? null }));
    // Keyset over the sorted list, as pageQuery does in SQL: strictly between the cursors, from the end with `last`.
    const after = window.after?.[0] as string | undefined;
    const before = window.before?.[0] as string | undefined;
    const between = unused.filter((entry) => (after === undefined || entry.coordinate > after) && (before === undefined || entry.coordinate < before));
    const rows = (window.backward ? between.reverse() : between).slice(0, window.limit + 1);
    return toConnection(rows, window, unused.length, UNUSED_ORDER);
  }

  /** Published schema versions with this tag, newest first. Not workspace-owned: the API schema is public. */
  versions(tag: string, page: PageArguments): Promise<Connection<SchemaVersion>> {
    requireWorkspace(this.workspaceId);
    return pageQuery(this.em, { entity: SchemaVersion, where: { tag }, order: SCHEMA_VERSION_ORDER, page });
  }
}
