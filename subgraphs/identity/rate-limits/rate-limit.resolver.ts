// The rate-limit budget: `rateLimit` reads where the caller's stands (free when asked for
// alone: the gateway does not charge such a request), `setWorkspaceRateLimit` sets the
// workspace's. Thin: arguments in, service call, result out.
import { Arg, Ctx, Directive, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import type { IdentityContext } from '../context.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { RateLimit } from './rate-limit.js';
import { MIN_WORKSPACE_BUDGET_POINTS } from './rate-limit.service.js';

export const SetWorkspaceRateLimitPayload = ObjectPayloadType('setWorkspaceRateLimit', 'workspace', () => Workspace, {
  description: "A workspace's new rate-limit budget.",
  fieldDescription: 'The workspace, with its new `rateLimit`.',
});

@Resolver(() => RateLimit)
export class RateLimitResolver {
  // Any credential may read its own budget; anonymous callers never reach it (it is not
  // @public: the gateway and this subgraph refuse it to them).
  @Directive(scopes([]))
  @Query(() => RateLimit, {
    nullable: true,
    description:
      "Where your credential's rate-limit budget stands after this request: its limit, what this request cost, what remains and when the window ends. A request that asks for nothing but `rateLimit` (and `__typename`) is not charged.",
  })
  rateLimit(@Ctx() context: IdentityContext): RateLimit | null {
    return context.rateLimits.current();
  }

  @Directive(scopes(['workspaces:write']))
  @Mutation(() => SetWorkspaceRateLimitPayload, {
    description: `Sets the rate-limit budget (points per window) of every key and session acting in the current workspace, yours included, instead of the deployment default: from ${MIN_WORKSPACE_BUDGET_POINTS} to the deployment's ceiling (RATE_LIMIT_MAX_POINTS); null goes back to the default. Keys created with a lower \`rateLimit\` keep theirs. Applies from the next request, on every gateway.`,
  })
  async setWorkspaceRateLimit(
    @Arg('points', () => Int, { nullable: true, description: 'Points per window; null for the deployment default.' }) points: number | null,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof SetWorkspaceRateLimitPayload>> {
    return { workspace: await context.rateLimits.setWorkspaceRateLimit(points ?? null) };
  }
}
