// me, the user behind the credential, and updateMe, the changes they make to it.
import { Arg, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import { notFound } from '../../../lib/errors.js';
import { ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import type { IdentityContext } from '../context.js';
import { requireUserId } from '../principal-guards.js';
import { User } from './user.entity.js';
import { UpdateMeInput } from './user.input.js';

export const UpdateMePayload = ObjectPayloadType('updateMe', 'user', () => User, {
  description: 'Your changed account.',
  fieldDescription: 'You, as changed.',
});

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

  // keys:write is the scope of managing your own account: every built-in role holds it
  // (so a session may always rename its user, whatever workspace it works in), coarse
  // scopes never grant it (a `read` or `write` key cannot), and a key given it may already
  // mint keys for its user, which is more than a new name. A workspace key has no user.
  @Directive(scopes(['keys:write']))
  @Mutation(() => UpdateMePayload, {
    description:
      'Changes your own account (its display name). Needs a user behind the credential: a session, or a user key granted `keys:write` by name, the scope of managing your own account; a workspace key gets FORBIDDEN.',
  })
  async updateMe(@Arg('input', () => UpdateMeInput, { description: 'What to change.' }) input: UpdateMeInput, @Ctx() context: IdentityContext): Promise<InstanceType<typeof UpdateMePayload>> {
    return { user: await context.users.updateMe(input) };
  }
}
