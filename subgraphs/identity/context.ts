// The identity subgraph's per-request context: a forked EntityManager and fresh loaders.
import type DataLoader from 'dataloader';
import type { BaseSubgraphContext } from '../../lib/subgraph-server.js';
import { createByIdLoader } from '../../lib/loaders.js';
import { User } from './users/user.entity.js';
import { Workspace } from './workspaces/workspace.entity.js';
import { WorkspaceService } from './workspaces/workspace.service.js';

export interface IdentityContext extends BaseSubgraphContext {
  readonly loaders: {
    readonly userById: DataLoader<string, User | null>;
    readonly workspaceById: DataLoader<string, Workspace | null>;
  };
  readonly workspaces: WorkspaceService;
}

export function createIdentityContext(base: BaseSubgraphContext): IdentityContext {
  return {
    ...base,
    loaders: {
      userById: createByIdLoader(base.em, User),
      workspaceById: createByIdLoader(base.em, Workspace),
    },
    workspaces: new WorkspaceService(base.em),
  };
}
