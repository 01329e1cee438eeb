// A role in a workspace: a named set of permissions (fine scopes).
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../../lib/ids.js';
import { NODE_TYPE_TAGS } from '../../../lib/node-types.js';
import { Node } from '../nodes/node.interface.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { Scope } from '../../../lib/scope-enum.js';
import { WorkspaceOwned } from '../../../lib/workspace-filter.js';

@Entity({ tableName: 'roles' })
// Workspace-owned: every query sees the request's workspace only (lib/workspace-filter.ts).
@WorkspaceOwned()
@Unique({ properties: ['workspaceId', 'key'] })
@Directive(scopes(['roles:read']))
@ObjectType({ implements: Node, description: 'A role: a named set of permissions a member holds in the workspace.' })
export class Role {
  [PrimaryKeyProp]?: ['workspaceId', 'id'];
  [OptionalProps]?: 'id' | 'createdAt' | 'builtIn';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the role.' })
  id: string = newId(NODE_TYPE_TAGS.Role);

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Stable identifier, unique in the workspace: owner, admin, editor, viewer for the built-in roles.' })
  key!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'Built-in roles exist in every workspace and cannot be deleted.' })
  builtIn: boolean = false;

  @Property({ type: 'text[]' })
  @Field(() => [Scope], { description: 'Permissions, in the scope vocabulary (`TYPES_READ`, `MEMBERS_WRITE`, ...).' })
  permissions!: string[];

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the role was created.' })
  createdAt: Date = new Date();
}
