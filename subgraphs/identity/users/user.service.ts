// Changes a user makes to their own account (the password has its own flow, with the
// sessions: SessionService.changePassword).
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import { badUserInput, notFound } from '../../../lib/errors.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';
import { requireUserId } from '../principal-guards.js';
import { User } from './user.entity.js';
import type { UpdateMeInput } from './user.input.js';

export class UserService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
  ) {}

  /**
   * Renames the caller's own user (a workspace key has none: FORBIDDEN). Recorded in the
   * user's own trail, not a workspace's; nothing is recorded when nothing differs.
   */
  async updateMe(input: UpdateMeInput): Promise<User> {
    const userId = requireUserId(this.principal);
    let name: string | undefined;
    if (input.name === null) throw badUserInput('name cannot be null; omit it to keep the name', { fieldErrors: [{ field: 'name', reason: 'cannot be null' }] });
    if (input.name !== undefined) {
      name = input.name.trim();
      if (name.length === 0 || name.length > 100) throw badUserInput('name must be 1 to 100 characters', { fieldErrors: [{ field: 'name', reason: 'must be 1 to 100 characters' }] });
    }
    const user = await this.em.findOne(User, { id: userId });
    if (!user) throw notFound('User');
    if (name === undefined || name === user.name) return user;
    const before = user.name;
    await this.em.transactional(async (em) => {
      user.name = name;
      recordAuditEvent(em, this.principal, { targetType: 'User', verb: 'updated', targetId: user.id, workspaceId: null, changes: changedFields({ name: before }, { name }) });
      await em.flush();
    });
    return user;
  }
}
