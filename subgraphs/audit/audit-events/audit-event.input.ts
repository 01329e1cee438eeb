// Filter of auditEvents and User.auditEvents.
import { Field, ID, InputType } from 'type-graphql';
import { TimeRangeFilter } from '../time-range.input.js';

@InputType({ description: 'Which audit events to list. The time range defaults to the last 24 hours.' })
export class AuditEventFilter extends TimeRangeFilter {
  @Field(() => ID, { nullable: true, description: 'Only changes made by this user, or with this API key.' })
  actorId?: string;

  @Field(() => String, { nullable: true, description: 'Only this action, e.g. `apiKey.created`.' })
  action?: string;

  @Field(() => String, { nullable: true, description: 'Only changes to records of this type, e.g. `Item`.' })
  targetType?: string;

  @Field(() => ID, { nullable: true, description: 'Only changes to this record.' })
  targetId?: string;
}
