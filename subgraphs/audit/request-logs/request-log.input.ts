// Filters of requestLogs and ApiKey.requestLogs.
import { Field, ID, InputType } from 'type-graphql';
import { TimeRangeFilter } from '../time-range.input.js';
import { RequestOutcome } from './request-log.enums.js';

@InputType({ description: 'Which request logs of a key to list. The time range defaults to the last 24 hours.' })
export class RequestLogRangeFilter extends TimeRangeFilter {
  @Field(() => RequestOutcome, { nullable: true, description: 'Only requests with this outcome (`OK`, or an error code the response carried, e.g. `INSUFFICIENT_SCOPE`).' })
  outcome?: string;

  @Field(() => String, { nullable: true, description: 'Only this operation name.' })
  operationName?: string;
}

@InputType({ description: 'Which request logs to list. The time range defaults to the last 24 hours.' })
export class RequestLogFilter extends RequestLogRangeFilter {
  @Field(() => ID, { nullable: true, description: 'Only requests made with this API key.' })
  apiKeyId?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only your own requests (made as your user: with your keys and sessions; a workspace key: its own), even with `audit:read`. Without `audit:read` you see only your own anyway.',
  })
  mine?: boolean;
}
