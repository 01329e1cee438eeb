// One API call as the gateway saw it, shipped in batches by the gateway's
// RequestLogShipper; read through requestLogs. The table is partitioned by day on
// created_at (see ../retention/day-partitions.ts), so the primary key leads with it.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { NODE_ID_DESCRIPTION, NODE_ID_DIRECTIVE, NODE_KEY } from '../../../lib/node-reference.js';
import { newId } from '../../../lib/ids.js';
import { OperationType, RequestOutcome } from './request-log.enums.js';
import { parseStoredOutcome } from '../../../lib/request-log.js';
import type { CredentialKind as WireCredentialKind } from '../../../lib/principal.js';
import { CredentialKind } from '../../../lib/credential-kind-enum.js';
import { NODE_TYPE_TAGS } from '../../../lib/node-types.js';

@Entity({ tableName: 'request_logs' })
@Index({ properties: ['workspaceId', 'createdAt'] })
@Index({ properties: ['keyId', 'createdAt'] })
// requestLogs(filter: { outcome }) asks which entries' comma-joined codes include one code:
// a GIN index over the codes as an array, so that a rare outcome (RATE_LIMITED among
// thousands of OK) is found through the index instead of a scan of every entry in range.
@Index({
  name: 'request_logs_outcomes_index',
  expression: `create index "request_logs_outcomes_index" on "audit"."request_logs" using gin (string_to_array("outcome", ','))`,
})
// Reached by `node(id:)` through identity's stub (lib/node-reference.ts).
@Directive(NODE_KEY)
@Directive(scopes(['audit:read'], ['keys:read']))
@ObjectType({ description: 'One API request: who made it, what it asked for and how it ended.' })
export class RequestLog {
  [OptionalProps]?:
    | 'id'
    | 'nodeId'
    | 'createdAt'
    | 'workspaceId'
    | 'operationName'
    | 'operationType'
    | 'credentialKind'
    | 'keyId'
    | 'userId'
    | 'rootFields'
    | 'clientIp'
    | 'userAgent'
    | 'documentHash'
    | 'clientName'
    | 'clientVersion';
  [PrimaryKeyProp]?: ['createdAt', 'id'];

  /**
   * The partition key; with the id it is the primary key (a retried entry keeps both).
   * First, because MikroORM orders the primary key columns as the properties are declared.
   */
  @PrimaryKey({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the request arrived (ISO-8601 UTC).' })
  createdAt: Date = new Date();

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the entry.' })
  id: string = newId(NODE_TYPE_TAGS.RequestLog);

  @Directive(NODE_ID_DIRECTIVE)
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  get nodeId(): string {
    return this.id;
  }

  @Property({ type: 'uuid', nullable: true })
  workspaceId: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => CredentialKind, { nullable: true, description: 'The kind of credential used; null without a credential.' })
  credentialKind: WireCredentialKind | null = null;

  /** RequestLog.apiKey. */
  @Property({ type: 'uuid', nullable: true })
  keyId: string | null = null;

  /** RequestLog.user. */
  @Property({ type: 'uuid', nullable: true })
  userId: string | null = null;

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'Root fields the operation asked for.' })
  rootFields: string[] = [];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Client address (behind trusted proxies, the forwarded one).' })
  clientIp: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "The client's User-Agent." })
  userAgent: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The client that made the request: the `apollographql-client-name` header, else the `client` of the API key; null when neither named one.',
  })
  clientName: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "The client's version: the `apollographql-client-version` header; null without one." })
  clientVersion: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      "SHA-256 (hex) of the operation's document: the id under which it is a trusted document or an automatic persisted query, and in schema usage. Null when the request carried no document.",
  })
  documentHash: string | null = null;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Correlation id of the request (the `x-correlation-id` header).' })
  correlationId!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Operation name, when the client gave one.' })
  operationName: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => OperationType, { nullable: true, description: 'The kind of operation; null when the request named none that could be read.' })
  operationType: string | null = null;

  /** Outcomes joined by commas, as stored; answered as a list by `outcomes`. */
  @Property({ type: 'text' })
  outcome!: string;

  @Field(() => [RequestOutcome], { name: 'outcome', description: '`OK` alone, or every error code the response carried (or how it failed), sorted.' })
  get outcomes(): string[] {
    return parseStoredOutcome(this.outcome).sort();
  }

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'HTTP status of the response.' })
  httpStatus!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Time from request to response, in milliseconds.' })
  durationMs!: number;
}
