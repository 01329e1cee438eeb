// Workspace queries and mutations; thin: arguments in, service call, result out. Fields of a
// Workspace answer for the workspace the request acts in only (lib/current-workspace.ts).
import { Arg, Args, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DeletePayloadType, ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { requireWorkspace } from '../../../lib/errors.js';
import { CURRENT_WORKSPACE_ONLY, requireCurrentWorkspace } from '../../../lib/current-workspace.js';
import type { IdentityContext } from '../context.js';
import { Workspace } from './workspace.entity.js';
import { CreateWorkspaceInput, UpdateWorkspaceInput } from './workspace.input.js';
import { WorkspaceDeletionPreview, WorkspaceStatistics } from './workspace-statistics.js';
import { countWorkspace } from './workspace-statistics.service.js';

export const CreateWorkspacePayload = ObjectPayloadType('createWorkspace', 'workspace', () => Workspace, {
  description: 'A new workspace, with you as its owner.',
  fieldDescription: 'The workspace created; send its id as `x-workspace-id` to work in it.',
});
export const UpdateWorkspacePayload = ObjectPayloadType('updateWorkspace', 'workspace', () => Workspace, {
  description: 'A renamed or re-described workspace.',
  fieldDescription: 'The workspace, as changed.',
});
export const DeleteWorkspacePayload = DeletePayloadType('deleteWorkspace', 'A deleted workspace.', 'Id of the workspace deleted; its keys stopped working at once.');

/** Identity's counts of the preview; content and audit add theirs through its key. */
async function previewDeletion(context: IdentityContext, workspaceId: string): Promise<WorkspaceDeletionPreview> {
  const counts = await countWorkspace(context.em, workspaceId);
  return { workspaceId, members: counts.members, invitations: counts.invitations, roles: counts.roles, memberGroups: counts.memberGroups, apiKeys: counts.apiKeys };
}

export const WorkspaceConnection = ConnectionType(Workspace, 'Workspace');

@Resolver(() => Workspace)
export class WorkspaceResolver {
  @Directive(scopes(['workspaces:read']))
  @Query(() => WorkspaceConnection, { nullable: true, description: 'The workspaces your credential may use, oldest first.' })
  workspaces(@Args(() => PageArgs) page: PageArgs, @Ctx() context: IdentityContext): Promise<Connection<Workspace>> {
    return context.workspaces.list(page);
  }

  @Directive(scopes(['workspaces:read']))
  @Query(() => Workspace, { nullable: true, description: 'The current workspace: the one named by the `x-workspace-id` header, or the only one your credential may use.' })
  async workspace(@Ctx() context: IdentityContext): Promise<Workspace | null> {
    return context.loaders.workspaceById.load(requireWorkspace(context.workspaceId));
  }

  @Directive(scopes(['workspaces:write']))
  @Mutation(() => CreateWorkspacePayload, { description: 'Creates a workspace with the built-in roles; you become its owner.' })
  async createWorkspace(
    @Arg('input', () => CreateWorkspaceInput, { description: 'Name of the new workspace.' }) input: CreateWorkspaceInput,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof CreateWorkspacePayload>> {
    return { workspace: await context.workspaces.create(input.name) };
  }

  // A workspace setting, as setTrustedDocumentsOnly and setWorkspaceRateLimit are: owners
  // and admins hold workspaces:write; editors and viewers do not.
  @Directive(scopes(['workspaces:write']))
  @Mutation(() => UpdateWorkspacePayload, { description: 'Renames the current workspace or changes its description.' })
  async updateWorkspace(
    @Arg('input', () => UpdateWorkspaceInput, { description: 'What to change.' }) input: UpdateWorkspaceInput,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof UpdateWorkspacePayload>> {
    return { workspace: await context.workspaces.update(input) };
  }

  // Reached only through workspace/workspaces/node, which need workspaces:read.
  @FieldResolver(() => WorkspaceStatistics, { nullable: true, description: `Members, keys, content types and items of this workspace. ${CURRENT_WORKSPACE_ONLY}` })
  async statistics(@Root() workspace: Workspace, @Ctx() context: IdentityContext): Promise<WorkspaceStatistics> {
    const workspaceId = requireCurrentWorkspace(context.principal, workspace.id, 'statistics');
    const counts = await countWorkspace(context.em, workspaceId);
    return { workspaceId, members: counts.members, apiKeys: counts.liveApiKeys };
  }

  @Directive(scopes(['workspaces:delete']))
  @Query(() => WorkspaceDeletionPreview, { nullable: true, description: 'What deleting the current workspace would remove, counted per kind, before you confirm.' })
  workspaceDeletionPreview(@Ctx() context: IdentityContext): Promise<WorkspaceDeletionPreview> {
    return previewDeletion(context, requireWorkspace(context.workspaceId));
  }

  @Directive(scopes(['workspaces:delete']))
  @FieldResolver(() => WorkspaceDeletionPreview, {
    nullable: true,
    description: `What deleting this workspace would remove, counted per kind, as \`workspaceDeletionPreview\` answers. ${CURRENT_WORKSPACE_ONLY}`,
  })
  deletionPreview(@Root() workspace: Workspace, @Ctx() context: IdentityContext): Promise<WorkspaceDeletionPreview> {
    return previewDeletion(context, requireCurrentWorkspace(context.principal, workspace.id, 'deletion preview'));
  }

  @Directive(scopes(['workspaces:delete']))
  @Mutation(() => DeleteWorkspacePayload, {
    description: 'Deletes the current workspace and everything in it. `confirmName` must be its exact name. Its keys stop working at once; content and audit remove their rows shortly after.',
  })
  async deleteWorkspace(
    @Arg('confirmName', () => String, { description: "The workspace's exact name." }) confirmName: string,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof DeleteWorkspacePayload>> {
    return { deletedId: await context.workspaces.delete(confirmName) };
  }
}
