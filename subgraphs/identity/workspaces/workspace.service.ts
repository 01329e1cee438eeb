// Workspaces the principal may use, and creating one (its creator becomes its owner).
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { decodeCursor, pageSize, toConnection, type Connection, type PageArgs } from '../../../lib/connection.js';
import { badUserInput } from '../../../lib/errors.js';
import type { Principal } from '../../../lib/principal.js';
import { announceInvalidation } from '../invalidation.js';
import { Member } from '../members/member.entity.js';
import { requireUserId } from '../principal-guards.js';
import { BUILT_IN_ROLES } from '../roles/built-in-roles.js';
import { Role } from '../roles/role.entity.js';
import { Workspace } from './workspace.entity.js';

export class WorkspaceService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
  ) {}

  /** The workspaces this credential may act in, oldest first. */
  async list(page: PageArgs): Promise<Connection<Workspace>> {
    const limit = pageSize(page.first);
    const after = decodeCursor(page.after);
    const ids = [...this.principal.workspaceIds];
    if (ids.length === 0) return toConnection([], limit, 0, (workspace: Workspace) => [workspace.id]);
    const where = after ? { id: { $in: ids, $gt: String(after[0]) } } : { id: { $in: ids } };
    const [rows, totalCount] = await Promise.all([
      this.em.find(Workspace, where, { orderBy: { id: 'asc' }, limit: limit + 1 }),
      this.em.count(Workspace, { id: { $in: ids } }),
    ]);
    return toConnection(rows, limit, totalCount, (workspace) => [workspace.id]);
  }

  /** A new workspace with the built-in roles, its creator as owner: one transaction. */
  async create(name: string): Promise<Workspace> {
    const userId = requireUserId(this.principal);
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 100) throw badUserInput('name must be 1 to 100 characters', { fieldErrors: [{ field: 'name', reason: 'must be 1 to 100 characters' }] });
    return this.em.transactional(async (em) => {
      const workspace = em.create(Workspace, { name: trimmed });
      const roles = BUILT_IN_ROLES.map((role) =>
        em.create(Role, { workspaceId: workspace.id, key: role.key, name: role.name, builtIn: true, permissions: [...role.permissions] }),
      );
      em.create(Member, { workspaceId: workspace.id, userId, roleId: roles.find((role) => role.key === 'owner')!.id });
      await em.flush();
      // The creator's credentials may now use one more workspace.
      await announceInvalidation(em, { userIds: [userId] });
      return workspace;
    });
  }
}
