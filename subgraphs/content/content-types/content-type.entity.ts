// A content type: the schema of a kind of item in one workspace (e.g. "Article").
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { NODE_ID_DESCRIPTION, NODE_ID_DIRECTIVE, NODE_KEY } from '../../../lib/node-reference.js';
import { newId } from '../../../lib/ids.js';
import { NODE_TYPE_TAGS } from '../../../lib/node-types.js';
import { WorkspaceOwned } from '../../../lib/workspace-filter.js';

@Entity({ tableName: 'content_types' })
// Workspace-owned: every query sees the request's workspace only (lib/workspace-filter.ts).
@WorkspaceOwned()
// workspace_id leads the primary key and every unique index (Citus-ready, DESIGN.md "Storage").
@Unique({ properties: ['workspaceId', 'key'] })
// Reached by `node(id:)` through identity's stub (lib/node-reference.ts).
@Directive(NODE_KEY)
@Directive(scopes(['types:read']))
@ObjectType({ description: 'A kind of content in a workspace, such as "Article", with the fields its items carry.' })
export class ContentType {
  [PrimaryKeyProp]?: ['workspaceId', 'id'];
  [OptionalProps]?: 'id' | 'nodeId' | 'createdAt' | 'updatedAt' | 'description' | 'itemCount';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the content type.' })
  id: string = newId(NODE_TYPE_TAGS.ContentType);

  @Directive(NODE_ID_DIRECTIVE)
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  get nodeId(): string {
    return this.id;
  }

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Stable identifier used in code, unique in the workspace (`^[a-z][a-z0-9_]*$`).' })
  key!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What this content type is for.' })
  description: string | null = null;

  /**
   * Items of the type, kept in the same transaction as every create and delete, so that
   * an unfiltered totalCount costs one row read on a type with millions of items.
   */
  @Property({ type: 'integer' })
  itemCount: number = 0;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the content type was created (ISO-8601 UTC).' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  @Field(() => Date, { description: 'When the content type was last changed (ISO-8601 UTC).' })
  updatedAt: Date = new Date();
}
