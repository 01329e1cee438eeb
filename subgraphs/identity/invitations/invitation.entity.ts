// An invitation to join a workspace with a role, mailed to its address. Only the SHA-256 of
// its token is stored; the token goes to the address by mail (and once to the inviter), and
// it lets in only a signed-in user whose verified email is that address (acceptInvitation).
// Single use: accepting, revoking and expiry each end it; resending replaces the token.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../lib/ids.js';
import { NODE_TYPE_TAGS } from '../../../lib/node-types.js';
import { Node } from '../nodes/node.interface.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { WorkspaceOwned } from '../../../lib/workspace-filter.js';

export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(InvitationStatus, {
  name: 'InvitationStatus',
  description: 'Where an invitation stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting: the user with the invited email, verified, can accept it until `expiresAt`.' },
    ACCEPTED: { description: 'Accepted: `acceptedBy` joined the workspace; the token works no more.' },
    REVOKED: { description: 'Revoked before anyone accepted it; the token works no more.' },
    EXPIRED: { description: 'Not accepted before `expiresAt`; the token works no more.' },
  },
});

@Entity({ tableName: 'invitations' })
// Workspace-owned: every query sees the request's workspace only (lib/workspace-filter.ts).
@WorkspaceOwned()
@Index({ properties: ['workspaceId', 'email'] })
// acceptInvitation finds an invitation by its token alone (the invitee knows no workspace
// yet). Not unique: a unique index must lead with workspace_id (DESIGN.md "Storage"), and
// 190 random bits do not collide.
@Index({ properties: ['tokenHash'] })
@Directive(scopes(['members:read']))
@ObjectType({ implements: Node, description: 'An invitation to join the workspace with a role, mailed to `email`. Only the user who signs in with that email, verified, can accept it.' })
export class Invitation {
  [PrimaryKeyProp]?: ['workspaceId', 'id'];
  [OptionalProps]?: 'id' | 'createdAt' | 'invitedByUserId' | 'invitedByKeyId' | 'acceptedAt' | 'acceptedByUserId' | 'revokedAt' | 'status' | 'lastSentAt' | 'sendCount';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the invitation.' })
  id: string = newId(NODE_TYPE_TAGS.Invitation);

  /** Lower-cased. */
  @Property({ type: 'text' })
  @Field(() => String, { description: 'Email address the invitation was made for (lower-cased).' })
  email!: string;

  @Property({ type: 'uuid' })
  roleId!: string;

  /** SHA-256 hex of the token; the token itself is never stored. */
  @Property({ type: 'text' })
  tokenHash!: string;

  /** The user who invited; null when a workspace key did (or for invitations made before tokens existed). */
  @Property({ type: 'uuid', nullable: true })
  invitedByUserId: string | null = null;

  /** The workspace key that invited, when one did. */
  @Property({ type: 'uuid', nullable: true })
  invitedByKeyId: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the invitation was made.' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the token stops working unless accepted before.' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was accepted; null until then.' })
  acceptedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  acceptedByUserId: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was revoked; null unless it was.' })
  revokedAt: Date | null = null;

  /** When the invitation was last mailed (inviteMember, addMember, resendInvitation); null for invitations made before invitations were mailed. */
  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the invitation was last mailed to `email` (made or resent); null for one made before invitations were mailed.' })
  lastSentAt: Date | null = null;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'How many times the invitation was mailed: 1 when made, one more per resendInvitation.' })
  sendCount: number = 0;

  @Field(() => InvitationStatus, { description: 'PENDING, ACCEPTED, REVOKED or EXPIRED.' })
  get status(): InvitationStatus {
    if (this.acceptedAt) return InvitationStatus.ACCEPTED;
    if (this.revokedAt) return InvitationStatus.REVOKED;
    if (this.expiresAt.getTime() <= Date.now()) return InvitationStatus.EXPIRED;
    return InvitationStatus.PENDING;
  }
}
