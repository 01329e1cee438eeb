// Workspaces the principal may use, and creating one (its creator becomes its owner).
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Connection, PageArgs } from '../../../lib/connection.js';
import { idOrder, pageQuery } from '../../../lib/paging.js';
import type { Principal } from '../../../lib/principal.js';
import { badUserInput, notFound, requireWorkspace } from '../../../lib/errors.js';
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import { EVENT_TARGETS } from '../../../lib/domain-events.js';
import { announceInvalidation } from '../invalidation.js';
import { OutboxEvent } from '../../../lib/outbox/outbox-event.entity.js';
import { Member } from '../members/member.entity.js';
import { requireUserId } from '../principal-guards.js';
import { BUILT_IN_ROLES } from '../roles/built-in-roles.js';
import { Role } from '../roles/role.entity.js';
import { Workspace } from './workspace.entity.js';
import type { UpdateWorkspaceInput } from './workspace.input.js';

/** The longest workspace description kept. */
const MAX_DESCRIPTION_LENGTH = 1000;

/** `workspaces` in id order, which its cursors hold. */
const WORKSPACE_ORDER = idOrder<Workspace>('workspaces');

export class WorkspaceService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
  ) {}

  /** The workspaces this credential may act in, oldest first. */
  list(page: PageArgs): Promise<Connection<Workspace>> {
    return pageQuery(this.em, { entity: Workspace, where: { id: { $in: [...this.principal.workspaceIds] } }, order: WORKSPACE_ORDER, page });
  }

  /** A new workspace with the built-in roles, its creator as owner: one transaction. */
  async create(name: string): Promise<Workspace> {
    const userId = requireUserId(this.principal);
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 100) throw badUserInput('name must be 1 to 100 characters', { fieldErrors: [{ field: 'name', reason: 'must be 1 to 100 characters' }] });
    return this.em.transactional(async (em) => {
      const workspace = em.create(Workspace, { name: trimmed });
      const roles = BUILT_IN_ROLES.map((role) => em.create(Role, { workspaceId: workspace.id, key: role.key, name: role.name, builtIn: true, permissions: [...role.permissions] }));
      em.create(Member, { workspaceId: workspace.id, userId, roleId: roles.find((role) => role.key === 'owner')!.id });
      recordAuditEvent(em, this.principal, { targetType: 'Workspace', verb: 'created', targetId: workspace.id, workspaceId: workspace.id, changes: changedFields(null, { name: trimmed }) });
      await em.flush();
      // The creator's credentials may now use one more workspace.
      await announceInvalidation(em, { userIds: [userId] });
      return workspace;
    });
  }

  /**
   * Renames the current workspace or changes its description: one audit event with what
   * changed; nothing is written (and nothing recorded) when nothing differs.
   */
  async update(input: UpdateWorkspaceInput): Promise<Workspace> {
    const workspaceId = requireWorkspace(this.principal.workspaceId);
    const problems: { field: string; reason: string }[] = [];
    const changes: Partial<Pick<Workspace, 'name' | 'description'>> = {};
    if (input.name === null) problems.push({ field: 'name', reason: 'cannot be null; omit it to keep the name' });
    else if (input.name !== undefined) {
      const name = input.name.trim();
      if (name.length === 0 || name.length > 100) problems.push({ field: 'name', reason: 'must be 1 to 100 characters' });
      else changes.name = name;
    }
    if (input.description !== undefined) {
      const description = input.description?.trim() ?? '';
      if (description.length > MAX_DESCRIPTION_LENGTH) problems.push({ field: 'description', reason: `must be at most ${MAX_DESCRIPTION_LENGTH} characters` });
      else changes.description = description.length > 0 ? description : null;
    }
    if (problems.length > 0) throw badUserInput(problems.map((problem) => `${problem.field} ${problem.reason}`).join('; '), { fieldErrors: problems });
    const workspace = await this.em.findOne(Workspace, { id: workspaceId });
    if (!workspace) throw notFound('Workspace');
    const before = { name: workspace.name, description: workspace.description };
    const after = { ...before, ...changes };
    const audited = changedFields(before, after);
    if (audited.length === 0) return workspace;
    await this.em.transactional(async (em) => {
      Object.assign(workspace, changes);
      recordAuditEvent(em, this.principal, { targetType: 'Workspace', verb: 'updated', targetId: workspaceId, workspaceId, changes: audited });
      await em.flush();
    });
    return workspace;
  }

  /**
   * Deletes the current workspace. Identity's rows go in one transaction, together with an
   * outbox event that makes content and audit delete theirs; the workspace and its keys
   * stop working at once on every gateway.
   */
  async delete(confirmName: string): Promise<string> {
    const workspaceId = requireWorkspace(this.principal.workspaceId);
    const workspace = await this.em.findOne(Workspace, { id: workspaceId });
    if (!workspace) throw notFound('Workspace');
    if (workspace.name !== confirmName) {
      throw badUserInput("confirmName must be the workspace's exact name", { fieldErrors: [{ field: 'confirmName', reason: 'does not match the workspace name' }] });
    }
    await this.em.transactional(async (em) => {
      const connection = em.getConnection();
      // MikroORM types the transaction `any`; it is only handed back to execute().
      const context: unknown = em.getTransactionContext();
      for (const table of ['member_group_users', 'member_groups', 'members', 'invitations', 'roles', 'trusted_documents', 'trusted_issuers']) {
        await connection.execute(`delete from "identity"."${table}" where workspace_id = ?::uuid`, [workspaceId], 'all', context);
      }
      await connection.execute('delete from "identity"."api_keys" where workspace_id = ?::uuid', [workspaceId], 'all', context);
      await connection.execute('update "identity"."api_keys" set workspace_ids = array_remove(workspace_ids, ?::text) where ?::text = any(workspace_ids)', [workspaceId, workspaceId], 'all', context);
      await connection.execute('update "identity"."sessions" set workspace_id = null where workspace_id = ?::uuid', [workspaceId], 'all', context);
      await connection.execute('delete from "identity"."workspaces" where id = ?::uuid', [workspaceId], 'all', context);
      em.create(OutboxEvent, { topic: 'workspace.deleted', payload: { workspaceId }, pendingTargets: [...EVENT_TARGETS['workspace.deleted']] });
      // Kept in the deleting user's own trail: the workspace's trail goes with the workspace.
      recordAuditEvent(em, this.principal, { targetType: 'Workspace', verb: 'deleted', targetId: workspaceId, workspaceId: null, changes: changedFields({ name: workspace.name }, null) });
      await em.flush();
      await announceInvalidation(em, { workspaceIds: [workspaceId] });
    });
    return workspaceId;
  }
}
