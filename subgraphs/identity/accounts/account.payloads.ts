// What the account mutations answer: resendVerification, verifyEmail, changeEmail,
// requestPasswordReset, resetPassword.
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { User } from '../users/user.entity.js';

export const ResendVerificationPayload = ObjectPayloadType('resendVerification', 'user', () => User, {
  description: 'A verification mail on its way, unless the address was verified already (then nothing is sent).',
  fieldDescription: 'You; `emailVerified` says whether a mail was needed.',
});

export const VerifyEmailPayload = ObjectPayloadType('verifyEmail', 'user', () => User, {
  description: 'A verified address: the account’s own, or the new one of changeEmail, which is now the account’s email.',
  fieldDescription: 'The user whose address was verified.',
});

export const ChangeEmailPayload = ObjectPayloadType('changeEmail', 'user', () => User, {
  description: 'A confirmation link mailed to the new address; the email changes when it is opened (verifyEmail).',
  fieldDescription: 'You, with your email unchanged until the link is used.',
});

@Directive(scopes([]))
@ObjectType({ description: 'A password reset asked for. The answer is the same whether or not the address has an account.' })
export class RequestPasswordResetPayload {
  @Field(() => String, { description: 'The address, as Atrium reads it (trimmed, lower case). If it belongs to an account, a link is on its way there.' })
  email!: string;
}

@Directive(scopes([]))
@ObjectType({ description: 'A new password, set with a mailed link.' })
export class ResetPasswordPayload {
  @Field(() => User, { description: 'The user whose password was set; sign in with it (createSession).' })
  user!: User;

  @Field(() => Int, { description: 'How many sessions of the user were ended (all of them).' })
  endedSessions!: number;
}
