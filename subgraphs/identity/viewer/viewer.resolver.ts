// viewer: the caller, its workspace and role there, and what it may do. Thin: the facts
// come from the signed principal; the linked objects through the usual loaders.
import { Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { ApiKey } from '../api-keys/api-key.entity.js';
import type { IdentityContext } from '../context.js';
import { Role } from '../roles/role.entity.js';
import { User } from '../users/user.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Viewer } from './viewer.js';

@Resolver(() => Viewer)
export class ViewerResolver {
  // Any credential may ask who it is; anonymous callers never reach it (not @public).
  @Directive(scopes([]))
  @Query(() => Viewer, { description: 'Who is calling, in which workspace, with which role and scopes, and what it may do: one query for every control of a UI.' })
  viewer(@Ctx() context: IdentityContext): Viewer {
    return new Viewer(context.principal);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user behind the credential; null for a workspace key, which acts for no user.' })
  user(@Root() viewer: Viewer, @Ctx() context: IdentityContext): Promise<User | null> | null {
    return viewer.principal.userId ? context.loaders.userById.load(viewer.principal.userId) : null;
  }

  @FieldResolver(() => ApiKey, {
    nullable: true,
    description:
      'The key the request was made with; null for a session. An ApiKey like any other: its fields need `keys:read`, so a key without it gets null here with INSUFFICIENT_SCOPE (the rest of `viewer` still answers; `credentialKind` and `scopes` say what the key is and may do).',
  })
  apiKey(@Root() viewer: Viewer, @Ctx() context: IdentityContext): Promise<ApiKey | null> | null {
    return viewer.principal.keyId ? context.loaders.apiKeyById.load(viewer.principal.keyId) : null;
  }

  // The same object under the same scope as Query.workspace.
  @Directive(scopes(['workspaces:read']))
  @FieldResolver(() => Workspace, { nullable: true, description: "The current workspace (as `Query.workspace`: the header's, or the only one your credential may use); null without one." })
  workspace(@Root() viewer: Viewer, @Ctx() context: IdentityContext): Promise<Workspace | null> | null {
    return viewer.principal.workspaceId ? context.loaders.workspaceById.load(viewer.principal.workspaceId) : null;
  }

  @FieldResolver(() => Role, {
    nullable: true,
    description: 'Your role in the current workspace; null for a workspace key (it has scopes, not a role) and without a workspace. A Role like any other: it needs `roles:read`.',
  })
  async role(@Ctx() context: IdentityContext): Promise<Role | null> {
    const member = await context.members.own();
    return member ? context.loaders.roleById.load(member.roleId) : null;
  }
}
