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
  @Query(() => User, { description: 'The user behind your credential. Workspace keys have none.' })
  async me(@Ctx() context: IdentityContext): Promise<User> {
    const user = await context.loaders.userById.load(requireUserId(context.principal));
    if (!user) throw notFound('User');
    return user;
  }
}
