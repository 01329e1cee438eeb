// The answer of inviteMember: the only place an invitation's token is ever shown.
import { Directive, Field, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { Invitation } from './invitation.entity.js';

@Directive(scopes([]))
@ObjectType({ description: 'A new invitation and its token. Pass the token on to the person invited now: it is never shown again.' })
export class InviteMemberPayload {
  // Nullable: a caller without members:read still gets the token, which exists only here.
  @Field(() => Invitation, { nullable: true, description: 'The invitation, as `invitations` lists it (needs members:read).' })
  invitation!: Invitation;

  @Field(() => String, { description: 'The token (`ati_…`). Whoever signs in and sends it to `acceptInvitation` joins with the role; share it with the invitee only.' })
  token!: string;
}
