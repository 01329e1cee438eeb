// Role queries and mutations; Role.memberCount through a DataLoader; Workspace.roles, the root
// `roles` hung from the workspace it lists.
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { CURRENT_WORKSPACE_ONLY, requireCurrentWorkspace } from '../../../lib/current-workspace.js';
import type { IdentityContext } from '../context.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Role } from './role.entity.js';
import { CreateRoleInput, UpdateRoleInput } from './role.input.js';
import { Scope } from '../../../lib/scope-enum.js';

export const RoleConnection = ConnectionType(Role, 'Role');

@Resolver(() => Role)
export class RoleResolver {
  @Directive(scopes(['roles:read']))
  @Query(() => RoleConnection, { nullable: true, description: 'Roles of the current workspace.' })
  roles(@Args(() => PageArgs) page: PageArgs, @Ctx() context: IdentityContext): Promise<Connection<Role>> {
    return context.roles.list(page);
  }

  @Directive(scopes(['roles:read']))
  @Query(() => Role, { nullable: true, description: 'A role of the current workspace.' })
  role(@Arg('id', () => ID, { description: 'Id of the role.' }) id: string, @Ctx() context: IdentityContext): Promise<Role> {
    return context.roles.get(id);
  }

  @FieldResolver(() => Int, { description: 'How many members hold the role.' })
  memberCount(@Root() role: Role, @Ctx() context: IdentityContext): Promise<number> {
    return context.loaders.memberCountByRole.load(role.id);
  }

  @Directive(scopes(['roles:write']))
  @Mutation(() => Role, { description: 'Creates a role.' })
  createRole(@Arg('input', () => CreateRoleInput, { description: 'Key, name and permissions of the new role.' }) input: CreateRoleInput, @Ctx() context: IdentityContext): Promise<Role> {
    return context.roles.create(input);
  }

  @Directive(scopes(['roles:write']))
  @Mutation(() => Role, { description: 'Renames a role or replaces its permissions. The owner role keeps every permission.' })
  updateRole(
    @Arg('id', () => ID, { description: 'Id of the role to change.' }) id: string,
    @Arg('input', () => UpdateRoleInput, { description: 'What to change.' }) input: UpdateRoleInput,
    @Ctx() context: IdentityContext,
  ): Promise<Role> {
    return context.roles.update(id, input);
  }

  @Directive(scopes(['roles:delete']))
  @Mutation(() => Boolean, { description: 'Deletes a role. Refused for built-in roles, and while members hold it unless they move to `replacementRoleId`.' })
  deleteRole(
    @Arg('id', () => ID, { description: 'Id of the role to delete.' }) id: string,
    @Arg('replacementRoleId', () => ID, { nullable: true, description: 'Role for the members who hold the deleted one.' }) replacementRoleId: string | undefined,
    @Ctx() context: IdentityContext,
  ): Promise<boolean> {
    return context.roles.delete(id, replacementRoleId ?? undefined);
  }

  @Directive(scopes(['roles:write']))
  @Mutation(() => Role, { description: 'Grants a role one more permission.' })
  addRolePermission(
    @Arg('roleId', () => ID, { description: 'Id of the role.' }) roleId: string,
    @Arg('permission', () => Scope, { description: 'The permission to grant (e.g. `ITEMS_WRITE`).' }) permission: string,
    @Ctx() context: IdentityContext,
  ): Promise<Role> {
    return context.roles.addPermission(roleId, permission);
  }

  @Directive(scopes(['roles:write']))
  @Mutation(() => Role, { description: 'Takes a permission from a role.' })
  removeRolePermission(
    @Arg('roleId', () => ID, { description: 'Id of the role.' }) roleId: string,
    @Arg('permission', () => Scope, { description: 'The permission to take away.' }) permission: string,
    @Ctx() context: IdentityContext,
  ): Promise<Role> {
    return context.roles.removePermission(roleId, permission);
  }
}

@Resolver(() => Workspace)
export class WorkspaceRolesResolver {
  @Directive(scopes(['roles:read']))
  @FieldResolver(() => RoleConnection, { nullable: true, description: `Roles of this workspace, as \`roles\` lists them. ${CURRENT_WORKSPACE_ONLY}` })
  roles(@Root() workspace: Workspace, @Args(() => PageArgs) page: PageArgs, @Ctx() context: IdentityContext): Promise<Connection<Role>> {
    requireCurrentWorkspace(context.principal, workspace.id, 'roles');
    return context.roles.list(page);
  }
}
