// The time range every audit list filter has: it defaults to the last 24 hours and may
// not reach past retention (checked by timeWindow in time-window.ts). Named as ItemFilter
// names its range (createdAfter/createdBefore): one pair for a range of creation times.
import { Field, InputType } from 'type-graphql';

/** Extended by each list's filter; listed in no schema on its own (nothing takes it as is). */
@InputType({ description: 'A time range.' })
export class TimeRangeFilter {
  @Field(() => Date, { nullable: true, description: 'Created at or after (default: 24 hours ago; at most the retention window back).' })
  createdAfter?: Date;

  @Field(() => Date, { nullable: true, description: 'Created before (default: now).' })
  createdBefore?: Date;
}
