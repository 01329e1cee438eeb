// Workspaces audit has been told are deleted: request logs that reach audit after the
// deletion (shipped late by a gateway) are dropped rather than kept without an owner.
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';

@Entity({ tableName: 'deleted_workspaces' })
export class DeletedWorkspace {
  [OptionalProps]?: 'deletedAt';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @Property({ type: 'timestamptz' })
  deletedAt: Date = new Date();
}
