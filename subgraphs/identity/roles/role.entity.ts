// A role in a workspace: a named set of permissions (fine scopes).
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { newId } from '../../../lib/ids.js';

@Entity({ tableName: 'roles' })
@Unique({ properties: ['workspaceId', 'key'] })
export class Role {
  [PrimaryKeyProp]?: ['workspaceId', 'id'];
  [OptionalProps]?: 'id' | 'createdAt' | 'builtIn';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** Stable identifier: owner, admin, editor, viewer for the built-in roles. */
  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'boolean' })
  builtIn: boolean = false;

  @Property({ type: 'text[]' })
  permissions!: string[];

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
