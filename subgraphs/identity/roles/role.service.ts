// Roles of the current workspace. Built-in roles cannot be deleted and the owner role
// keeps every permission; a changed role takes effect on its members' next request.
import type { AuditVerb } from '../../../lib/audit-vocabulary.js';
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import { badUserInput, invalidInput, notFound, type FieldProblem, requireWorkspace } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import type { Connection, PageArgs } from '../../../lib/connection.js';
import { idOrder, pageQuery } from '../../../lib/paging.js';
import { FINE_SCOPES, expandScopes, unknownScopes } from '../../../lib/scopes.js';
import { forbidden } from '../../../lib/errors.js';
import { GrantingService } from '../grants/granting-service.js';
import { announceInvalidation } from '../invalidation.js';
import { Invitation } from '../invitations/invitation.entity.js';
import { Member } from '../members/member.entity.js';
import { Role } from './role.entity.js';
import type { CreateRoleInput, UpdateRoleInput } from './role.input.js';

/** `roles` in id order, which its cursors hold. */
const ROLE_ORDER = idOrder<Role>('roles');

const KEY = /^[a-z][a-z0-9_]{0,63}$/;

type RoleSnapshot = Pick<Role, 'key' | 'name' | 'permissions'>;

/** What an audit event compares before and after a change. */
function snapshot(role: Role): RoleSnapshot {
  return { key: role.key, name: role.name, permissions: [...role.permissions] };
}

export class RoleService extends GrantingService {
  list(page: PageArgs): Promise<Connection<Role>> {
    requireWorkspace(this.principal.workspaceId);
    return pageQuery(this.em, { entity: Role, order: ROLE_ORDER, page });
  }

  /** A role of this workspace; anything else is not found. */
  async get(id: string): Promise<Role> {
    const role = isId(id) ? await this.em.findOne(Role, { id }) : null;
    if (!role) throw notFound('Role');
    return role;
  }

  private checkPermissions(permissions: string[]): string[] {
    const unknown = unknownScopes(permissions);
    if (unknown.length > 0) throw badUserInput(`Unknown permissions: ${unknown.join(', ')}`, { fieldErrors: [{ field: 'permissions', reason: `unknown: ${unknown.join(', ')}` }] });
    // Stored expanded, so that what a role grants is plain to read.
    const granted = expandScopes(permissions);
    return FINE_SCOPES.filter((scope) => granted.has(scope));
  }

  async create(input: CreateRoleInput): Promise<Role> {
    const workspaceId = this.workspaceId;
    const errors: FieldProblem[] = [];
    if (!KEY.test(input.key)) errors.push({ field: 'key', reason: 'must match ^[a-z][a-z0-9_]*$ (at most 64 characters)' });
    if (input.name.trim().length === 0 || input.name.length > 100) errors.push({ field: 'name', reason: 'must be 1 to 100 characters' });
    if (errors.length === 0 && (await this.em.count(Role, { key: input.key }))) errors.push({ field: 'key', reason: `${input.key} is taken` });
    if (errors.length > 0) throw invalidInput(errors);
    const permissions = this.checkPermissions(input.permissions);
    await this.guard.requireGrantable(permissions, `create role ${input.key}`);
    const role = this.em.create(Role, { workspaceId, key: input.key, name: input.name.trim(), permissions });
    recordAuditEvent(this.em, this.principal, { targetType: 'Role', verb: 'created', targetId: role.id, changes: changedFields(null, snapshot(role)) });
    await this.em.flush();
    return role;
  }

  /** Saves a changed role and tells every gateway that its members' principals changed. */
  private async saveChanged(role: Role, before: RoleSnapshot, verb: AuditVerb<'Role'>): Promise<Role> {
    if (role.key === 'owner' && role.builtIn && FINE_SCOPES.some((scope) => !role.permissions.includes(scope))) {
      throw badUserInput('The owner role keeps every permission');
    }
    const added = role.permissions.filter((scope) => !before.permissions.includes(scope));
    if (added.length > 0) await this.guard.requireGrantable(added, `add ${added.join(', ')} to role ${role.key}`);
    const changes = changedFields(before, snapshot(role));
    if (changes.length === 0) return role;
    await this.em.transactional(async (em) => {
      recordAuditEvent(em, this.principal, { targetType: 'Role', verb, targetId: role.id, changes });
      await em.flush();
      await announceInvalidation(em, { workspaceIds: [role.workspaceId] });
    });
    return role;
  }

