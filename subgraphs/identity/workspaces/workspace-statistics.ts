// Counts about a workspace. Identity answers for what it owns (members, keys); content
// and audit extend the same entity with theirs, so one query gathers them all.
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';

@Directive('@key(fields: "workspaceId")')
@Directive(scopes([]))
@ObjectType({ description: 'How much a workspace holds, counted by the subgraph that owns each kind.' })
export class WorkspaceStatistics {
  @Field(() => ID, { description: 'The workspace counted.' })
  workspaceId!: string;

  @Field(() => Int, { description: 'Members (pending invitations are not members yet).' })
  members!: number;

  @Field(() => Int, { description: 'API keys that work now, user and workspace keys.' })
  apiKeys!: number;
}

@Directive('@key(fields: "workspaceId")')
@Directive(scopes([]))
@ObjectType({ description: 'Everything deleting the workspace would remove, counted per kind by the subgraph that owns it.' })
export class WorkspaceDeletionPreview {
  @Field(() => ID, { description: 'The workspace.' })
  workspaceId!: string;

  @Field(() => Int, { description: 'Members.' })
  members!: number;

  @Field(() => Int, { description: 'Invitations, pending or not.' })
  invitations!: number;

  @Field(() => Int, { description: 'Roles, built-in ones included.' })
  roles!: number;

  @Field(() => Int, { description: 'Member groups.' })
  memberGroups!: number;

  @Field(() => Int, { description: 'API keys bound to the workspace (workspace keys) or authorized for it (user keys).' })
  apiKeys!: number;
}
