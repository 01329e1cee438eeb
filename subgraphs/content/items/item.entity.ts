// An item: one record of a content type, its values keyed by field key in jsonb.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { JSONResolver } from 'graphql-scalars';
import { newId } from '../../../lib/ids.js';
import { NODE_TYPE_TAGS } from '../../../lib/node-types.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { NODE_ID_DESCRIPTION, NODE_ID_DIRECTIVE, NODE_KEY } from '../../../lib/node-reference.js';
import { WorkspaceOwned } from '../../../lib/workspace-filter.js';

@Entity({ tableName: 'items' })
// Workspace-owned: every query sees the request's workspace only (lib/workspace-filter.ts).
@WorkspaceOwned()
// Every index leads with the workspace, then the type: the shape of every query here.
@Index({ properties: ['workspaceId', 'contentTypeId', 'id'] })
@Index({ properties: ['workspaceId', 'contentTypeId', 'createdAt', 'id'] })
@Index({ properties: ['workspaceId', 'contentTypeId', 'updatedAt', 'id'] })
// Equality filters use jsonb containment; a GIN index cannot lead with a scalar column,
// so it serves the containment test while the btree indexes above narrow by workspace.
@Index({ name: 'items_values_gin', expression: 'create index "items_values_gin" on "content"."items" using gin ("values" jsonb_path_ops)' })
@Directive('@key(fields: "id")')
// Reached by `node(id:)` through identity's stub (lib/node-reference.ts).
@Directive(NODE_KEY)
@Directive(scopes(['items:read']))
@ObjectType({ description: 'An item of a content type.' })
export class Item {
  [PrimaryKeyProp]?: ['workspaceId', 'id'];
  [OptionalProps]?: 'id' | 'nodeId' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the item.' })
  id: string = newId(NODE_TYPE_TAGS.Item);

  @Directive(NODE_ID_DIRECTIVE)
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  get nodeId(): string {
    return this.id;
  }

  @Property({ type: 'uuid' })
  contentTypeId!: string;

  @Property({ type: 'jsonb' })
  @Field(() => JSONResolver, { description: 'The values, keyed by field key.' })
  values!: Record<string, unknown>;

  /** User id; null when a workspace key (no user) wrote it. */
  @Property({ type: 'uuid', nullable: true })
  createdBy: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  updatedBy: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the item was created.' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the item was last changed.' })
  updatedAt: Date = new Date();
}
