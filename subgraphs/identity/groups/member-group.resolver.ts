// Member group queries and mutations; MemberGroup.members through a DataLoader;
// Workspace.memberGroups, the root `memberGroups` hung from the workspace it lists.
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, type Connection } from '../../../lib/connection.js';
import { DeletePayloadType, ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { CURRENT_WORKSPACE_ONLY, requireCurrentWorkspace } from '../../../lib/current-workspace.js';
import type { IdentityContext } from '../context.js';
import { MemberConnection } from '../members/member.connection.js';
import type { Member } from '../members/member.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { MemberGroupConnection } from './member-group.connection.js';
import { MemberGroup } from './member-group.entity.js';
import { CreateMemberGroupInput, UpdateMemberGroupInput } from './member-group.input.js';

export const CreateMemberGroupPayload = ObjectPayloadType('createMemberGroup', 'memberGroup', () => MemberGroup, {
  description: 'A new member group.',
  fieldDescription: 'The group created.',
  deniableWithout: 'groups:read',
});
export const UpdateMemberGroupPayload = ObjectPayloadType('updateMemberGroup', 'memberGroup', () => MemberGroup, {
  description: 'A changed member group.',
  fieldDescription: 'The group, as changed.',
  deniableWithout: 'groups:read',
});
export const DeleteMemberGroupPayload = DeletePayloadType('deleteMemberGroup', 'A deleted member group.', 'Id of the group deleted (its members stay members of the workspace).');
export const AddMemberGroupUsersPayload = ObjectPayloadType('addMemberGroupUsers', 'memberGroup', () => MemberGroup, {
  description: 'Users added to a member group.',
  fieldDescription: 'The group, with the users added.',
  deniableWithout: 'groups:read',
});
export const RemoveMemberGroupUsersPayload = ObjectPayloadType('removeMemberGroupUsers', 'memberGroup', () => MemberGroup, {
  description: 'Users taken out of a member group.',
  fieldDescription: 'The group, without the users taken out.',
  deniableWithout: 'groups:read',
});

@Resolver(() => MemberGroup)
export class MemberGroupResolver {
  @Directive(scopes(['groups:read']))
  @Query(() => MemberGroupConnection, { nullable: true, description: 'Member groups of the current workspace.' })
  memberGroups(@Args(() => PageArgs) page: PageArgs, @Ctx() context: IdentityContext): Promise<Connection<MemberGroup>> {
    return context.groups.list(page);
  }

  @Directive(scopes(['groups:read']))
  @Query(() => MemberGroup, { nullable: true, description: 'A member group of the current workspace.' })
  memberGroup(@Arg('id', () => ID, { description: 'Id of the group.' }) id: string, @Ctx() context: IdentityContext): Promise<MemberGroup> {
    return context.groups.get(id);
  }

  @Directive(scopes(['groups:read', 'members:read']))
  @FieldResolver(() => MemberConnection, { nullable: true, description: 'Members in the group.' })
  members(@Root() group: MemberGroup, @Args(() => PageArgs) page: PageArgs, @Ctx() context: IdentityContext): Promise<Connection<Member>> {
    return context.loaders.membersOfGroup.load({ ...page, parentId: group.id });
  }

  @Directive(scopes(['groups:write']))
  @Mutation(() => CreateMemberGroupPayload, { description: 'Creates a group.' })
  async createMemberGroup(
    @Arg('input', () => CreateMemberGroupInput, { description: 'Name and description of the new group.' }) input: CreateMemberGroupInput,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof CreateMemberGroupPayload>> {
    return { memberGroup: await context.groups.create(input) };
  }

  @Directive(scopes(['groups:write']))
  @Mutation(() => UpdateMemberGroupPayload, { description: 'Renames a group or changes its description.' })
  async updateMemberGroup(
    @Arg('id', () => ID, { description: 'Id of the group to change.' }) id: string,
    @Arg('input', () => UpdateMemberGroupInput, { description: 'What to change.' }) input: UpdateMemberGroupInput,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof UpdateMemberGroupPayload>> {
    return { memberGroup: await context.groups.update(id, input) };
  }

  @Directive(scopes(['groups:delete']))
  @Mutation(() => DeleteMemberGroupPayload, { description: 'Deletes a group (its members stay members of the workspace).' })
  async deleteMemberGroup(@Arg('id', () => ID, { description: 'Id of the group to delete.' }) id: string, @Ctx() context: IdentityContext): Promise<InstanceType<typeof DeleteMemberGroupPayload>> {
    return { deletedId: await context.groups.delete(id) };
  }

  @Directive(scopes(['groups:write']))
  @Mutation(() => AddMemberGroupUsersPayload, { description: 'Adds users to a group. Each must be a member of the workspace; otherwise nobody is added.' })
  async addMemberGroupUsers(
    @Arg('groupId', () => ID, { description: 'Id of the group.' }) groupId: string,
    @Arg('userIds', () => [ID], { description: 'Users to add; each must be a member of the workspace.' }) userIds: string[],
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof AddMemberGroupUsersPayload>> {
    return { memberGroup: await context.groups.addUsers(groupId, userIds) };
  }

  @Directive(scopes(['groups:write']))
  @Mutation(() => RemoveMemberGroupUsersPayload, { description: 'Takes users out of a group.' })
  async removeMemberGroupUsers(
    @Arg('groupId', () => ID, { description: 'Id of the group.' }) groupId: string,
    @Arg('userIds', () => [ID], { description: 'Users to take out of the group.' }) userIds: string[],
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof RemoveMemberGroupUsersPayload>> {
    return { memberGroup: await context.groups.removeUsers(groupId, userIds) };
  }
}

@Resolver(() => Workspace)
export class WorkspaceMemberGroupsResolver {
  @Directive(scopes(['groups:read']))
  @FieldResolver(() => MemberGroupConnection, { nullable: true, description: `Member groups of this workspace, as \`memberGroups\` lists them. ${CURRENT_WORKSPACE_ONLY}` })
  memberGroups(@Root() workspace: Workspace, @Args(() => PageArgs) page: PageArgs, @Ctx() context: IdentityContext): Promise<Connection<MemberGroup>> {
    requireCurrentWorkspace(context.principal, workspace.id, 'member groups');
    return context.groups.list(page);
  }
}
