// Invitations of the current workspace, mailing them, and accepting one. An invitation is
// mailed to its address and grants its role only to the signed-in user whose email is that
// address and verified (DESIGN.md: invitations attach to verified addresses), once, before
// it expires: registering with the invited address attaches nothing until the address is
// proven, and a token forwarded to someone else lets them in nowhere. Whatever makes a
// token unusable (unknown, malformed, expired, revoked, accepted, replaced by a resend, its
// role deleted, its inviter no longer allowed to grant the role) gets one and the same
// answer.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { generateCredential, hashCredential, isWellFormedSecret } from '../../../lib/api-key-format.js';
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import type { Connection, PageArgs } from '../../../lib/connection.js';
import { idOrder, pageQuery } from '../../../lib/paging.js';
import { badUserInput, emailNotVerified, forbidden, invalidInput, notFound, type FieldProblem, requireWorkspace } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import { currentAuthority, mayAssign } from '../grants/escalation-guard.js';
import { GrantingService } from '../grants/granting-service.js';
import { announceInvalidation } from '../invalidation.js';
import { Member } from '../members/member.entity.js';
import { requireUserId } from '../principal-guards.js';
import { Role } from '../roles/role.entity.js';
import { isEmailAddress, normalizeEmail } from '../users/email-address.js';
import { User } from '../users/user.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import type { AcceptInvitationPayload } from './accept-invitation.payload.js';
import type { InviteMemberPayload } from './invite-member.payload.js';
import { Invitation, InvitationStatus } from './invitation.entity.js';
import { INVITATION_HOURS, type InvitationFilter, type InviteMemberInput } from './invitation.input.js';
import { ACROSS_WORKSPACES, scopeToWorkspace } from '../../../lib/workspace-filter.js';
import type { Mailer } from '../../../lib/mail/mailer.js';
import type { AccountSettings } from '../../../lib/mail/settings.js';
import { describeDuration } from '../../../lib/mail/templates.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';

/** `invitations` in id order, which its cursors hold. */
const INVITATION_ORDER = idOrder<Invitation>('invitations');

/** The one refusal of a token that does not let its bearer join, whatever the reason. */
function unusableInvitation() {
  return badUserInput('This invitation cannot be accepted: it is unknown, expired, revoked or already used. Ask for a new one.', { argumentName: 'token' });
}

/** A usable invitation brought by someone signed in with another email: it names no address, which the bearer may not know. */
function sentToAnotherAddress() {
  return forbidden('This invitation was sent to another address; sign in with that address to accept it');
}

function alreadyMember() {
  return badUserInput('You are a member of this workspace already; the invitation stays unused', { argumentName: 'token' });
}

/** Invitations in a state, as a query condition (`status` of Invitation, computed at `now`). */
function statusCondition(status: InvitationStatus, now: Date): Record<string, unknown> {
  switch (status) {
    case InvitationStatus.ACCEPTED:
      return { acceptedAt: { $ne: null } };
    case InvitationStatus.REVOKED:
      return { acceptedAt: null, revokedAt: { $ne: null } };
    case InvitationStatus.EXPIRED:
      return { acceptedAt: null, revokedAt: null, expiresAt: { $lte: now } };
    case InvitationStatus.PENDING:
      return { acceptedAt: null, revokedAt: null, expiresAt: { $gt: now } };
  }
}

export class InvitationService extends GrantingService {
  constructor(
    em: SubgraphEntityManager,
    principal: Principal,
    private readonly mailer: Mailer,
    private readonly accounts: AccountSettings,
  ) {
    super(em, principal);
  }

  list(filter: InvitationFilter | undefined, page: PageArgs): Promise<Connection<Invitation>> {
    requireWorkspace(this.principal.workspaceId);
    const where = filter?.status ? statusCondition(filter.status, new Date()) : {};
    return pageQuery(this.em, { entity: Invitation, where, order: INVITATION_ORDER, page });
  }

  private async get(id: string): Promise<Invitation> {
    const invitation = isId(id) ? await this.em.findOne(Invitation, { id }) : null;
    if (!invitation) throw notFound('Invitation');
    return invitation;
  }

  /** The link a mail carries: the gateway's account page, which accepts the token for a signed-in user. */
  private link(token: string): string {
    return `${this.accounts.publicUrl}/account/invitation?token=${encodeURIComponent(token)}`;
  }

