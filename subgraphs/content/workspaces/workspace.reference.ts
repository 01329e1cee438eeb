// Content's view of the Workspace entity that identity owns: only its key, extended
// with the content fields.
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';

@Directive('@key(fields: "id")')
@Directive(scopes([]))
@ObjectType({ description: "A workspace: a team's space holding its members, keys and content." })
export class Workspace {
  @Field(() => ID, { description: 'Opaque id of the workspace; send it as the `x-workspace-id` header.' })
  id!: string;
}

/** Content holds no workspace rows: a reference resolves to itself. */
export function resolveWorkspaceReference(reference: { id: string }): Workspace {
  return Object.assign(new Workspace(), { id: reference.id });
}
