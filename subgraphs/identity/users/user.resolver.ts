// me: the user behind the credential.
import { Ctx, Directive, Query, Resolver } from 'type-graphql';
import { notFound } from '../../../lib/errors.js';
import { scopes } from '../../../lib/scopes-directive.js';
import type { IdentityContext } from '../context.js';
import { requireUserId } from '../principal-guards.js';
import { User } from './user.entity.js';

@Resolver(() => User)
export class UserResolver {
  @Directive(scopes([]))
  @Query(() => User, { nullable: true, description: 'The user behind your credential; null for a workspace key, which acts for no user.' })
  async me(@Ctx() context: IdentityContext): Promise<User | null> {
    // A workspace key has no user: nothing to show, and nothing wrong with asking.
    if (context.principal.kind === 'workspace_key') return null;
    const user = await context.loaders.userById.load(requireUserId(context.principal));
    if (!user) throw notFound('User');
    return user;
  }
}
