// createSessionFromIdToken: signing in with an ID token an app already holds.
import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import { PUBLIC } from '../../../lib/scopes-directive.js';
import type { IdentityContext } from '../context.js';
import { CreateSessionPayload, type SessionPayload } from '../sessions/session.payloads.js';
import { CreateSessionFromIdTokenInput } from './create-session-from-id-token.input.js';

@Resolver()
export class OidcSessionResolver {
  @Directive(PUBLIC)
  @Mutation(() => CreateSessionPayload, {
    description:
      "Signs in with an ID token from a configured OpenID provider (Google, Microsoft, your company's). The token is verified against the provider's published keys: signature, issuer, audience (the configured client id), expiry and nonce; a refusal is INVALID_TOKEN (HTTP 401) with `extensions.reason`. A first sign-in links to the account with the same email when the provider vouches for it (email_verified), or creates a verified account; an email the provider does not vouch for never links.",
  })
  createSessionFromIdToken(
    @Arg('input', () => CreateSessionFromIdTokenInput, { description: 'The provider id, the ID token and the nonce you sent.' }) input: CreateSessionFromIdTokenInput,
    @Ctx() context: IdentityContext,
  ): Promise<SessionPayload> {
    return context.oidc.signInWithIdToken(input.issuer, input.idToken, input.nonce);
  }
}
