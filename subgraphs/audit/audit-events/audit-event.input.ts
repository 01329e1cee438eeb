// Filter of auditEvents and User.auditEvents.
import { Field, ID, InputType } from 'type-graphql';
import { TimeRangeFilter } from '../time-range.input.js';
import { AuditAction, AuditTargetType } from './audit-event.enums.js';

@InputType({ description: 'Which audit events to list. The time range defaults to the last 24 hours.' })
export class AuditEventFilter extends TimeRangeFilter {
  @Field(() => ID, { nullable: true, description: 'Only changes made by this user, or with this API key.' })
  actorId?: string;

  @Field(() => AuditAction, { nullable: true, description: 'Only this action, e.g. `API_KEY_CREATED`.' })
  action?: string;

  @Field(() => AuditTargetType, { nullable: true, description: 'Only changes to records of this type, e.g. `ITEM`.' })
  targetType?: string;

  @Field(() => ID, { nullable: true, description: 'Only changes to this record.' })
  targetId?: string;
}
