// The answer of the `rateLimit` query: where the caller's budget stands, as the gateway
// charged it for this very request (GitHub's `rateLimit { limit cost remaining resetAt }`).
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';

@Directive(scopes([]))
@ObjectType({ description: "Where your credential's rate-limit budget stands, after this request." })
export class RateLimit {
  @Field(() => Int, { description: "Your budget: points per window (the workspace's, a key's own lower one, or the deployment default)." })
  limit!: number;

  @Field(() => Int, { description: 'Points this request was charged: its cost (at least 1), or 0 when it asks for nothing but `rateLimit`.' })
  cost!: number;

  @Field(() => Int, { description: 'Points left in the window, after this request.' })
  remaining!: number;

  @Field(() => Date, { description: 'When the window ends and the budget is whole again (ISO-8601 UTC).' })
  resetAt!: Date;
}