  async update(id: string, input: UpdateRoleInput): Promise<Role> {
    const role = await this.get(id);
    const before = snapshot(role);
    if (input.name !== undefined && input.name !== null) {
      if (input.name.trim().length === 0 || input.name.length > 100) throw badUserInput('name must be 1 to 100 characters');
      role.name = input.name.trim();
    }
    if (input.permissions !== undefined && input.permissions !== null) role.permissions = this.checkPermissions(input.permissions);
    return this.saveChanged(role, before, 'updated');
  }

  async addPermission(roleId: string, permission: string): Promise<Role> {
    const role = await this.get(roleId);
    const before = snapshot(role);
    role.permissions = this.checkPermissions([...role.permissions, permission]);
    return this.saveChanged(role, before, 'permissionAdded');
  }

  async removePermission(roleId: string, permission: string): Promise<Role> {
    const role = await this.get(roleId);
    const before = snapshot(role);
    const removed = expandScopes([permission]);
    this.checkPermissions([permission]);
    role.permissions = role.permissions.filter((scope) => !removed.has(scope));
    return this.saveChanged(role, before, 'permissionRemoved');
  }

  /**
   * Refused for built-in roles, and while members hold the role unless they move to
   * `replacementRoleId`. Pending invitations for the role are revoked: a replacement is
   * granted only to people who hold the role now, never to someone not yet in.
   */
  async delete(id: string, replacementRoleId: string | undefined): Promise<string> {
    const role = await this.get(id);
    if (role.builtIn) throw badUserInput('Built-in roles cannot be deleted');
    const holders = await this.em.count(Member, { roleId: role.id });
    let replacement: Role | undefined;
    if (holders > 0) {
      if (!replacementRoleId)
        throw badUserInput(`${holders} member(s) hold this role: give replacementRoleId to move them`, {
          fieldErrors: [{ field: 'replacementRoleId', reason: 'required while members hold the role' }],
        });
      replacement = await this.get(replacementRoleId);
      if (replacement.id === role.id) throw badUserInput('replacementRoleId must be another role');
      // Moving the holders is giving each of them the replacement role.
      if (this.principal.userId && (await this.em.count(Member, { roleId: role.id, userId: this.principal.userId }))) {
        throw forbidden(`You hold role ${role.key}: deleting it would change your own role; ask another admin or owner`);
      }
      await this.guard.requireAssignable(replacement, `move the holders of ${role.key} to another role`);
    }
    const pending = await this.em.find(Invitation, { roleId: role.id, acceptedAt: null, revokedAt: null }, { fields: ['id'] });
    await this.em.transactional(async (em) => {
      recordAuditEvent(em, this.principal, {
        targetType: 'Role',
        verb: 'deleted',
        targetId: role.id,
        changes: [
          ...changedFields(snapshot(role), null),
          ...(replacement ? [{ field: 'members', old: role.id, new: replacement.id }] : []),
          ...(pending.length > 0 ? [{ field: 'revokedInvitations', new: pending.map((invitation) => invitation.id) }] : []),
        ],
      });
      if (pending.length > 0) {
        await em.nativeUpdate(Invitation, { id: { $in: pending.map((invitation) => invitation.id) }, acceptedAt: null, revokedAt: null }, { revokedAt: new Date() });
      }
      if (replacement) await em.nativeUpdate(Member, { roleId: role.id }, { roleId: replacement.id });
      await em.nativeDelete(Role, { id: role.id });
      await announceInvalidation(em, { workspaceIds: [role.workspaceId] });
    });
    return role.id;
  }
}
