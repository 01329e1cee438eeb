// What the key mutations answer. A secret appears only in the answer of createApiKey,
// createWorkspaceKey and rotateApiKey, and never again.
import { Directive, Field, ObjectType } from 'type-graphql';
import { ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { ApiKey } from './api-key.entity.js';

/** A key and its secret, as the service issues it; each mutation answers it as its own payload type. */
// Not in the schema itself (no mutation answers it): the fields its subclasses share.
@ObjectType({ description: 'Not in the schema.' })
export class CreatedApiKey {
  // Nullable: a caller with keys:write but not keys:read still gets the secret, which
  // exists only here; ApiKey's fields need keys:read.
  @Field(() => ApiKey, { nullable: true, description: 'The key, as lists show it. Null, with INSUFFICIENT_SCOPE, without `keys:read`.' })
  apiKey!: ApiKey;

  @Field(() => String, { description: 'The secret (`atk_…` or `atw_…`). Send it as `x-api-key`.' })
  secret!: string;
}

@Directive(scopes([]))
@ObjectType({ description: 'A new user key and its secret. Store the secret now: it is never shown again.' })
export class CreateApiKeyPayload extends CreatedApiKey {}

@Directive(scopes([]))
@ObjectType({ description: 'A new workspace key and its secret. Store the secret now: it is never shown again.' })
export class CreateWorkspaceKeyPayload extends CreatedApiKey {}

@Directive(scopes([]))
@ObjectType({ description: 'A rotated key: the key that answers to the new secret, and that secret. Store the secret now: it is never shown again.' })
export class RotateApiKeyPayload extends CreatedApiKey {}

export const RevokeApiKeyPayload = ObjectPayloadType('revokeApiKey', 'apiKey', () => ApiKey, {
  description: 'A revoked key.',
  fieldDescription: 'The key, now REVOKED.',
  deniableWithout: 'keys:read',
});
