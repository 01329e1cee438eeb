// No one climbs above their role: the one place every granting mutation asks before it
// writes (a role's permissions, a member's or invitation's role, a deleted role's
// replacement, a workspace key's scopes, an ownership transfer). A principal grants only
// permissions it holds itself in the workspace; the owner role and workspaces:delete
// are granted only by an owner; nobody changes their own role. Groups carry no
// permissions, so adding to a group grants nothing and needs no check here. An
// invitation grants when it is accepted, so its inviter must still hold the role then
// (mayAssign with currentAuthority): an invitation never outlives its inviter's rights.
import { forbidden, requireWorkspace } from '../../../lib/errors.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';
import { expandScopes, scopesBeyond } from '../../../lib/scopes.js';
import { ApiKey } from '../api-keys/api-key.entity.js';
import { ApiKeyKind, ApiKeyStatus } from '../api-keys/api-key.enums.js';
import { Member } from '../members/member.entity.js';
import { Role } from '../roles/role.entity.js';

/** The permission that only owners hold and only owners grant. */
export const OWNER_ONLY_PERMISSION = 'workspaces:delete';

export function isOwnerRole(role: Pick<Role, 'key' | 'builtIn'>): boolean {
  return role.key === 'owner' && role.builtIn;
}

/** What a grantor holds in a workspace: its permissions there, and whether it is an owner. */
export interface GrantingAuthority {
  readonly permissions: readonly string[];
  readonly isOwner: boolean;
}

/** The rule of EscalationGuard.requireAssignable for a grantor that is not the caller (the inviter, when an invitation is accepted). */
export function mayAssign(role: Pick<Role, 'key' | 'builtIn' | 'permissions'>, authority: GrantingAuthority): boolean {
  if (isOwnerRole(role)) return authority.isOwner;
  if (scopesBeyond(role.permissions, authority.permissions).length > 0) return false;
  return authority.isOwner || !expandScopes(role.permissions).has(OWNER_ONLY_PERMISSION);
}

/**
 * What a user (through their role) or a workspace key (through its scopes, while it
 * works) holds in the workspace now; null when nothing: no longer a member, key revoked.
 * `em` must work in `workspaceId`: the workspace filter gives Member and Role that workspace.
 */
export async function currentAuthority(em: SubgraphEntityManager, workspaceId: string, grantor: { readonly userId: string | null; readonly keyId: string | null }): Promise<GrantingAuthority | null> {
  if (grantor.userId) {
    const member = await em.findOne(Member, { userId: grantor.userId });
    const role = member ? await em.findOne(Role, { id: member.roleId }) : null;
    return role ? { permissions: role.permissions, isOwner: isOwnerRole(role) } : null;
  }
  if (grantor.keyId) {
    const key = await em.findOne(ApiKey, { id: grantor.keyId, workspaceId, kind: ApiKeyKind.WORKSPACE });
    return key && key.status === ApiKeyStatus.ACTIVE ? { permissions: key.scopes, isOwner: false } : null;
  }
  return null;
}

export class EscalationGuard {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
  ) {}

  /** True when a user stands behind the principal and holds the owner role in the current workspace. */
  async actorIsOwner(): Promise<boolean> {
    const userId = this.principal.userId;
    if (!userId) return false;
    requireWorkspace(this.principal.workspaceId);
    const member = await this.em.findOne(Member, { userId });
    if (!member) return false;
    const role = await this.em.findOne(Role, { id: member.roleId });
    return role !== null && isOwnerRole(role);
  }

  async requireOwner(what: string): Promise<void> {
    if (!(await this.actorIsOwner())) throw forbidden(`Only an owner may ${what}`);
  }

  /**
   * Refuses to grant what the principal does not hold (its effective scopes here: a key's
   * scopes already meet its user's role), and workspaces:delete unless it is an owner.
   * `what` names the grant in the message ("add to role Editors").
   */
  async requireGrantable(permissions: Iterable<string>, what: string): Promise<void> {
    const wanted = [...permissions];
    const beyond = scopesBeyond(wanted, this.principal.scopes);
    if (beyond.length > 0) throw forbidden(`Cannot ${what}: you do not hold ${beyond.join(', ')}`);
    if (expandScopes(wanted).has(OWNER_ONLY_PERMISSION)) {
      if (!(await this.actorIsOwner())) throw forbidden(`Cannot ${what}: only an owner grants ${OWNER_ONLY_PERMISSION}`);
    }
  }

  /** Someone may be given this role: the owner role only by an owner, any other only if its permissions are held. */
  async requireAssignable(role: Role, what: string): Promise<void> {
    if (isOwnerRole(role)) {
      if (!(await this.actorIsOwner())) throw forbidden(`Cannot ${what}: only an owner grants the owner role`);
      return;
    }
    await this.requireGrantable(role.permissions, `${what} (role ${role.key})`);
  }

  /** Nobody changes their own role: not up, and not around the rules by a detour. */
  requireNotSelf(member: Pick<Member, 'userId'>, what: string): void {
    if (member.userId !== null && member.userId === this.principal.userId) throw forbidden(`You cannot ${what} your own membership; ask another admin or owner`);
  }

  /** An owner's membership is changed or ended only by an owner (an admin cannot demote or remove one). */
  async requireOwnerToManage(role: Role, what: string): Promise<void> {
    if (isOwnerRole(role) && !(await this.actorIsOwner())) throw forbidden(`Only an owner may ${what} an owner`);
  }
}
