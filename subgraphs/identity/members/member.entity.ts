// Membership of a user in a workspace, with the role that decides their permissions.
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { newId } from '../../../lib/ids.js';

@Entity({ tableName: 'members' })
@Unique({ properties: ['workspaceId', 'userId'] })
// The principal lookup reads a user's memberships across workspaces.
@Index({ properties: ['userId'] })
export class Member {
  [PrimaryKeyProp]?: ['workspaceId', 'id'];
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  roleId!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
