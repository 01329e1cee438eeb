// Audit's view of identity's Workspace: only its key, for AuditEvent.workspace. Identity
// resolves the rest, and only for a workspace the caller's credential may use.
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';

@Directive('@key(fields: "id", resolvable: false)')
@Directive(scopes([]))
@ObjectType({ description: "A workspace: a team's space holding its members, keys and content." })
export class Workspace {
  @Field(() => ID, { description: 'Opaque id of the workspace; send it as the `x-workspace-id` header.' })
  id!: string;
}
