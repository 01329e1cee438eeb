// Audit's part of identity's User: the user's own audit trail (`me { auditEvents }`).
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';

@Directive('@key(fields: "id")')
@Directive(scopes([]))
@ObjectType({ description: 'A person with an Atrium account.' })
export class User {
  @Field(() => ID, { description: 'Opaque id of the user.' })
  id!: string;
}
