// Inputs of trustIssuer.
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Which claims of a token say who its subject is; each defaults to the OpenID Connect standard claim.' })
export class ClaimMappingsInput {
  @Field(() => String, {
    nullable: true,
    description: 'The claim that carries the email address; default `email` (Microsoft Entra ID: `email`, or `preferred_username` when it is an address you verified).',
  })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'The claim that says the provider verified the address, which must be `true`; default `email_verified`.' })
  emailVerified?: string | null;
}

@InputType({ description: 'An identity provider for the current workspace to trust.' })
export class TrustIssuerInput {
  @Field(() => String, {
    description:
      'The issuer URL (`https://accounts.google.com`, `https://login.microsoftonline.com/<tenant>/v2.0`): its discovery document (`<issuerUrl>/.well-known/openid-configuration`) must name it as `issuer` and give a `jwks_uri`.',
  })
  issuerUrl!: string;

  @Field(() => String, { description: "The audience tokens must carry in `aud`: your app's client id at the provider." })
  audience!: string;

  @Field(() => ClaimMappingsInput, { nullable: true, description: 'Which claims carry the email and its verification; the standard ones when omitted.' })
  claimMappings?: ClaimMappingsInput | null;
}
