// Invitation queries and mutations; Invitation.role, invitedBy and acceptedBy through DataLoaders.
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, type Connection } from '../../../lib/connection.js';
import { ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import type { IdentityContext } from '../context.js';
import { Role } from '../roles/role.entity.js';
import { User } from '../users/user.entity.js';
import { AcceptInvitationPayload } from './accept-invitation.payload.js';
import { InviteMemberPayload } from './invite-member.payload.js';
import { InvitationConnection } from './invitation.connection.js';
import { Invitation } from './invitation.entity.js';
import { InvitationFilter, InviteMemberInput } from './invitation.input.js';

export const RevokeInvitationPayload = ObjectPayloadType('revokeInvitation', 'invitation', () => Invitation, {
  description: 'A revoked invitation.',
  fieldDescription: 'The invitation, now REVOKED.',
  deniableWithout: 'members:read',
});

export const ResendInvitationPayload = ObjectPayloadType('resendInvitation', 'invitation', () => Invitation, {
  description: 'An invitation mailed again, with a new token and a new expiry.',
  fieldDescription: 'The invitation, PENDING, with its new `expiresAt`, `lastSentAt` and `sendCount`.',
  deniableWithout: 'members:read',
});

@Resolver(() => Invitation)
export class InvitationResolver {
  @Directive(scopes(['members:read']))
  @Query(() => InvitationConnection, { nullable: true, description: 'Invitations of the current workspace, oldest first, whatever their state unless filtered.' })
  invitations(
    @Arg('filter', () => InvitationFilter, { nullable: true, description: 'Narrow by state.' }) filter: InvitationFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: IdentityContext,
  ): Promise<Connection<Invitation>> {
    return context.invitations.list(filter, page);
  }

  @FieldResolver(() => Role, { nullable: true, description: 'The role the invitee gets; null if the role was deleted since (which revoked the invitation).' })
  role(@Root() invitation: Invitation, @Ctx() context: IdentityContext): Promise<Role | null> {
    return context.loaders.roleById.load(invitation.roleId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who invited; null when a workspace key did.' })
  invitedBy(@Root() invitation: Invitation, @Ctx() context: IdentityContext): Promise<User | null> | null {
    return invitation.invitedByUserId ? context.loaders.userById.load(invitation.invitedByUserId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who accepted (the account whose verified email is the invited address); null until accepted.' })
  acceptedBy(@Root() invitation: Invitation, @Ctx() context: IdentityContext): Promise<User | null> | null {
    return invitation.acceptedByUserId ? context.loaders.userById.load(invitation.acceptedByUserId) : null;
  }

  @Directive(scopes(['members:write']))
  @Mutation(() => InviteMemberPayload, {
    description:
      'Invites an email address to the workspace with a role you may grant, and mails it the invitation (a link to accept it, and when it expires). Only the account with that email, verified, can accept it (acceptInvitation). Refused for a member, or an email with a pending invitation (resend that one with resendInvitation).',
  })
  inviteMember(
    @Arg('input', () => InviteMemberInput, { description: 'Whom to invite, the role, and how long the token works.' }) input: InviteMemberInput,
    @Ctx() context: IdentityContext,
  ): Promise<InviteMemberPayload> {
    return context.invitations.invite(input);
  }

  @Directive(scopes(['members:write']))
  @Mutation(() => RevokeInvitationPayload, { description: 'Revokes an invitation that was not accepted: its token stops working at once. One for the owner role only an owner may revoke.' })
  async revokeInvitation(@Arg('id', () => ID, { description: 'Id of the invitation.' }) id: string, @Ctx() context: IdentityContext): Promise<InstanceType<typeof RevokeInvitationPayload>> {
    return { invitation: await context.invitations.revoke(id) };
  }

  @Directive(scopes(['members:write']))
  @Mutation(() => ResendInvitationPayload, {
    description:
      'Mails a pending or expired invitation again, with a new token (the old one stops working at once) and a new expiry (INVITATION_TTL_HOURS from now). Refused for an accepted or revoked one. You must be allowed to grant its role: one for the owner role only an owner may resend.',
  })
  async resendInvitation(@Arg('id', () => ID, { description: 'Id of the invitation.' }) id: string, @Ctx() context: IdentityContext): Promise<InstanceType<typeof ResendInvitationPayload>> {
    return { invitation: await context.invitations.resend(id) };
  }

  // No scope: any signed-in person may try; the service accepts only from a session whose
  // user's verified email is the invited address.
  @Directive(scopes([]))
  @Mutation(() => AcceptInvitationPayload, {
    description:
      'Joins the workspace of an invitation with its role, as the signed-in user (a session; no x-workspace-id needed), whose email must be the invited address (FORBIDDEN otherwise) and verified (EMAIL_NOT_VERIFIED otherwise; the invitation stays pending). Single use. An unknown, expired, revoked, replaced or used token gets one and the same BAD_USER_INPUT.',
  })
  acceptInvitation(
    @Arg('token', () => String, { description: 'The token of the invitation (`ati_…`): the `token` parameter of the mailed link, or what inviteMember answered.' }) token: string,
    @Ctx() context: IdentityContext,
  ): Promise<AcceptInvitationPayload> {
    return context.invitations.accept(token);
  }
}
