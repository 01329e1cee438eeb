// Workspace queries and mutations; thin: arguments in, service call, result out.
import { Arg, Args, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { workspaceRequired } from '../../../lib/errors.js';
import type { IdentityContext } from '../context.js';
import { Workspace } from './workspace.entity.js';
import { CreateWorkspaceInput } from './workspace.input.js';

export const WorkspaceConnection = ConnectionType(Workspace, 'Workspace');

@Resolver(() => Workspace)
export class WorkspaceResolver {
  @Directive(scopes(['workspaces:read']))
  @Query(() => WorkspaceConnection, { description: 'The workspaces your credential may use, oldest first.' })
  workspaces(@Args(() => PageArgs) page: PageArgs, @Ctx() context: IdentityContext): Promise<Connection<Workspace>> {
    return context.workspaces.list(page);
  }

  @Directive(scopes(['workspaces:read']))
  @Query(() => Workspace, { nullable: true, description: 'The current workspace: the one named by the `x-workspace-id` header, or the only one your credential may use.' })
  async workspace(@Ctx() context: IdentityContext): Promise<Workspace | null> {
    if (!context.workspaceId) throw workspaceRequired();
    return context.loaders.workspaceById.load(context.workspaceId);
  }

  @Directive(scopes(['workspaces:write']))
  @Mutation(() => Workspace, { description: 'Creates a workspace with the built-in roles; you become its owner.' })
  createWorkspace(@Arg('input', () => CreateWorkspaceInput) input: CreateWorkspaceInput, @Ctx() context: IdentityContext): Promise<Workspace> {
    return context.workspaces.create(input.name);
  }
}
