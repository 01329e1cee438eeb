// The answer of createApiKey and rotateApiKey: the only place a secret is ever shown.
import { Directive, Field, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { ApiKey } from './api-key.entity.js';

@Directive(scopes([]))
@ObjectType({ description: 'A new key and its secret. Store the secret now: it is never shown again.' })
export class CreatedApiKey {
  @Field(() => ApiKey, { description: 'The key, as lists show it.' })
  apiKey!: ApiKey;

  @Field(() => String, { description: 'The secret (`atk_…` or `atw_…`). Send it as `x-api-key`.' })
  secret!: string;
}
