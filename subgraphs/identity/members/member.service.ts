// Members of the current workspace. A workspace always keeps at least one owner; every
// change takes effect on the member's credentials at their next request. Adding an address
// that no verified user holds mails an invitation (InvitationService) instead.
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import { badUserInput, notFound, requireWorkspace } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import { containsPattern } from '../../../lib/like-pattern.js';
import type { Connection, PageArgs } from '../../../lib/connection.js';
import { idOrder, pageQuery } from '../../../lib/paging.js';
import { GrantingService } from '../grants/granting-service.js';
import { MemberGroupUser } from '../groups/member-group-user.entity.js';
import { announceInvalidation } from '../invalidation.js';
import { requireUserId } from '../principal-guards.js';
import { Role } from '../roles/role.entity.js';
import { isEmailAddress, normalizeEmail } from '../users/email-address.js';
import { User } from '../users/user.entity.js';
import { Member } from './member.entity.js';
import type { AddMemberInput, MemberFilter, UpdateMemberInput } from './member.input.js';
import type { AddMemberPayload } from './add-member.payload.js';
import type { InvitationService } from '../invitations/invitation.service.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';

/** `members` in id order, which its cursors hold. */
const MEMBER_ORDER = idOrder<Member>('members');

export class MemberService extends GrantingService {
  constructor(
    em: SubgraphEntityManager,
    principal: Principal,
    /** Invitations are theirs to make and mail: addMember asks for one instead of writing it. */
    private readonly invitations: InvitationService,
  ) {
    super(em, principal);
  }

  async list(filter: MemberFilter | undefined, page: PageArgs): Promise<Connection<Member>> {
    requireWorkspace(this.principal.workspaceId);
    const where: Record<string, unknown> = {};
    if (filter?.roleId) where.roleId = isId(filter.roleId) ? filter.roleId : null;
    const userIdSets: string[][] = [];
    if (filter?.groupId) {
      const rows = isId(filter.groupId) ? await this.em.find(MemberGroupUser, { groupId: filter.groupId }) : [];
      userIdSets.push(rows.map((row) => row.userId));
    }
    const search = filter?.search?.trim();
    if (search) {
      const pattern = containsPattern(search);
      const users = await this.em.find(User, { $or: [{ email: { $ilike: pattern } }, { name: { $ilike: pattern } }] }, { fields: ['id'] });
      userIdSets.push(users.map((user) => user.id));
    }
    // Each narrowing is a set of users; a member must be in all of them.
    if (userIdSets.length > 0) where.$and = userIdSets.map((userIds) => ({ userId: { $in: userIds } }));
    return pageQuery(this.em, { entity: Member, where, order: MEMBER_ORDER, page });
  }

  /** The caller's own membership in the current workspace; null for a workspace key (no user) or without a workspace. */
  async own(): Promise<Member | null> {
    const { userId, workspaceId } = this.principal;
    if (!userId || !workspaceId) return null;
    return this.em.findOne(Member, { userId });
  }

  async get(id: string): Promise<Member> {
    const member = isId(id) ? await this.em.findOne(Member, { id }) : null;
    if (!member) throw notFound('Member');
    return member;
  }

  private async role(roleId: string): Promise<Role> {
    const role = isId(roleId) ? await this.em.findOne(Role, { id: roleId }) : null;
    if (!role) throw badUserInput('roleId is not a role of this workspace', { fieldErrors: [{ field: 'roleId', reason: 'not a role of this workspace' }] });
    return role;
  }

  /**
   * A user whose email is verified joins at once. Any other address (no account, or an
   * account that has not proven it receives mail there) is mailed an invitation instead:
   * nothing attaches to an address until its owner proves it (DESIGN.md "Trust invariants").
   */
  async add(input: AddMemberInput): Promise<AddMemberPayload> {
    const workspaceId = this.workspaceId;
    const email = normalizeEmail(input.email);
    if (!isEmailAddress(email)) throw badUserInput('email must be an email address', { fieldErrors: [{ field: 'email', reason: 'must be an email address' }] });
    const role = await this.role(input.roleId);
    const user = await this.em.findOne(User, { email });
    if (user && (await this.em.count(Member, { userId: user.id }))) throw badUserInput(`${email} is already a member`, { fieldErrors: [{ field: 'email', reason: 'already a member' }] });
    if (!user?.emailVerifiedAt) {
      const { invitation } = await this.invitations.inviteAddress(email, role, { what: `add ${email}` });
      return { member: null, invitation };
    }
    await this.guard.requireAssignable(role, `add ${email}`);
    const member = await this.em.transactional(async (em) => {
      const member = em.create(Member, { workspaceId, roleId: role.id, userId: user.id });
      recordAuditEvent(em, this.principal, { targetType: 'Member', verb: 'added', targetId: member.id, changes: changedFields(null, { userId: user.id, roleId: role.id }) });
      await em.flush();
      await announceInvalidation(em, { userIds: [user.id] });
      return member;
    });
    return { member, invitation: null };
  }

