// A group of members in a workspace (e.g. "Editors of the blog").
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../../lib/ids.js';
import { NODE_TYPE_TAGS } from '../../../lib/node-types.js';
import { Node } from '../nodes/node.interface.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { WorkspaceOwned } from '../../../lib/workspace-filter.js';

@Entity({ tableName: 'member_groups' })
// Workspace-owned: every query sees the request's workspace only (lib/workspace-filter.ts).
@WorkspaceOwned()
@Unique({ properties: ['workspaceId', 'name'] })
@Directive(scopes(['groups:read']))
@ObjectType({ implements: Node, description: 'A named group of members of the workspace.' })
export class MemberGroup {
  [PrimaryKeyProp]?: ['workspaceId', 'id'];
  [OptionalProps]?: 'id' | 'createdAt' | 'description';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the group.' })
  id: string = newId(NODE_TYPE_TAGS.MemberGroup);

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name, unique in the workspace.' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the group is for.' })
  description: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the group was created.' })
  createdAt: Date = new Date();
}