  /** A new invitation mailed to its address; its token is also answered, once (see InviteMemberPayload). */
  async invite(input: InviteMemberInput): Promise<InviteMemberPayload> {
    requireWorkspace(this.principal.workspaceId);
    const email = normalizeEmail(input.email);
    const hours = input.expiresInHours ?? this.accounts.invitationTtlHours;
    const problems: FieldProblem[] = [];
    if (!isEmailAddress(email)) problems.push({ field: 'email', reason: 'must be an email address' });
    if (input.expiresInHours != null && (!Number.isInteger(hours) || hours < INVITATION_HOURS.min || hours > INVITATION_HOURS.max)) {
      problems.push({ field: 'expiresInHours', reason: `must be ${INVITATION_HOURS.min} to ${INVITATION_HOURS.max} hours` });
    }
    const role = isId(input.roleId) ? await this.em.findOne(Role, { id: input.roleId }) : null;
    if (!role) problems.push({ field: 'roleId', reason: 'not a role of this workspace' });
    if (problems.length > 0) throw invalidInput(problems);
    const user = await this.em.findOne(User, { email });
    if (user && (await this.em.count(Member, { userId: user.id }))) {
      throw badUserInput(`${email} is already a member`, { fieldErrors: [{ field: 'email', reason: 'already a member' }] });
    }
    return this.inviteAddress(email, role!, { hours, what: `invite ${email}` });
  }

  /**
   * Invites a checked address (a valid email, not a member's) with a role of this workspace
   * and mails the invitation: inviteMember, and addMember for an address with no verified
   * user. The guard decides first whether the caller may grant the role; `what` names the
   * act in its refusal.
   */
  async inviteAddress(email: string, role: Role, options: { readonly hours?: number; readonly what: string }): Promise<InviteMemberPayload> {
    const workspaceId = this.workspaceId;
    if (await this.em.count(Invitation, { email, ...statusCondition(InvitationStatus.PENDING, new Date()) })) {
      throw badUserInput(`${email} has a pending invitation: resend it (resendInvitation), or revoke it (revokeInvitation) to invite again`, {
        fieldErrors: [{ field: 'email', reason: 'has a pending invitation' }],
      });
    }
    await this.guard.requireAssignable(role, options.what);
    const token = generateCredential('invitation');
    const now = new Date();
    const invitation = this.em.create(Invitation, {
      workspaceId,
      email,
      roleId: role.id,
      tokenHash: hashCredential(token),
      invitedByUserId: this.principal.userId ?? null,
      invitedByKeyId: this.principal.keyId ?? null,
      expiresAt: new Date(now.getTime() + (options.hours ?? this.accounts.invitationTtlHours) * 3_600_000),
      lastSentAt: now,
      sendCount: 1,
    });
    // Whom and what for, never the token or its hash.
    recordAuditEvent(this.em, this.principal, {
      targetType: 'Invitation',
      verb: 'created',
      targetId: invitation.id,
      changes: changedFields(null, { email, roleId: role.id, expiresAt: invitation.expiresAt }),
    });
    await this.em.flush();
    await this.mail(invitation, role, token);
    return { invitation, token };
  }

  /**
   * Mails a pending (or expired) invitation again with a new token and a new expiry; the
   * old token stops working with this commit. The caller must be allowed to grant its role
   * now (resending extends a grant's life), so one for the owner role only an owner resends.
   * The inviter stays who invited (their rights are checked on acceptance).
   */
  async resend(id: string): Promise<Invitation> {
    const invitation = await this.get(id);
    if (invitation.acceptedAt) throw badUserInput('This invitation was accepted already: there is nothing to resend', { argumentName: 'id' });
    const role = await this.em.findOne(Role, { id: invitation.roleId });
    // A deleted role revoked its invitations.
    if (invitation.revokedAt || !role) throw badUserInput('This invitation was revoked: invite the address again (inviteMember) instead', { argumentName: 'id' });
    await this.guard.requireAssignable(role, `resend the invitation of ${invitation.email}`);
    const now = new Date();
    // An expired invitation may have been followed by a new one for the same address: one pending invitation per address.
    if (await this.em.count(Invitation, { email: invitation.email, id: { $ne: invitation.id }, ...statusCondition(InvitationStatus.PENDING, now) })) {
      throw badUserInput(`${invitation.email} has another pending invitation: resend that one`, { argumentName: 'id' });
    }
    const token = generateCredential('invitation');
    const before = { expiresAt: invitation.expiresAt, sendCount: invitation.sendCount };
    invitation.tokenHash = hashCredential(token);
    invitation.expiresAt = new Date(now.getTime() + this.accounts.invitationTtlHours * 3_600_000);
    invitation.lastSentAt = now;
    invitation.sendCount += 1;
    if (!invitation.invitedByUserId && !invitation.invitedByKeyId) {
      // Moved from a pending member, with no inviter on record (which acceptance checks): the
      // resender, just allowed to grant the role, vouches for it from now on.
      invitation.invitedByUserId = this.principal.userId ?? null;
      invitation.invitedByKeyId = this.principal.keyId ?? null;
    }
    recordAuditEvent(this.em, this.principal, {
      targetType: 'Invitation',
      verb: 'resent',
      targetId: invitation.id,
      changes: changedFields(before, { expiresAt: invitation.expiresAt, sendCount: invitation.sendCount }),
    });
    await this.em.flush();
    await this.mail(invitation, role, token);
    return invitation;
  }

