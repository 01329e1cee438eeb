// The answer of addMember: a user with the address, verified, joined at once (`member`);
// anyone else was invited by mail (`invitation`). Exactly one of the two is set, so a client
// tells which happened without a second request.
import { Directive, Field, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { Invitation } from '../invitations/invitation.entity.js';
import { Member } from './member.entity.js';

@Directive(scopes([]))
@ObjectType({ description: 'Someone added to the workspace: a member at once, or an invitation mailed to an address with no verified account.' })
export class AddMemberPayload {
  @Field(() => Member, {
    nullable: true,
    description: 'The member added, when a user with this email, verified, exists; null when an invitation was mailed instead (or, with INSUFFICIENT_SCOPE, without `members:read`).',
  })
  member!: Member | null;

  @Field(() => Invitation, {
    nullable: true,
    description:
      'The invitation mailed to the address, when no user with this email has verified it (no account yet, or one not verified); they join by accepting it. Null when the member was added at once (or, with INSUFFICIENT_SCOPE, without `members:read`).',
  })
  invitation!: Invitation | null;
}
