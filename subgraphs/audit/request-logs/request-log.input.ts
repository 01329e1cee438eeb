// Filter of requestLogs.
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Which request logs to list. The time range defaults to the last 24 hours.' })
export class RequestLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only requests made with this API key.' })
  apiKeyId?: string;

  @Field(() => Date, { nullable: true, description: 'From this time on (default: 24 hours ago; at most the retention window back).' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Before this time (default: now).' })
  to?: Date;

  @Field(() => String, { nullable: true, description: '`OK`, or an error code the response carried (e.g. `INSUFFICIENT_SCOPE`).' })
  outcome?: string;

  @Field(() => String, { nullable: true, description: 'Only this operation name.' })
  operationName?: string;
}
