// An API key. Only the SHA-256 of its secret is stored; the secret is shown once.
// Keys are never edited: rotation makes a new key and ends the old one after a grace period.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../../lib/ids.js';
import { NODE_TYPE_TAGS } from '../../../lib/node-types.js';
import { Node } from '../nodes/node.interface.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { ApiKeyKind, ApiKeyStatus } from './api-key.enums.js';
import { Scope } from '../../../lib/scope-enum.js';

@Entity({ tableName: 'api_keys' })
@Index({ properties: ['userId'] })
@Index({ properties: ['workspaceId'] })
// ApiKey.rotatedFrom: the key whose rotation made this one.
@Index({ properties: ['rotatedToKeyId'] })
@Directive('@key(fields: "id")')
@Directive(scopes(['keys:read']))
@ObjectType({ implements: Node, description: 'An API key, as listed: never its secret.' })
export class ApiKey {
  [OptionalProps]?: 'id' | 'createdAt' | 'revokedAt' | 'lastUsedAt' | 'rotatedToKeyId' | 'userId' | 'workspaceId' | 'expiresAt' | 'status' | 'trustedDocumentsOnly' | 'rateLimit' | 'client';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the key.' })
  id: string = newId(NODE_TYPE_TAGS.ApiKey);

  @Property({ type: 'text' })
  @Field(() => ApiKeyKind, { description: 'USER or WORKSPACE.' })
  kind!: ApiKeyKind;

  /** The owner of a user key; null for a workspace key. */
  @Property({ type: 'uuid', nullable: true })
  userId: string | null = null;

  /** The workspace of a workspace key; null for a user key. */
  @Property({ type: 'uuid', nullable: true })
  workspaceId: string | null = null;

  @Property({ type: 'uuid' })
  createdByUserId!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'What the key is for.' })
  description!: string;

  @Property({ type: 'text', unique: true })
  secretHash!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Prefix, first and last characters of the secret (`atk_4fQx…9Zb1`), to recognise it.' })
  hint!: string;

  @Property({ type: 'text[]' })
  @Field(() => [Scope], { description: "Scopes granted to the key; in a workspace they are further limited by its user's role." })
  scopes!: string[];

  /** Workspaces the key is authorized for (a workspace key: its own). */
  @Property({ type: 'uuid[]' })
  workspaceIds!: string[];

  /** Set at creation only (keys are never edited); a rotation's new key inherits it. */
  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: "When true the key runs only trusted documents (registered operations) of its workspace, whatever the workspace's own setting." })
  trustedDocumentsOnly: boolean = false;

  /** Set at creation only (keys are never edited); a rotation's new key inherits it. */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description:
      "The key's own budget, in points per rate-limit window, set when it was created. It only ever lowers the budget: the key gets at most its workspace's (Workspace.rateLimit, else the deployment default). Null: the workspace's budget. The `rateLimit` query tells the budget in force.",
  })
  rateLimit: number | null = null;

  /** Set at creation only (keys are never edited); a rotation's new key inherits it. Valid per lib/client-name.ts. */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      "The client name the gateway records this key's requests under when a request carries no `apollographql-client-name` header; shown in schema usage. Set when the key was created; null: none.",
  })
  client: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the key was created.' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the key stops working; null if it never expires.' })
  expiresAt: Date | null = null;

  /** Set when revoked; in the future while a rotation's grace period runs. */
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  rotatedToKeyId: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the key was last used (updated at most once a minute).' })
  lastUsedAt: Date | null = null;

  @Field(() => ApiKeyStatus, { description: 'Whether the key works now.' })
  get status(): ApiKeyStatus {
    const now = Date.now();
    if (this.revokedAt && this.revokedAt.getTime() <= now) return ApiKeyStatus.REVOKED;
    if (this.expiresAt && this.expiresAt.getTime() <= now) return ApiKeyStatus.EXPIRED;
    return ApiKeyStatus.ACTIVE;
  }
}
