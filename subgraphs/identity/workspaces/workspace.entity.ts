// A workspace: the unit of tenancy. Identity owns it; content and audit extend it.
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { newId } from '../../../lib/ids.js';
import { NODE_TYPE_TAGS } from '../../../lib/node-types.js';
import { Node } from '../nodes/node.interface.js';

@Entity({ tableName: 'workspaces' })
@Directive('@key(fields: "id")')
// Reaching a workspace takes a guarded field (workspaces, workspace, a session payload).
@Directive(scopes([]))
@ObjectType({ implements: Node, description: "A workspace: a team's space holding its members, keys and content." })
export class Workspace {
  [OptionalProps]?: 'id' | 'createdAt' | 'description' | 'trustedDocumentsOnly' | 'rateLimit';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the workspace; send it as the `x-workspace-id` header.' })
  id: string = newId(NODE_TYPE_TAGS.Workspace);

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Display name of the workspace. Changed with updateWorkspace.' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the workspace is for; null when nobody said. Changed with updateWorkspace.' })
  description: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the workspace was created (ISO-8601 UTC).' })
  createdAt: Date = new Date();

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, {
    description: 'Trusted-documents mode: API keys may run only documents registered for this workspace (registerTrustedDocuments); sessions are not limited. Changed with setTrustedDocumentsOnly.',
  })
  trustedDocumentsOnly: boolean = false;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description:
      'The budget, in points per rate-limit window, of every key and session acting in this workspace, instead of the deployment default; a key created with its own lower `rateLimit` keeps that. Null: the deployment default. Changed with setWorkspaceRateLimit.',
  })
  rateLimit: number | null = null;
}
