// Membership of a user in a workspace, with the role that decides their permissions.
// Someone without a membership joins through an invitation (invitations/), never by
// registering with an email address.
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../lib/ids.js';
import { NODE_TYPE_TAGS } from '../../../lib/node-types.js';
import { Node } from '../nodes/node.interface.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { WorkspaceOwned } from '../../../lib/workspace-filter.js';

export enum MemberStatus {
  ACTIVE = 'ACTIVE',
  INVITED = 'INVITED',
}

registerEnumType(MemberStatus, {
  name: 'MemberStatus',
  description: 'Deprecated with Member.status: every member is ACTIVE.',
  valuesConfig: {
    ACTIVE: { description: 'A user of this workspace.' },
    INVITED: { description: 'Never returned any more: pending invitations are `invitations`.', deprecationReason: 'Invitations are listed by `invitations`.' },
  },
});

@Entity({ tableName: 'members' })
// Workspace-owned: every query sees the request's workspace only (lib/workspace-filter.ts).
@WorkspaceOwned()
@Unique({ properties: ['workspaceId', 'userId'] })
// The principal lookup reads a user's memberships across workspaces.
@Index({ properties: ['userId'] })
@Directive(scopes(['members:read']))
@ObjectType({ implements: Node, description: 'A member of the workspace, with their role.' })
export class Member {
  [PrimaryKeyProp]?: ['workspaceId', 'id'];
  [OptionalProps]?: 'id' | 'createdAt' | 'invitedEmail' | 'status';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the membership.' })
  id: string = newId(NODE_TYPE_TAGS.Member);

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  roleId!: string;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the member joined.' })
  createdAt: Date = new Date();

  // Kept so that clients written against the old pending members keep working.
  @Field(() => String, {
    nullable: true,
    description: 'Always null: a member always has an account. Pending invitations are listed by `invitations`.',
    deprecationReason: 'Pending invitations are `invitations`; a member always has an account.',
  })
  get invitedEmail(): string | null {
    return null;
  }

  @Field(() => MemberStatus, { description: 'Always ACTIVE.', deprecationReason: 'Every member is ACTIVE; pending invitations are `invitations` with their own status.' })
  get status(): MemberStatus {
    return MemberStatus.ACTIVE;
  }
}
