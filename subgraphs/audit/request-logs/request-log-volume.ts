// One bucket of requestLogVolume: how many requests, and how many of them failed, in one
// minute, hour or day. Counted in SQL (volume-buckets.ts), never listed row by row.
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';

// As RequestLog: whoever may list request logs may count them.
@Directive(scopes(['audit:read'], ['keys:read']))
@ObjectType({ description: 'How many requests one interval of `requestLogVolume` holds, as `requestLogs` would list them.' })
export class RequestLogVolume {
  @Field(() => Date, { description: 'When the interval starts (ISO-8601 UTC); it ends where the next one starts.' })
  start!: Date;

  @Field(() => Int, { description: 'Requests made in the interval.' })
  requests!: number;

  @Field(() => Int, { description: 'Requests in the interval whose outcome is not `OK` (an error code, or how the HTTP exchange failed).' })
  errors!: number;
}
