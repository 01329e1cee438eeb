// Workspace queries and mutations; thin: arguments in, service call, result out.
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { workspaceRequired } from '../../../lib/errors.js';
import type { IdentityContext } from '../context.js';
import { Workspace } from './workspace.entity.js';
import { CreateWorkspaceInput } from './workspace.input.js';

export const WorkspaceConnection = ConnectionType(Workspace, 'Workspace');

@Resolver(() => Workspace)
export class WorkspaceResolver {
  @Query(() => WorkspaceConnection, { description: 'Workspaces, oldest first.' })
  workspaces(@Args(() => PageArgs) page: PageArgs, @Ctx() context: IdentityContext): Promise<Connection<Workspace>> {
    return context.workspaces.list(page);
  }

  @Query(() => Workspace, { nullable: true, description: 'The workspace named by the `x-workspace-id` header.' })
  async workspace(@Ctx() context: IdentityContext): Promise<Workspace | null> {
    if (!context.workspaceId) throw workspaceRequired();
    return context.loaders.workspaceById.load(context.workspaceId);
  }

  @Mutation(() => Workspace, { description: 'Creates a workspace.' })
  createWorkspace(@Arg('input', () => CreateWorkspaceInput) input: CreateWorkspaceInput, @Ctx() context: IdentityContext): Promise<Workspace> {
    return context.workspaces.create(input.name);
  }
}
