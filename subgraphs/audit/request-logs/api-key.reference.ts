// Audit's view of the ApiKey entity that identity owns: only its key, extended with the
// key's request logs.
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';

// The same requirement as identity's ApiKey, so the composed type means one thing.
@Directive('@key(fields: "id")')
@Directive(scopes(['keys:read']))
@ObjectType({ description: 'An API key, as listed: never its secret.' })
export class ApiKey {
  @Field(() => ID, { description: 'Opaque id of the key.' })
  id!: string;
}

/** Audit holds no key rows: a reference resolves to itself. */
export function resolveApiKeyReference(reference: { id: string }): ApiKey {
  return Object.assign(new ApiKey(), { id: reference.id });
}
