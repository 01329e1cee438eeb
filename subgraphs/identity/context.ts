// The identity subgraph's per-request context: a forked EntityManager, fresh loaders, services.
import type DataLoader from 'dataloader';
import type { BaseSubgraphContext } from '../../lib/subgraph-server.js';
import { createByIdLoader } from '../../lib/loaders.js';
import { ApiKey } from './api-keys/api-key.entity.js';
import { ApiKeyService } from './api-keys/api-key.service.js';
import { SessionService } from './sessions/session.service.js';
import { User } from './users/user.entity.js';
import { Workspace } from './workspaces/workspace.entity.js';
import { WorkspaceService } from './workspaces/workspace.service.js';

export interface IdentityContext extends BaseSubgraphContext {
  readonly loaders: {
    readonly userById: DataLoader<string, User | null>;
    readonly workspaceById: DataLoader<string, Workspace | null>;
    readonly apiKeyById: DataLoader<string, ApiKey | null>;
  };
  readonly workspaces: WorkspaceService;
  readonly sessions: SessionService;
  readonly apiKeys: ApiKeyService;
}

export function createIdentityContext(base: BaseSubgraphContext): IdentityContext {
  const { em, principal, settings } = base;
  return {
    ...base,
    loaders: {
      userById: createByIdLoader(em, User),
      // A principal sees only the workspaces its credential may use.
      workspaceById: createByIdLoader(em, Workspace, { id: { $in: [...principal.workspaceIds] } }),
      // Federated references to keys resolve only to the caller's own keys or its workspace's.
      apiKeyById: createByIdLoader(em, ApiKey, {
        $or: [{ userId: principal.userId ?? null, kind: 'USER' }, { workspaceId: principal.workspaceId ?? null, kind: 'WORKSPACE' }],
      } as never),
    },
    workspaces: new WorkspaceService(em, principal),
    sessions: new SessionService(em, settings, principal),
    apiKeys: new ApiKeyService(em, principal, settings),
  };
}
