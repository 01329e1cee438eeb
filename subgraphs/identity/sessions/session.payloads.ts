// What the session mutations answer: register and createSession (the token, shown this
// once), revokeSession, changePassword.
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { User } from '../users/user.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';

/** A new session, as the service starts it; register and createSession each answer it as their own payload type. */
// Not in the schema itself (no mutation answers it): the fields its subclasses share.
@ObjectType({ description: 'Not in the schema.' })
export class SessionPayload {
  @Field(() => String, { description: 'The session token (`ats_…`).' })
  token!: string;

  @Field(() => Date, { description: 'When the token stops working.' })
  expiresAt!: Date;

  @Field(() => User, { description: 'The signed-in user.' })
  user!: User;

  @Field(() => Workspace, { nullable: true, description: 'The workspace the session works in by default, if one was chosen.' })
  workspace!: Workspace | null;
}

@Directive(scopes([]))
@ObjectType({ description: 'A new account, signed in. The token is shown here only; send it as `Authorization: Bearer <token>`.' })
export class RegisterPayload extends SessionPayload {}

@Directive(scopes([]))
@ObjectType({ description: 'A new session. The token is shown here only; send it as `Authorization: Bearer <token>`.' })
export class CreateSessionPayload extends SessionPayload {}

@Directive(scopes([]))
@ObjectType({ description: 'An ended session.' })
export class RevokeSessionPayload {
  @Field(() => User, { description: 'The user signed out; their other sessions and API keys still work.' })
  user!: User;
}

@Directive(scopes([]))
@ObjectType({ description: 'A changed password.' })
export class ChangePasswordPayload {
  @Field(() => User, { description: 'The user whose password changed.' })
  user!: User;

  @Field(() => Int, { description: "How many of the user's other sessions were ended (the one that asked stays signed in)." })
  endedSessions!: number;
}
