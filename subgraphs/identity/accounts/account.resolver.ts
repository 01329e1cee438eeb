// resendVerification, verifyEmail, changeEmail, requestPasswordReset, resetPassword: what
// the mailed links of an account do. verifyEmail, requestPasswordReset and resetPassword are
// public: the mailed token (or the address) is all they take.
import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import { PUBLIC, scopes } from '../../../lib/scopes-directive.js';
import type { IdentityContext } from '../context.js';
import { ChangeEmailInput, ResetPasswordInput } from './account.input.js';
import { ChangeEmailPayload, RequestPasswordResetPayload, ResendVerificationPayload, ResetPasswordPayload, VerifyEmailPayload } from './account.payloads.js';

@Resolver()
export class AccountResolver {
  @Directive(scopes([]))
  @Mutation(() => ResendVerificationPayload, {
    description:
      'Mails a new verification link to your address (earlier links stop working); needs a session. Nothing is sent when the address is verified already. At most one a minute and five an hour (RATE_LIMITED with retryAfter).',
  })
  async resendVerification(@Ctx() context: IdentityContext): Promise<InstanceType<typeof ResendVerificationPayload>> {
    return { user: await context.accounts.resendVerification() };
  }

  @Directive(PUBLIC)
  @Mutation(() => VerifyEmailPayload, {
    description:
      'Uses the link of a verification mail (register, resendVerification) or of an email change (changeEmail); works without signing in. A link works once and expires (24 hours); an unusable one gets BAD_USER_INPUT on `token`.',
  })
  async verifyEmail(
    @Arg('token', () => String, { description: 'The token of the mailed link (`atv_…`, the `token` parameter of the link).' }) token: string,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof VerifyEmailPayload>> {
    return { user: await context.accounts.verifyEmail(token) };
  }

  @Directive(scopes([]))
  @Mutation(() => ChangeEmailPayload, {
    description:
      'Moves your account to another address once you prove it: a link is mailed to the new address, and the email changes when it is used (verifyEmail); the old address is then told. Needs a session and your password (checked as a sign-in is: RATE_LIMITED with retryAfter). An address another account uses cannot be chosen.',
  })
  async changeEmail(
    @Arg('input', () => ChangeEmailInput, { description: 'The new address and your password.' }) input: ChangeEmailInput,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof ChangeEmailPayload>> {
    return { user: await context.accounts.changeEmail(input) };
  }

  @Directive(PUBLIC)
  @Mutation(() => RequestPasswordResetPayload, {
    description:
      'Mails a password-reset link (single use, 1 hour) to the address, if it belongs to an account. The answer is the same, and as fast, either way. Limited per address and per client address like sign-in (RATE_LIMITED with retryAfter).',
  })
  async requestPasswordReset(@Arg('email', () => String, { description: 'The address of the account.' }) email: string, @Ctx() context: IdentityContext): Promise<RequestPasswordResetPayload> {
    return { email: await context.accounts.requestPasswordReset(email) };
  }

  @Directive(PUBLIC)
  @Mutation(() => ResetPasswordPayload, {
    description:
      'Sets a new password with the link of a password-reset mail; works without signing in. Every session of the user ends; API keys keep working. The address the link went to counts as verified. An unusable link gets BAD_USER_INPUT on `token`.',
  })
  resetPassword(
    @Arg('input', () => ResetPasswordInput, { description: 'The mailed token and the new password.' }) input: ResetPasswordInput,
    @Ctx() context: IdentityContext,
  ): Promise<ResetPasswordPayload> {
    return context.accounts.resetPassword(input);
  }
}
