// Reads and writes of workspaces, in keyset order.
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { decodeCursor, pageSize, toConnection, type Connection, type PageArgs } from '../../../lib/connection.js';
import { badUserInput } from '../../../lib/errors.js';
import { Workspace } from './workspace.entity.js';

export class WorkspaceService {
  constructor(private readonly em: SubgraphEntityManager) {}

  async list(page: PageArgs): Promise<Connection<Workspace>> {
    const limit = pageSize(page.first);
    const after = decodeCursor(page.after);
    const where = after ? { id: { $gt: String(after[0]) } } : {};
    const [rows, totalCount] = await Promise.all([
      this.em.find(Workspace, where, { orderBy: { id: 'asc' }, limit: limit + 1 }),
      this.em.count(Workspace),
    ]);
    return toConnection(rows, limit, totalCount, (workspace) => [workspace.id]);
  }

  async create(name: string): Promise<Workspace> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 100) throw badUserInput('name must be 1 to 100 characters', { field: 'name' });
    const workspace = this.em.create(Workspace, { name: trimmed });
    await this.em.flush();
    return workspace;
  }
}