  /** Queues the invitation mail (after the commit that made the token valid): who invited, to what, with which role, the link and its expiry. */
  private async mail(invitation: Invitation, role: Role, token: string): Promise<void> {
    const workspace = await this.em.findOneOrFail(Workspace, { id: invitation.workspaceId });
    const inviter = invitation.invitedByUserId ? await this.em.findOne(User, { id: invitation.invitedByUserId }) : null;
    this.mailer.send({
      to: invitation.email,
      template: 'invitation',
      values: {
        inviter: inviter ? `${inviter.name} (${inviter.email})` : `An administrator of ${workspace.name}`,
        workspaceName: workspace.name,
        roleName: role.name,
        email: invitation.email,
        link: this.link(token),
        expiresIn: describeDuration(invitation.expiresAt.getTime() - (invitation.lastSentAt ?? new Date()).getTime()),
        expiresAt: `${invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      },
    });
  }

  /** Ends a pending (or expired) invitation; one for the owner role only an owner may end. Revoking twice changes nothing. */
  async revoke(id: string): Promise<Invitation> {
    const invitation = await this.get(id);
    if (invitation.acceptedAt) throw badUserInput('This invitation was accepted already: remove the member instead (removeMember)', { argumentName: 'id' });
    const role = await this.em.findOne(Role, { id: invitation.roleId });
    if (role) await this.guard.requireOwnerToManage(role, 'revoke an invitation for');
    if (invitation.revokedAt) return invitation;
    invitation.revokedAt = new Date();
    recordAuditEvent(this.em, this.principal, { targetType: 'Invitation', verb: 'revoked', targetId: invitation.id, changes: changedFields({ revokedAt: null }, { revokedAt: invitation.revokedAt }) });
    await this.em.flush();
    return invitation;
  }

  /**
   * The signed-in caller joins with the invitation's role, if their email is the invited
   * address and verified. The claim is one conditional UPDATE (still pending, still this
   * token, by primary key), so of two accepts at once exactly one wins, and a token replaced
   * by resendInvitation meanwhile wins nothing; a refusal after the claim rolls it back,
   * leaving the invitation pending.
   */
  async accept(token: string): Promise<AcceptInvitationPayload> {
    const userId = requireUserId(this.principal);
    // A person decides to join; an API key acts for programs, which must not join workspaces on anyone's behalf.
    if (this.principal.kind !== 'session') throw forbidden('Only a signed-in person accepts an invitation: send a session token (createSession), not an API key');
    if (!isWellFormedSecret(token, 'invitation')) throw unusableInvitation();
    // The token names the workspace, whatever the request's: found across workspaces on purpose.
    const found = await this.em.findOne(Invitation, { tokenHash: hashCredential(token) }, ACROSS_WORKSPACES);
    if (!found || found.status !== InvitationStatus.PENDING) throw unusableInvitation();
    const { workspaceId, id } = found;
    return this.em.transactional(async (em) => {
      // The rest works in the invitation's workspace (this transaction's fork only).
      scopeToWorkspace(em, workspaceId);
      // The address is the proof: the token only says which invitation. Told apart (unlike the
      // unusable tokens above) so the invitee knows what to do; neither answer names the address.
      const user = await em.findOne(User, { id: userId });
      if (!user || normalizeEmail(user.email) !== found.email) throw sentToAnotherAddress();
      if (!user.emailVerifiedAt) {
        throw emailNotVerified('Verify your email address before accepting this invitation (open the link mailed to you; resendVerification sends another): the invitation stays pending');
      }
      const now = new Date();
      const claimed = await em.nativeUpdate(Invitation, { id, tokenHash: found.tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { $gt: now } }, { acceptedAt: now, acceptedByUserId: userId });
      if (claimed !== 1) throw unusableInvitation();
      const role = await em.findOne(Role, { id: found.roleId });
      // The grant happens now: the inviter must still be allowed to make it.
      const inviter = await currentAuthority(em, workspaceId, { userId: found.invitedByUserId, keyId: found.invitedByKeyId });
      if (!role || !inviter || !mayAssign(role, inviter)) throw unusableInvitation();
      if (await em.count(Member, { userId })) throw alreadyMember();
      const member = em.create(Member, { workspaceId, userId, roleId: role.id });
      recordAuditEvent(em, this.principal, {
        targetType: 'Invitation',
        verb: 'accepted',
        targetId: id,
        workspaceId,
        changes: changedFields({ acceptedAt: null }, { acceptedAt: now, acceptedByUserId: userId }),
      });
      recordAuditEvent(em, this.principal, { targetType: 'Member', verb: 'joined', targetId: member.id, workspaceId, changes: changedFields(null, { userId, roleId: role.id, invitationId: id }) });
      try {
        await em.flush();
      } catch (error) {
        // Joined by another route meanwhile (a second invitation, addMember): one membership per user.
        if (error instanceof UniqueConstraintViolationException) throw alreadyMember();
        throw error;
      }
      // The caller's credentials may use one more workspace from their next request on.
      await announceInvalidation(em, { userIds: [userId] });
      const workspace = await em.findOneOrFail(Workspace, { id: workspaceId });
      return { workspace };
    });
  }
}
