// Who is in which group: one row per (group, user), workspace first.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { WorkspaceOwned } from '../../../lib/workspace-filter.js';

@Entity({ tableName: 'member_group_users' })
// Workspace-owned: every query sees the request's workspace only (lib/workspace-filter.ts).
@WorkspaceOwned()
@Index({ properties: ['workspaceId', 'userId'] })
export class MemberGroupUser {
  [PrimaryKeyProp]?: ['workspaceId', 'groupId', 'userId'];
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'uuid' })
  groupId!: string;

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
