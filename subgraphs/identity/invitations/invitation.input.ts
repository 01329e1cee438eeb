// Inputs of the invitation mutations and list.
import { Field, ID, InputType, Int } from 'type-graphql';
import { InvitationStatus } from './invitation.entity.js';

/** Bounds of the lifetime an inviter may choose, in hours: an hour to thirty days. Without a choice, the deployment's INVITATION_TTL_HOURS (a week by default). */
export const INVITATION_HOURS = { min: 1, max: 30 * 24 } as const;

@InputType({ description: 'Whom to invite, with which role, for how long.' })
export class InviteMemberInput {
  @Field(() => String, { description: 'Email address of the person invited: the invitation is mailed there, and only the account with this email, verified, can accept it.' })
  email!: string;

  @Field(() => ID, { description: 'Role they get on accepting. You may grant only what you hold (the owner role: only an owner).' })
  roleId!: string;

  @Field(() => Int, {
    nullable: true,
    description: `Hours the invitation stays valid: ${INVITATION_HOURS.min} to ${INVITATION_HOURS.max}; by default the deployment's INVITATION_TTL_HOURS (168, a week, unless configured).`,
  })
  expiresInHours?: number | null;
}

@InputType({ description: 'Which invitations to list.' })
export class InvitationFilter {
  @Field(() => InvitationStatus, { nullable: true, description: 'Only invitations in this state.' })
  status?: InvitationStatus | null;
}
