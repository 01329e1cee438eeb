// A field of a content type: its key (how items store the value), kind and rules.
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../../lib/ids.js';
import { NODE_TYPE_TAGS } from '../../../lib/node-types.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { NODE_ID_DESCRIPTION, NODE_ID_DIRECTIVE, NODE_KEY } from '../../../lib/node-reference.js';
import { FieldKind } from './field-kind.js';
import type { StoredFieldOptions } from './field-options.js';
import { WorkspaceOwned } from '../../../lib/workspace-filter.js';

@Entity({ tableName: 'content_fields' })
// Workspace-owned: every query sees the request's workspace only (lib/workspace-filter.ts).
@WorkspaceOwned()
@Unique({ properties: ['workspaceId', 'contentTypeId', 'key'] })
@Index({ properties: ['workspaceId', 'contentTypeId', 'position'] })
// Reached by `node(id:)` through identity's stub (lib/node-reference.ts).
@Directive(NODE_KEY)
@Directive(scopes(['types:read']))
@ObjectType({ description: 'A field of a content type: what its items may hold under `key`.' })
export class ContentField {
  [PrimaryKeyProp]?: ['workspaceId', 'id'];
  [OptionalProps]?: 'id' | 'nodeId' | 'createdAt' | 'options' | 'required' | 'unique';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the field.' })
  id: string = newId(NODE_TYPE_TAGS.ContentField);

  @Directive(NODE_ID_DIRECTIVE)
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  get nodeId(): string {
    return this.id;
  }

  @Property({ type: 'uuid' })
  contentTypeId!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Stable identifier, unique in the type (`^[a-z][a-z0-9_]*$`); the key of the value in `Item.values`.' })
  key!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Property({ type: 'text' })
  @Field(() => FieldKind, { description: 'What the field holds.' })
  kind!: FieldKind;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'Every item must have a value.' })
  required: boolean = false;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'No two items of the type may have the same value.' })
  unique: boolean = false;

  // Stored as it always was; the API answers it typed (`options`, ContentFieldResolver).
  @Property({ type: 'jsonb' })
  options: StoredFieldOptions = {};

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Order of the field in its type.' })
  position!: number;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the field was created.' })
  createdAt: Date = new Date();
}
