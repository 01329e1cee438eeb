// The answer of leaveWorkspace: the membership that ended, and the workspace it was in, so
// a client can drop both from its cache (the caller can no longer read the workspace).
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';

@Directive(scopes([]))
@ObjectType({ description: 'A workspace you left.' })
export class LeaveWorkspacePayload {
  @Field(() => ID, { description: 'Id of your membership, which ended.' })
  deletedId!: string;

  @Field(() => ID, { description: 'Id of the workspace you left; your credentials no longer work in it.' })
  workspaceId!: string;
}
