// Membership of a user in a workspace, with the role that decides their permissions. A
// membership for an email without an account is a pending invitation: it becomes a
// membership when that email registers.
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../lib/ids.js';
import { scopes } from '../../../lib/scopes-directive.js';

export enum MemberStatus {
  ACTIVE = 'ACTIVE',
  INVITED = 'INVITED',
}

registerEnumType(MemberStatus, {
  name: 'MemberStatus',
  description: 'Whether the member has an account yet.',
  valuesConfig: { ACTIVE: { description: 'A user of this workspace.' }, INVITED: { description: 'Invited by email; joins on registering.' } },
});

@Entity({ tableName: 'members' })
@Unique({ properties: ['workspaceId', 'userId'] })
@Unique({ properties: ['workspaceId', 'invitedEmail'] })
// The principal lookup reads a user's memberships across workspaces.
@Index({ properties: ['userId'] })
@Index({ properties: ['invitedEmail'] })
@Directive(scopes(['members:read']))
@ObjectType({ description: 'A member of the workspace (or an invitation), with their role.' })
export class Member {
  [PrimaryKeyProp]?: ['workspaceId', 'id'];
  [OptionalProps]?: 'id' | 'createdAt' | 'userId' | 'invitedEmail' | 'status';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the membership.' })
  id: string = newId();

  /** Null while the membership is an invitation. */
  @Property({ type: 'uuid', nullable: true })
  userId: string | null = null;

  /** Set while the membership is an invitation (lower-cased). */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Email an invitation was sent to; null once the member has an account.' })
  invitedEmail: string | null = null;

  @Property({ type: 'uuid' })
  roleId!: string;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the member was added or invited.' })
  createdAt: Date = new Date();

  @Field(() => MemberStatus, { description: 'ACTIVE, or INVITED while waiting for the account.' })
  get status(): MemberStatus {
    return this.userId ? MemberStatus.ACTIVE : MemberStatus.INVITED;
  }
}
