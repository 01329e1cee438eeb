// The answer of inviteMember. The token goes to the invited address by mail; it is also
// answered here, once, for scripts and for handing on by hand. That is harmless now: the
// token lets in only the user whose verified email is the invited address, so the inviter
// (or anyone the token leaks to) cannot use it to join as someone else.
import { Directive, Field, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { Invitation } from './invitation.entity.js';

@Directive(scopes([]))
@ObjectType({ description: 'A new invitation, mailed to its address, and its token (also in the mailed link), shown here once.' })
export class InviteMemberPayload {
  // Nullable: a caller without members:read still gets the token, which exists only here.
  @Field(() => Invitation, { nullable: true, description: 'The invitation, as `invitations` lists it (needs members:read).' })
  invitation!: Invitation;

  @Field(() => String, {
    description:
      'The token (`ati_…`), as in the mailed link. Only the account whose verified email is the invited address can accept it (`acceptInvitation`); you may pass it on yourself if the mail does not arrive.',
  })
  token!: string;
}
