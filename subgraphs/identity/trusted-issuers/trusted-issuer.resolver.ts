// Trusted issuer queries and mutations; thin: arguments in, service call, result out.
// Scopes: which identity providers may speak for members is workspace configuration, as
// trusted documents are: reading it `workspaces:read`, changing it `workspaces:write`
// (owners and admins).
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { DeletePayloadType, ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import type { IdentityContext } from '../context.js';
import { User } from '../users/user.entity.js';
import { TrustedIssuer } from './trusted-issuer.entity.js';
import { TrustIssuerInput } from './trusted-issuer.input.js';

export const TrustIssuerPayload = ObjectPayloadType('trustIssuer', 'trustedIssuer', () => TrustedIssuer, {
  description: 'A newly trusted identity provider.',
  fieldDescription: 'The trust: Bearer JWTs from this issuer for this audience are accepted from the next request.',
});

export const UntrustIssuerPayload = DeletePayloadType('untrustIssuer', 'An identity provider no longer trusted.', 'Id of the trust removed; its tokens are refused within a second on every gateway.');

export const TrustedIssuerConnection = ConnectionType(TrustedIssuer, 'TrustedIssuer');

@Resolver(() => TrustedIssuer)
export class TrustedIssuerResolver {
  @Directive(scopes(['workspaces:read']))
  @Query(() => TrustedIssuerConnection, { nullable: true, description: 'The identity providers whose Bearer JWTs the current workspace accepts, oldest first.' })
  trustedIssuers(@Args(() => PageArgs) page: PageArgs, @Ctx() context: IdentityContext): Promise<Connection<TrustedIssuer>> {
    return context.trustedIssuers.list(page);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who trusted it; null when a workspace key did.' })
  createdBy(@Root() issuer: TrustedIssuer, @Ctx() context: IdentityContext): Promise<User | null> | null {
    return issuer.createdByUserId ? context.loaders.userById.load(issuer.createdByUserId) : null;
  }

  @Directive(scopes(['workspaces:write']))
  @Mutation(() => TrustIssuerPayload, {
    description:
      "Trusts an OpenID provider in the current workspace: a request with `Authorization: Bearer <JWT>` it signed for `audience`, with `x-workspace-id`, then acts as the member whose verified email the token carries, with that member's role. The issuer's discovery document is read now: it must name `issuerUrl` as its issuer and give a jwks_uri (BAD_USER_INPUT otherwise).",
  })
  async trustIssuer(
    @Arg('input', () => TrustIssuerInput, { description: 'The issuer, the audience, and optionally which claims carry the email.' }) input: TrustIssuerInput,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof TrustIssuerPayload>> {
    return { trustedIssuer: await context.trustedIssuers.trust(input) };
  }

  @Directive(scopes(['workspaces:write']))
  @Mutation(() => UntrustIssuerPayload, {
    description: 'Stops trusting an identity provider in the current workspace: its tokens get INVALID_TOKEN (untrusted_issuer) within a second on every gateway.',
  })
  async untrustIssuer(@Arg('id', () => ID, { description: 'Id of the trust (trustedIssuers).' }) id: string, @Ctx() context: IdentityContext): Promise<InstanceType<typeof UntrustIssuerPayload>> {
    return { deletedId: (await context.trustedIssuers.untrust(id)).id };
  }
}
