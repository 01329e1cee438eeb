// Audit's part of a workspace's deletion preview: how many request logs would go.
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';

@Directive('@key(fields: "workspaceId")')
@Directive(scopes([]))
@ObjectType({ description: 'Everything deleting the workspace would remove, counted per kind by the subgraph that owns it.' })
export class WorkspaceDeletionPreview {
  @Field(() => ID, { description: 'The workspace.' })
  workspaceId!: string;

  @Field(() => Int, { description: 'Request logs.' })
  requestLogs!: number;
}
