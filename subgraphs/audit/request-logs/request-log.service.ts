// Request logs of the request's workspace, newest first (keyset on time, then id).
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { decodeCursor, pageSize, toConnection, type Connection, type PageArgs } from '../../../lib/connection.js';
import { workspaceRequired } from '../../../lib/errors.js';
import { RequestLog } from './request-log.entity.js';

export class RequestLogService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly workspaceId: string | undefined,
  ) {}

  async list(page: PageArgs): Promise<Connection<RequestLog>> {
    if (!this.workspaceId) throw workspaceRequired();
    const workspaceId = this.workspaceId;
    const limit = pageSize(page.first);
    const after = decodeCursor(page.after);
    const where = after
      ? {
          workspaceId,
          $or: [
            { createdAt: { $lt: new Date(String(after[0])) } },
            { createdAt: new Date(String(after[0])), id: { $lt: String(after[1]) } },
          ],
        }
      : { workspaceId };
    const [rows, totalCount] = await Promise.all([
      this.em.find(RequestLog, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 }),
      this.em.count(RequestLog, { workspaceId }),
    ]);
    return toConnection(rows, limit, totalCount, (row) => [row.createdAt.toISOString(), row.id]);
  }
}
