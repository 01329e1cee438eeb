// Request logs a principal may read, newest first (keyset on time, then id), or counted per
// minute, hour or day, within a time range that defaults to the last 24 hours and never
// reaches past retention. Who sees what: with audit:read, every entry of the current
// workspace; otherwise only your own requests (those made as your user: your keys and
// sessions; a workspace key: its own).
import type DataLoader from 'dataloader';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { PageArgs } from '../../../lib/connection.js';
import { pageQuery, type Connection } from '../../../lib/paging.js';
import { requireWorkspace } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import type { Principal } from '../../../lib/principal.js';
import { timeWindow, type TimeWindow } from '../time-window.js';
import { RequestLog } from './request-log.entity.js';
import { requestLogVisibility } from './request-log.visibility.js';
import type { VolumeInterval } from './request-log.enums.js';
import type { RequestLogVolume } from './request-log-volume.js';
import { countVolume, planVolume } from './volume-buckets.js';
import type { RequestLogFilter, RequestLogRangeFilter } from './request-log.input.js';
import { createKeyRequestLogsLoader, type KeyRequestLogsKey } from './request-log.loader.js';
import { REQUEST_LOG_ORDER, joinConditions, sqlCondition, type SqlCondition } from './request-log.sql.js';

export class RequestLogService {
  /** One "now" per request, so that every default range in it is the same (and batches). */
  private readonly now: Date;
  private readonly keyPages: DataLoader<KeyRequestLogsKey, Connection<RequestLog>, string>;

  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
    private readonly workspaceId: string | undefined,
    private readonly retentionDays: number,
    now = new Date(),
  ) {
    this.now = now;
    this.keyPages = createKeyRequestLogsLoader(em);
  }

  /** requestLogs: the current workspace's entries this principal may read. */
  async list(filter: RequestLogFilter | undefined, page: PageArgs): Promise<Connection<RequestLog>> {
    // Conditions are written over `r`, the alias pageQuery gives the table (PAGE_ALIAS).
    return pageQuery(this.em, { entity: RequestLog, sql: this.inWorkspace(filter).where, order: REQUEST_LOG_ORDER, page });
  }

  /**
   * requestLogVolume: requests and errors per minute, hour or day of the entries `list`
   * would page through with the same filter, counted in SQL. The range and interval are
   * checked (too many buckets is refused) before anything is read.
   */
  async volume(filter: RequestLogFilter | undefined, interval: VolumeInterval | undefined, timeZone: string | undefined): Promise<RequestLogVolume[]> {
    const { where, window } = this.inWorkspace(filter);
    return countVolume(this.em, where, planVolume(window, interval, timeZone));
  }

  /**
   * Who sees what in the current workspace, in one place for every list and count: with
   * audit:read every entry, else (or when the filter asks for `mine`) only your own.
   */
  private inWorkspace(filter: RequestLogFilter | undefined): { where: SqlCondition; window: TimeWindow } {
    const workspaceId = requireWorkspace(this.workspaceId);
    const window = this.window(filter);
    const conditions = [sqlCondition('r.workspace_id = ?::uuid', workspaceId), ...this.filterConditions(filter, window)];
    if (!this.readsWholeWorkspace() || filter?.mine) conditions.push(this.ownRequests());
    return { where: joinConditions(conditions), window };
  }

  /**
   * ApiKey.requestLogs: your own key's entries (in any workspace); another's, with
   * audit:read, only those of the current workspace. Batched over every key of a response.
   */
  forKey(keyId: string, filter: RequestLogRangeFilter | undefined, page: PageArgs): Promise<Connection<RequestLog>> {
    const visible = [this.ownRequests()];
    if (this.workspaceId && this.readsWholeWorkspace()) visible.push(sqlCondition('r.workspace_id = ?::uuid', this.workspaceId));
    const visibility = joinConditions(visible, ' or ');
    const where = joinConditions([sqlCondition(`(${visibility.sql})`, ...visibility.params), ...this.filterConditions(filter, this.window(filter))]);
    return this.keyPages.load({ ...page, parentId: keyId, where });
  }

  private readsWholeWorkspace(): boolean {
    return requestLogVisibility(this.principal).wholeWorkspace;
  }

  /** Requests made as this principal's user, or, for a workspace key, with the key itself (request-log.visibility.ts). */
  private ownRequests(): SqlCondition {
    const { own } = requestLogVisibility(this.principal);
    if (!own) return sqlCondition('false');
    return sqlCondition(own.by === 'user' ? 'r.user_id = ?::uuid' : 'r.key_id = ?::uuid', own.id);
  }

  /** The filter's time range, refused when outside retention or upside down. */
  private window(filter: RequestLogRangeFilter | undefined): TimeWindow {
    return timeWindow(filter, this.now, this.retentionDays, 'request logs');
  }

  /** The filter as conditions over its checked time range. */
  private filterConditions(filter: (RequestLogRangeFilter & { apiKeyId?: string }) | undefined, { from, to }: TimeWindow): SqlCondition[] {
    const conditions = [sqlCondition('r.created_at >= ?::timestamptz', from.toISOString()), sqlCondition('r.created_at < ?::timestamptz', to.toISOString())];
    if (filter?.apiKeyId) conditions.push(isId(filter.apiKeyId) ? sqlCondition('r.key_id = ?::uuid', filter.apiKeyId) : sqlCondition('false'));
    if (filter?.operationName) conditions.push(sqlCondition('r.operation_name = ?', filter.operationName));
    // Outcomes are stored as sorted, comma-joined codes; this expression is the one
    // request_logs_outcomes_index is built on (request-log.entity.ts), so it uses it.
    if (filter?.outcome) conditions.push(sqlCondition(`string_to_array(r.outcome, ',') @> array[?]::text[]`, filter.outcome));
    return conditions;
  }
}
