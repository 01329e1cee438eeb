// One API call as the gateway saw it. Written by the gateway's log shipper (a later
// step); read through requestLogs.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { newId } from '../../../lib/ids.js';

@Entity({ tableName: 'request_logs' })
@Index({ properties: ['workspaceId', 'createdAt'] })
@Directive(scopes(['audit:read']))
@ObjectType({ description: 'One API request: who made it, what it asked for and how it ended.' })
export class RequestLog {
  [OptionalProps]?: 'id' | 'createdAt' | 'workspaceId' | 'operationName' | 'operationType';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the entry.' })
  id: string = newId();

  @Property({ type: 'uuid', nullable: true })
  workspaceId: string | null = null;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Correlation id of the request (the `x-correlation-id` header).' })
  correlationId!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Operation name, when the client gave one.' })
  operationName: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '`query`, `mutation` or `subscription`.' })
  operationType: string | null = null;

  @Property({ type: 'text' })
  @Field(() => String, { description: '`OK`, or the error codes the response carried.' })
  outcome!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'HTTP status of the response.' })
  httpStatus!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Time from request to response, in milliseconds.' })
  durationMs!: number;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the request arrived (ISO-8601 UTC).' })
  createdAt: Date = new Date();
}
