// Role queries and mutations; Role.memberCount through a DataLoader; Workspace.roles, the root
// `roles` hung from the workspace it lists.
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { DeletePayloadType, ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { CURRENT_WORKSPACE_ONLY, requireCurrentWorkspace } from '../../../lib/current-workspace.js';
import type { IdentityContext } from '../context.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Role } from './role.entity.js';
import { CreateRoleInput, UpdateRoleInput } from './role.input.js';
import { Scope } from '../../../lib/scope-enum.js';

export const CreateRolePayload = ObjectPayloadType('createRole', 'role', () => Role, {
  description: 'A new role.',
  fieldDescription: 'The role created.',
  deniableWithout: 'roles:read',
});
export const UpdateRolePayload = ObjectPayloadType('updateRole', 'role', () => Role, {
  description: 'A changed role.',
  fieldDescription: 'The role, as changed.',
  deniableWithout: 'roles:read',
});
export const DeleteRolePayload = DeletePayloadType('deleteRole', 'A deleted role.', 'Id of the role deleted (its members moved to the replacement role).');
export const AddRolePermissionPayload = ObjectPayloadType('addRolePermission', 'role', () => Role, {
  description: 'A permission granted to a role.',
  fieldDescription: 'The role, with the permission.',
  deniableWithout: 'roles:read',
});
export const RemoveRolePermissionPayload = ObjectPayloadType('removeRolePermission', 'role', () => Role, {
  description: 'A permission taken from a role.',
  fieldDescription: 'The role, without the permission.',
  deniableWithout: 'roles:read',
});

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
  @Mutation(() => CreateRolePayload, { description: 'Creates a role.' })
  async createRole(
    @Arg('input', () => CreateRoleInput, { description: 'Key, name and permissions of the new role.' }) input: CreateRoleInput,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof CreateRolePayload>> {
    return { role: await context.roles.create(input) };
  }

  @Directive(scopes(['roles:write']))
  @Mutation(() => UpdateRolePayload, { description: 'Renames a role or replaces its permissions. The owner role keeps every permission.' })
  async updateRole(
    @Arg('id', () => ID, { description: 'Id of the role to change.' }) id: string,
    @Arg('input', () => UpdateRoleInput, { description: 'What to change.' }) input: UpdateRoleInput,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof UpdateRolePayload>> {
    return { role: await context.roles.update(id, input) };
  }

  @Directive(scopes(['roles:delete']))
  @Mutation(() => DeleteRolePayload, { description: 'Deletes a role. Refused for built-in roles, and while members hold it unless they move to `replacementRoleId`.' })
  async deleteRole(
    @Arg('id', () => ID, { description: 'Id of the role to delete.' }) id: string,
    @Arg('replacementRoleId', () => ID, { nullable: true, description: 'Role for the members who hold the deleted one.' }) replacementRoleId: string | undefined,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof DeleteRolePayload>> {
    return { deletedId: await context.roles.delete(id, replacementRoleId ?? undefined) };
  }

  @Directive(scopes(['roles:write']))
  @Mutation(() => AddRolePermissionPayload, { description: 'Grants a role one more permission.' })
  async addRolePermission(
    @Arg('roleId', () => ID, { description: 'Id of the role.' }) roleId: string,
    @Arg('permission', () => Scope, { description: 'The permission to grant (e.g. `ITEMS_WRITE`).' }) permission: string,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof AddRolePermissionPayload>> {
    return { role: await context.roles.addPermission(roleId, permission) };
  }

  @Directive(scopes(['roles:write']))
  @Mutation(() => RemoveRolePermissionPayload, { description: 'Takes a permission from a role.' })
  async removeRolePermission(
    @Arg('roleId', () => ID, { description: 'Id of the role.' }) roleId: string,
    @Arg('permission', () => Scope, { description: 'The permission to take away.' }) permission: string,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof RemoveRolePermissionPayload>> {
    return { role: await context.roles.removePermission(roleId, permission) };
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
