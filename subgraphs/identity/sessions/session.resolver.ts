// register, createSession, revokeSession, changePassword.
import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import { PUBLIC, scopes } from '../../../lib/scopes-directive.js';
import type { IdentityContext } from '../context.js';
import { ChangePasswordInput, CreateSessionInput, RegisterInput } from './session.input.js';
import { ChangePasswordPayload, CreateSessionPayload, RegisterPayload, RevokeSessionPayload, type SessionPayload } from './session.payloads.js';

@Resolver()
export class SessionResolver {
  @Directive(PUBLIC)
  @Mutation(() => RegisterPayload, { description: 'Creates an account and signs it in. Works without a credential; limited per client address (RATE_LIMITED with retryAfter).' })
  register(@Arg('input', () => RegisterInput, { description: 'Email, password and name of the new user.' }) input: RegisterInput, @Ctx() context: IdentityContext): Promise<SessionPayload> {
    return context.sessions.register(input);
  }

  @Directive(PUBLIC)
  @Mutation(() => CreateSessionPayload, {
    description:
      'Signs in with email and password. A wrong email and a wrong password give the same error. Tries are limited per account and client address, per account and per address: over a limit the answer is RATE_LIMITED with retryAfter (seconds), and the password is not checked.',
  })
  createSession(
    @Arg('input', () => CreateSessionInput, { description: 'Email and password; optionally the workspace to start in.' }) input: CreateSessionInput,
    @Ctx() context: IdentityContext,
  ): Promise<SessionPayload> {
    return context.sessions.createSession(input);
  }

  @Directive(scopes([]))
  @Mutation(() => RevokeSessionPayload, { description: 'Signs out: the calling session token stops working at once.' })
  revokeSession(@Ctx() context: IdentityContext): Promise<RevokeSessionPayload> {
    return context.sessions.revoke();
  }

  @Directive(scopes([]))
  @Mutation(() => ChangePasswordPayload, {
    description:
      "Changes the signed-in user's password; needs a session (a person signed in), not an API key. The current password is checked as a sign-in is (same limits: RATE_LIMITED with retryAfter). Every other session of the user ends at once; this one stays. API keys are not affected.",
  })
  changePassword(
    @Arg('input', () => ChangePasswordInput, { description: 'The current password and the new one.' }) input: ChangePasswordInput,
    @Ctx() context: IdentityContext,
  ): Promise<ChangePasswordPayload> {
    return context.sessions.changePassword(input);
  }
}
