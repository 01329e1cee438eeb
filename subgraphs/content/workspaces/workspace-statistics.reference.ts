// Content's part of the workspace counts (identity owns the entities; content adds its
// own counters). Only the request's own workspace is counted; any other is FORBIDDEN
// (lib/current-workspace.ts, in the reference resolvers of schema.ts).
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';

@Directive('@key(fields: "workspaceId")')
@Directive(scopes([]))
@ObjectType({ description: 'How much a workspace holds, counted by the subgraph that owns each kind.' })
export class WorkspaceStatistics {
  @Field(() => ID, { description: 'The workspace counted.' })
  workspaceId!: string;

  @Field(() => Int, { description: 'Content types.' })
  contentTypes!: number;

  @Field(() => Int, { description: 'Items of every type.' })
  items!: number;
}

@Directive('@key(fields: "workspaceId")')
@Directive(scopes([]))
@ObjectType({ description: 'Everything deleting the workspace would remove, counted per kind by the subgraph that owns it.' })
export class WorkspaceDeletionPreview {
  @Field(() => ID, { description: 'The workspace.' })
  workspaceId!: string;

  @Field(() => Int, { description: 'Content types.' })
  contentTypes!: number;

  @Field(() => Int, { description: 'Fields of those content types.' })
  contentFields!: number;

  @Field(() => Int, { description: 'Items of every type.' })
  items!: number;
}
