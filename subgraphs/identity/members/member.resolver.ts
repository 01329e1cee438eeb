// Member queries and mutations; Member.user, Member.role and Member.groups through DataLoaders;
// Workspace.members, the root `members` hung from the workspace it lists.
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, type Connection } from '../../../lib/connection.js';
import { DeletePayloadType, ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { CURRENT_WORKSPACE_ONLY, requireCurrentWorkspace } from '../../../lib/current-workspace.js';
import type { IdentityContext } from '../context.js';
import { MemberGroup } from '../groups/member-group.entity.js';
import { MemberGroupConnection } from '../groups/member-group.connection.js';
import { Role } from '../roles/role.entity.js';
import { User } from '../users/user.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { MemberConnection } from './member.connection.js';
import { Member } from './member.entity.js';
import { AddMemberInput, MemberFilter, UpdateMemberInput } from './member.input.js';
import { LeaveWorkspacePayload } from './leave-workspace.payload.js';
import { AddMemberPayload } from './add-member.payload.js';

export const UpdateMemberPayload = ObjectPayloadType('updateMember', 'member', () => Member, {
  description: "A member's new role.",
  fieldDescription: 'The member, with the new role.',
  deniableWithout: 'members:read',
});
export const RemoveMemberPayload = DeletePayloadType('removeMember', 'A member removed from the workspace.', 'Id of the membership that ended (the user keeps their account).');
export const TransferOwnershipPayload = ObjectPayloadType('transferOwnership', 'member', () => Member, {
  description: 'A new owner of the workspace.',
  fieldDescription: 'The member who is now the owner (you are now an admin).',
  deniableWithout: 'members:read',
});

@Resolver(() => Member)
export class MemberResolver {
  @Directive(scopes(['members:read']))
  @Query(() => MemberConnection, { nullable: true, description: 'Members of the current workspace (pending invitations are `invitations`).' })
  members(
    @Arg('filter', () => MemberFilter, { nullable: true, description: 'Narrow by role, group or name/email.' }) filter: MemberFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: IdentityContext,
  ): Promise<Connection<Member>> {
    return context.members.list(filter, page);
  }

  @Directive(scopes(['members:read']))
  @Query(() => Member, { nullable: true, description: 'A member of the current workspace.' })
  member(@Arg('id', () => ID, { description: 'Id of the member.' }) id: string, @Ctx() context: IdentityContext): Promise<Member> {
    return context.members.get(id);
  }

  @FieldResolver(() => User, { nullable: true, description: "The member's account." })
  user(@Root() member: Member, @Ctx() context: IdentityContext): Promise<User | null> {
    return context.loaders.userById.load(member.userId);
  }

  @FieldResolver(() => Role, { nullable: true, description: "The member's role." })
  async role(@Root() member: Member, @Ctx() context: IdentityContext): Promise<Role> {
    return (await context.loaders.roleById.load(member.roleId))!;
  }

  @Directive(scopes(['groups:read']))
  @FieldResolver(() => MemberGroupConnection, { nullable: true, description: 'Groups the member is in.' })
  groups(@Root() member: Member, @Args(() => PageArgs) page: PageArgs, @Ctx() context: IdentityContext): Promise<Connection<MemberGroup>> {
    return context.loaders.groupsOfMember.load({ ...page, parentId: member.id });
  }

  @Directive(scopes(['members:write']))
  @Mutation(() => AddMemberPayload, {
    description:
      'Adds someone by email: a user with that email, verified, joins at once (`member`); for any other address (no account, or one not verified) an invitation is mailed instead (`invitation`), as inviteMember does. To let an existing user agree first, use `inviteMember`.',
  })
  addMember(@Arg('input', () => AddMemberInput, { description: 'Who to add and with which role.' }) input: AddMemberInput, @Ctx() context: IdentityContext): Promise<AddMemberPayload> {
    return context.members.add(input);
  }

  @Directive(scopes(['members:write']))
  @Mutation(() => UpdateMemberPayload, { description: "Changes a member's role; their keys follow on their next request." })
  async updateMember(
    @Arg('id', () => ID, { description: 'Id of the member to change.' }) id: string,
    @Arg('input', () => UpdateMemberInput, { description: 'What to change.' }) input: UpdateMemberInput,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof UpdateMemberPayload>> {
    return { member: await context.members.update(id, input) };
  }

  @Directive(scopes(['members:delete']))
  @Mutation(() => RemoveMemberPayload, { description: 'Removes a member; their keys stop working in this workspace at once. The last owner cannot be removed.' })
  async removeMember(@Arg('id', () => ID, { description: 'Id of the member to remove.' }) id: string, @Ctx() context: IdentityContext): Promise<InstanceType<typeof RemoveMemberPayload>> {
    return { deletedId: (await context.members.remove(id)).id };
  }

  @Directive(scopes(['members:write']))
  @Mutation(() => TransferOwnershipPayload, { description: 'Makes another member the owner; you, the current owner, become an admin. Only an owner may call it.' })
  async transferOwnership(
    @Arg('id', () => ID, { description: 'Id of the member who becomes owner.' }) id: string,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof TransferOwnershipPayload>> {
    return { member: await context.members.transferOwnership(id) };
  }

  @Directive(scopes([]))
  @Mutation(() => LeaveWorkspacePayload, { description: 'Leaves the current workspace. The last owner cannot leave.' })
  async leaveWorkspace(@Ctx() context: IdentityContext): Promise<LeaveWorkspacePayload> {
    const member = await context.members.leave();
    return { deletedId: member.id, workspaceId: member.workspaceId };
  }
}

@Resolver(() => Workspace)
export class WorkspaceMembersResolver {
  @Directive(scopes(['members:read']))
  @FieldResolver(() => MemberConnection, { nullable: true, description: `Members of this workspace, as \`members\` lists them. ${CURRENT_WORKSPACE_ONLY}` })
  members(
    @Root() workspace: Workspace,
    @Arg('filter', () => MemberFilter, { nullable: true, description: 'Narrow by role, group or name/email.' }) filter: MemberFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: IdentityContext,
  ): Promise<Connection<Member>> {
    requireCurrentWorkspace(context.principal, workspace.id, 'members');
    return context.members.list(filter, page);
  }
}
