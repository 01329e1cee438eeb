// Member groups of the current workspace. Only members can be in a group: adding anyone
// else is refused, naming them, and adds nobody.
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import { badUserInput, notFound, requireWorkspace } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';
import type { Connection, PageArgs } from '../../../lib/connection.js';
import { idOrder, pageQuery } from '../../../lib/paging.js';
import { Member } from '../members/member.entity.js';
import { MemberGroup } from './member-group.entity.js';
import { MemberGroupUser } from './member-group-user.entity.js';
import type { CreateMemberGroupInput, UpdateMemberGroupInput } from './member-group.input.js';
import { workspaceCondition } from '../../../lib/workspace-filter.js';

/** `memberGroups` in id order, which its cursors hold. */
const MEMBER_GROUP_ORDER = idOrder<MemberGroup>('memberGroups');

export class MemberGroupService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
  ) {}

  private get workspaceId(): string {
    return requireWorkspace(this.principal.workspaceId);
  }

  list(page: PageArgs): Promise<Connection<MemberGroup>> {
    requireWorkspace(this.principal.workspaceId);
    return pageQuery(this.em, { entity: MemberGroup, order: MEMBER_GROUP_ORDER, page });
  }

  async get(id: string): Promise<MemberGroup> {
    const group = isId(id) ? await this.em.findOne(MemberGroup, { id }) : null;
    if (!group) throw notFound('Member group');
    return group;
  }

  private async checkName(name: string, exceptId?: string): Promise<string> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 100) throw badUserInput('name must be 1 to 100 characters', { fieldErrors: [{ field: 'name', reason: 'must be 1 to 100 characters' }] });
    const clash = await this.em.findOne(MemberGroup, { name: trimmed });
    if (clash && clash.id !== exceptId) throw badUserInput(`A group named ${trimmed} exists`, { fieldErrors: [{ field: 'name', reason: 'taken' }] });
    return trimmed;
  }

  async create(input: CreateMemberGroupInput): Promise<MemberGroup> {
    const group = this.em.create(MemberGroup, { workspaceId: this.workspaceId, name: await this.checkName(input.name), description: input.description?.trim() || null });
    recordAuditEvent(this.em, this.principal, { targetType: 'MemberGroup', verb: 'created', targetId: group.id, changes: changedFields(null, { name: group.name, description: group.description }) });
    await this.em.flush();
    return group;
  }

  async update(id: string, input: UpdateMemberGroupInput): Promise<MemberGroup> {
    const group = await this.get(id);
    const before = { name: group.name, description: group.description };
    if (input.name !== undefined && input.name !== null) group.name = await this.checkName(input.name, group.id);
    if (input.description !== undefined) group.description = input.description?.trim() || null;
    const changes = changedFields(before, { name: group.name, description: group.description });
    if (changes.length > 0) recordAuditEvent(this.em, this.principal, { targetType: 'MemberGroup', verb: 'updated', targetId: group.id, changes });
    await this.em.flush();
    return group;
  }

  async delete(id: string): Promise<string> {
    const group = await this.get(id);
    await this.em.transactional(async (em) => {
      recordAuditEvent(em, this.principal, { targetType: 'MemberGroup', verb: 'deleted', targetId: group.id, changes: changedFields({ name: group.name, description: group.description }, null) });
      await em.nativeDelete(MemberGroupUser, { groupId: group.id });
      await em.nativeDelete(MemberGroup, { id: group.id });
    });
    return group.id;
  }

  async addUsers(groupId: string, userIds: string[]): Promise<MemberGroup> {
    const group = await this.get(groupId);
    const wanted = [...new Set(userIds)];
    const valid = wanted.filter(isId);
    const members = valid.length > 0 ? await this.em.find(Member, { userId: { $in: valid } }) : [];
    const memberIds = new Set(members.map((member) => member.userId));
    const strangers = wanted.filter((userId) => !memberIds.has(userId));
    if (strangers.length > 0) {
      throw badUserInput(`Not members of this workspace: ${strangers.join(', ')}`, {
        fieldErrors: strangers.map((userId) => ({ field: 'userIds', reason: `${userId} is not a member of this workspace` })),
      });
    }
    await this.em.transactional(async (em) => {
      const added = await em.getConnection().execute<{ user_id: string }[]>(
        `insert into "identity"."member_group_users" (workspace_id, group_id, user_id, created_at)
         select ?, ?, user_id, now() from unnest(?::uuid[]) as user_id
         on conflict do nothing returning user_id`,
        [group.workspaceId, group.id, `{${wanted.join(',')}}`],
        'all',
        em.getTransactionContext(),
      );
      if (added.length > 0)
        recordAuditEvent(em, this.principal, { targetType: 'MemberGroup', verb: 'usersAdded', targetId: group.id, changes: [{ field: 'userIds', new: added.map((row) => row.user_id) }] });
    });
    return group;
  }

  async removeUsers(groupId: string, userIds: string[]): Promise<MemberGroup> {
    const group = await this.get(groupId);
    const valid = userIds.filter(isId);
    if (valid.length === 0) return group;
    await this.em.transactional(async (em) => {
      // Raw SQL (MikroORM's delete returns no rows): the workspace comes from the filter's helper.
      const workspace = workspaceCondition(em, 'gu');
      const removed = await em
        .getConnection()
        .execute<{ user_id: string }[]>(
          `delete from "identity"."member_group_users" as gu where ${workspace.sql} and gu.group_id = ? and gu.user_id = any(?::uuid[]) returning gu.user_id`,
          [...workspace.params, group.id, `{${valid.join(',')}}`],
          'all',
          em.getTransactionContext(),
        );
      if (removed.length > 0)
        recordAuditEvent(em, this.principal, { targetType: 'MemberGroup', verb: 'usersRemoved', targetId: group.id, changes: [{ field: 'userIds', old: removed.map((row) => row.user_id) }] });
    });
    return group;
  }
}
