// One change in a workspace or an account, as its subgraph recorded it in the change's
// own transaction (lib/audit-trail.ts) and its outbox delivered it: stored once by id.
// The table is partitioned by day on created_at, so the primary key leads with it.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { JSONResolver } from 'graphql-scalars';
import { scopes } from '../../../lib/scopes-directive.js';
import { currentAuditAction } from '../../../lib/audit-vocabulary.js';
import { AuditAction, AuditTargetType } from './audit-event.enums.js';
import { CredentialKind } from '../../../lib/credential-kind-enum.js';
import { NODE_ID_DESCRIPTION, NODE_ID_DIRECTIVE, NODE_KEY } from '../../../lib/node-reference.js';

@Directive(scopes([]))
@ObjectType({ description: 'What changed in one field of the target.' })
export class AuditChange {
  @Field(() => String, { description: 'The field (for items, the content field key).' })
  field!: string;

  @Field(() => JSONResolver, { nullable: true, description: 'Its value before; null when it had none, and for sensitive fields (see `valuesHidden`).' })
  old?: unknown;

  @Field(() => JSONResolver, { nullable: true, description: 'Its value after; null when it has none, and for sensitive fields (see `valuesHidden`).' })
  new?: unknown;

  @Field(() => Boolean, { description: 'True for a sensitive field (a password): only the fact that it changed is kept, never its values.' })
  valuesHidden!: boolean;
}

@Entity({ tableName: 'audit_events' })
@Index({ properties: ['workspaceId', 'createdAt'] })
@Index({ properties: ['actorUserId', 'createdAt'] })
// Reached by `node(id:)` through identity's stub (lib/node-reference.ts).
@Directive(NODE_KEY)
@Directive(scopes(['audit:read']))
@ObjectType({ description: 'One change: who made it, to what, and what changed.' })
export class AuditEvent {
  [OptionalProps]?: 'nodeId' | 'workspaceId' | 'actorUserId' | 'actorKeyId' | 'credentialKind' | 'correlationId';
  [PrimaryKeyProp]?: ['createdAt', 'id'];

  /** The partition key; with the id it is the primary key (a redelivered event keeps both). */
  @PrimaryKey({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the change was made (its transaction; ISO-8601 UTC).' })
  createdAt!: Date;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the event.' })
  id!: string;

  @Directive(NODE_ID_DIRECTIVE)
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  get nodeId(): string {
    return this.id;
  }

  /** AuditEvent.workspace. */
  @Property({ type: 'uuid', nullable: true })
  workspaceId: string | null = null;

  /** AuditEvent.actor. */
  @Property({ type: 'uuid', nullable: true })
  actorUserId: string | null = null;

  /** AuditEvent.apiKey. */
  @Property({ type: 'uuid', nullable: true })
  actorKeyId: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => CredentialKind, { nullable: true, description: 'The kind of credential the change was made with; null when nobody was signed in yet (sign-up, sign-in).' })
  credentialKind: string | null = null;

  /** As stored: possibly a name since renamed (lib/audit-vocabulary.ts), read through `currentAction`. */
  @Property({ type: 'text' })
  action!: string;

  @Field(() => AuditAction, { name: 'action', description: 'What happened: the target type and a verb, e.g. `API_KEY_CREATED`, `MEMBER_ROLE_CHANGED`, `ITEM_UPDATED`.' })
  get currentAction(): string {
    return currentAuditAction(this.action);
  }

  @Property({ type: 'text' })
  @Field(() => AuditTargetType, { description: 'Type of the changed record: `API_KEY` (an `ApiKey`), `MEMBER`, `ITEM`, ...' })
  targetType!: string;

  @Property({ type: 'text' })
  @Field(() => ID, { description: 'Id of the changed record.' })
  targetId!: string;

  @Property({ type: 'jsonb' })
  changes!: { field: string; old?: unknown; new?: unknown }[];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Correlation id of the request that made the change (its `x-correlation-id`); matches its request log.' })
  correlationId: string | null = null;
}
