// Request logs of the request's workspace, newest first (keyset on time, then id), within
// a time range that defaults to the last 24 hours and never reaches past retention.
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { decodeCursor, pageSize, toConnection, type Connection, type PageArgs } from '../../../lib/connection.js';
import { badUserInput, requireWorkspace } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import { RequestLog } from './request-log.entity.js';
import type { RequestLogFilter } from './request-log.input.js';

export const REQUEST_LOG_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

export class RequestLogService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly workspaceId: string | undefined,
  ) {}

  async list(filter: RequestLogFilter | undefined, page: PageArgs, now = new Date()): Promise<Connection<RequestLog>> {
    const workspaceId = requireWorkspace(this.workspaceId);
    const from = filter?.from ?? new Date(now.getTime() - DAY_MS);
    const to = filter?.to ?? now;
    const oldest = new Date(now.getTime() - REQUEST_LOG_RETENTION_DAYS * DAY_MS);
    if (from < oldest) throw badUserInput(`from is outside the retention window: request logs are kept ${REQUEST_LOG_RETENTION_DAYS} days`, { fieldErrors: [{ field: 'filter.from', reason: `must be within the last ${REQUEST_LOG_RETENTION_DAYS} days` }] });
    if (to <= from) throw badUserInput('to must be after from', { fieldErrors: [{ field: 'filter.to', reason: 'must be after from' }] });
    const where: Record<string, unknown> = { workspaceId, createdAt: { $gte: from, $lt: to } };
    if (filter?.apiKeyId) where.keyId = isId(filter.apiKeyId) ? filter.apiKeyId : null;
    if (filter?.operationName) where.operationName = filter.operationName;
    // Outcomes are stored as sorted, comma-joined codes.
    if (filter?.outcome) where.outcome = { $re: `(^|,)${filter.outcome.replace(/[^A-Z_]/g, '')}(,|$)` };
    const limit = pageSize(page.first);
    const after = decodeCursor(page.after);
    const pageWhere = after
      ? {
          $and: [
            where,
            { $or: [{ createdAt: { $lt: new Date(String(after[0])) } }, { createdAt: new Date(String(after[0])), id: { $lt: String(after[1]) } }] },
          ],
        }
      : where;
    const [rows, totalCount] = await Promise.all([
      this.em.find(RequestLog, pageWhere, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 }),
      this.em.count(RequestLog, where),
    ]);
    return toConnection(rows, limit, totalCount, (row) => [row.createdAt.toISOString(), row.id]);
  }
}
