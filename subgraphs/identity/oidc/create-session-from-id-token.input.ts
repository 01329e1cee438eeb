// Input of createSessionFromIdToken.
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'An ID token from a configured OpenID provider, to sign in with.' })
export class CreateSessionFromIdTokenInput {
  @Field(() => String, { description: 'Which configured provider issued the token: its id in OIDC_PROVIDERS (`google`, `microsoft`, `acme`), not its URL.' })
  issuer!: string;

  @Field(() => String, { description: 'The ID token (a signed JWT) exactly as the provider returned it, issued to the client id configured for that provider.' })
  idToken!: string;

  @Field(() => String, { nullable: true, description: 'The nonce your app sent in its authorization request; required when the token carries one, and must equal it.' })
  nonce?: string | null;
}