  /** The built-in owner role of the request's workspace. */
  private async ownerRoleId(): Promise<string> {
    const owner = await this.em.findOneOrFail(Role, { key: 'owner', builtIn: true });
    return owner.id;
  }

  /** Refuses a change that would leave the workspace without an active owner. */
  private async keepAnOwner(member: Member, nextRoleId: string | null): Promise<void> {
    const ownerRoleId = await this.ownerRoleId();
    if (member.roleId !== ownerRoleId || nextRoleId === ownerRoleId) return;
    const owners = await this.em.count(Member, { roleId: ownerRoleId });
    if (owners <= 1) throw badUserInput('A workspace keeps at least one owner');
  }

  async update(id: string, input: UpdateMemberInput): Promise<Member> {
    const member = await this.get(id);
    const role = await this.role(input.roleId);
    await this.keepAnOwner(member, role.id);
    this.guard.requireNotSelf(member, 'change');
    if (member.roleId === role.id) return member;
    await this.guard.requireOwnerToManage(await this.role(member.roleId), 'change the role of');
    await this.guard.requireAssignable(role, "change the member's role");
    const before = member.roleId;
    member.roleId = role.id;
    await this.em.transactional(async (em) => {
      recordAuditEvent(em, this.principal, { targetType: 'Member', verb: 'roleChanged', targetId: member.id, changes: changedFields({ roleId: before }, { roleId: role.id }) });
      await em.flush();
      await announceInvalidation(em, { userIds: [member.userId] });
    });
    return member;
  }

  async remove(id: string): Promise<Member> {
    const member = await this.get(id);
    await this.guard.requireOwnerToManage(await this.role(member.roleId), 'remove');
    return this.removeMember(member, 'removed');
  }

  /**
   * The current owner hands the owner role to another member and becomes an admin: one
   * transaction, one audit event per membership, both users' credentials re-read.
   */
  async transferOwnership(id: string): Promise<Member> {
    const userId = requireUserId(this.principal);
    await this.guard.requireOwner('transfer ownership');
    const target = await this.get(id);
    if (target.userId === userId) throw badUserInput('You are the owner already', { argumentName: 'id' });
    const self = await this.em.findOneOrFail(Member, { userId });
    const ownerRoleId = await this.ownerRoleId();
    const admin = await this.em.findOneOrFail(Role, { key: 'admin', builtIn: true });
    const targetBefore = target.roleId;
    target.roleId = ownerRoleId;
    self.roleId = admin.id;
    await this.em.transactional(async (em) => {
      recordAuditEvent(em, this.principal, { targetType: 'Member', verb: 'ownershipReceived', targetId: target.id, changes: changedFields({ roleId: targetBefore }, { roleId: ownerRoleId }) });
      recordAuditEvent(em, this.principal, { targetType: 'Member', verb: 'ownershipGivenAway', targetId: self.id, changes: changedFields({ roleId: ownerRoleId }, { roleId: admin.id }) });
      await em.flush();
      await announceInvalidation(em, { userIds: [userId, target.userId] });
    });
    return target;
  }

  /** The caller leaves the current workspace; answers the membership that ended. */
  async leave(): Promise<Member> {
    const userId = requireUserId(this.principal);
    const member = await this.em.findOne(Member, { userId });
    if (!member) throw notFound('Member');
    return this.removeMember(member, 'left');
  }

  private async removeMember(member: Member, verb: 'removed' | 'left'): Promise<Member> {
    await this.keepAnOwner(member, null);
    await this.em.transactional(async (em) => {
      recordAuditEvent(em, this.principal, {
        targetType: 'Member',
        verb,
        targetId: member.id,
        workspaceId: member.workspaceId,
        changes: changedFields({ userId: member.userId, roleId: member.roleId }, null),
      });
      await em.nativeDelete(Member, { id: member.id });
      await em.nativeDelete(MemberGroupUser, { userId: member.userId });
      await announceInvalidation(em, { userIds: [member.userId] });
    });
    return member;
  }
}
