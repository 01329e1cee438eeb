// No one climbs above their role: the one place every granting mutation asks before it
// writes (a role's permissions, a member's or invitation's role, a deleted role's
// replacement, a workspace key's scopes, an ownership transfer). A principal grants only
// permissions it holds itself in the workspace; the owner role and workspaces:delete
// are granted only by an owner; nobody changes their own role. Groups carry no
// permissions, so adding to a group grants nothing and needs no check here.
import { GraphQLError } from 'graphql';
import { ErrorCode, requireWorkspace } from '../../../lib/errors.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';
import { expandScopes, scopesBeyond } from '../../../lib/scopes.js';
import { Member } from '../members/member.entity.js';
import { Role } from '../roles/role.entity.js';

/** The permission that only owners hold and only owners grant. */
export const OWNER_ONLY_PERMISSION = 'workspaces:delete';

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function isOwnerRole(role: Pick<Role, 'key' | 'builtIn'>): boolean {
  return role.key === 'owner' && role.builtIn;
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
    const workspaceId = requireWorkspace(this.principal.workspaceId);
    const member = await this.em.findOne(Member, { workspaceId, userId });
    if (!member) return false;
    const role = await this.em.findOne(Role, { workspaceId, id: member.roleId });
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
