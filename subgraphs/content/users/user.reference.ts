// Content's view of identity's User: only its key. Content stores user ids (createdBy,
// member fields) and lets the gateway fetch the rest from identity.
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';

@Directive('@key(fields: "id", resolvable: false)')
@Directive(scopes([]))
@ObjectType({ description: 'A person with an Atrium account.' })
export class User {
  @Field(() => ID, { description: 'Opaque id of the user.' })
  id!: string;
}
