// An identity provider a workspace trusts: a Bearer JWT it signed, for this audience, acts
// at the gateway as the member whose verified email the token carries (README "Bearer JWTs
// from your identity provider"). The JWKS address is read from the provider's discovery
// document when it is trusted, so the gateway never needs that document per request.
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../../lib/ids.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { DEFAULT_EMAIL_CLAIM, DEFAULT_EMAIL_VERIFIED_CLAIM } from '../../../lib/trusted-issuers.js';
import { WorkspaceOwned } from '../../../lib/workspace-filter.js';

// Reached only through a TrustedIssuer, whose fields are guarded by the root fields that return it.
@Directive(scopes([]))
@ObjectType('ClaimMappings', { description: 'Which claims of a token say who its subject is.' })
export class ClaimMappings {
  @Field(() => String, { description: 'The claim that carries the email address (default `email`).' })
  email!: string;

  @Field(() => String, { description: 'The claim that says the provider verified that address; it must be `true` (default `email_verified`).' })
  emailVerified!: string;
}

@Entity({ tableName: 'trusted_issuers' })
// Workspace-owned: every query sees the request's workspace only (lib/workspace-filter.ts).
@WorkspaceOwned()
// One trust per issuer and audience in a workspace (a second client id of the same provider is a second trust).
@Unique({ properties: ['workspaceId', 'issuerUrl', 'audience'] })
// Reached only through trustedIssuers and the trust mutations, which declare scopes.
@Directive(scopes([]))
@ObjectType({ description: 'An identity provider whose Bearer JWTs the workspace accepts, for the member whose verified email a token carries.' })
export class TrustedIssuer {
  [PrimaryKeyProp]?: ['workspaceId', 'id'];
  [OptionalProps]?: 'id' | 'createdAt' | 'createdByUserId' | 'createdByKeyId' | 'emailClaim' | 'emailVerifiedClaim' | 'claimMappings';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the trust; untrustIssuer takes it.' })
  id: string = newId();

  @Property({ type: 'text' })
  @Field(() => String, { description: "The issuer, exactly as its tokens' `iss` and its discovery document name it." })
  issuerUrl!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The audience a token must name in `aud` (the client id of your app at the provider).' })
  audience!: string;

  /** The discovery document's jwks_uri when it was trusted; the gateway fetches keys from here (and again on an unknown key id). */
  @Property({ type: 'text' })
  jwksUri!: string;

  @Property({ type: 'text' })
  emailClaim: string = DEFAULT_EMAIL_CLAIM;

  @Property({ type: 'text' })
  emailVerifiedClaim: string = DEFAULT_EMAIL_VERIFIED_CLAIM;

  @Field(() => ClaimMappings, { description: 'Which claims carry the email and say it is verified.' })
  get claimMappings(): ClaimMappings {
    return { email: this.emailClaim, emailVerified: this.emailVerifiedClaim };
  }

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the workspace started trusting it.' })
  createdAt: Date = new Date();

  /** Who trusted it: a user, and the key when a key was used (a workspace key has no user). */
  @Property({ type: 'uuid', nullable: true })
  createdByUserId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  createdByKeyId: string | null = null;
}
