// Content types of the request's workspace, in keyset order. Every query here is
// scoped to that workspace; a record elsewhere is simply not found.
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { decodeCursor, pageSize, toConnection, type Connection, type PageArgs } from '../../../lib/connection.js';
import { workspaceRequired } from '../../../lib/errors.js';
import { ContentType } from './content-type.entity.js';

export class ContentTypeService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly workspaceId: string | undefined,
  ) {}

  private requireWorkspace(): string {
    if (!this.workspaceId) throw workspaceRequired();
    return this.workspaceId;
  }

  async list(page: PageArgs): Promise<Connection<ContentType>> {
    const workspaceId = this.requireWorkspace();
    const limit = pageSize(page.first);
    const after = decodeCursor(page.after);
    const where = after ? { workspaceId, id: { $gt: String(after[0]) } } : { workspaceId };
    const [rows, totalCount] = await Promise.all([
      this.em.find(ContentType, where, { orderBy: { id: 'asc' }, limit: limit + 1 }),
      this.em.count(ContentType, { workspaceId }),
    ]);
    return toConnection(rows, limit, totalCount, (row) => [row.id]);
  }
}
