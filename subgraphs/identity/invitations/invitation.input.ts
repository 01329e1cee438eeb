// Inputs of the invitation mutations and list.
import { Field, ID, InputType, Int } from 'type-graphql';
import { InvitationStatus } from './invitation.entity.js';

/** Bounds of an invitation's lifetime, in hours: an hour to thirty days, a week by default. */
export const INVITATION_HOURS = { min: 1, max: 30 * 24, default: 7 * 24 } as const;

@InputType({ description: 'Whom to invite, with which role, for how long.' })
export class InviteMemberInput {
  @Field(() => String, { description: 'Email address of the person invited; they accept with the token, signed in with any account.' })
  email!: string;

  @Field(() => ID, { description: 'Role they get on accepting. You may grant only what you hold (the owner role: only an owner).' })
  roleId!: string;

  @Field(() => Int, {
    nullable: true,
    description: `Hours the token stays valid: ${INVITATION_HOURS.min} to ${INVITATION_HOURS.max}, default ${INVITATION_HOURS.default} (a week).`,
  })
  expiresInHours?: number | null;
}

@InputType({ description: 'Which invitations to list.' })
export class InvitationFilter {
  @Field(() => InvitationStatus, { nullable: true, description: 'Only invitations in this state.' })
  status?: InvitationStatus | null;
}
