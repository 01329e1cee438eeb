// The content subgraph's per-request context: a forked EntityManager, fresh loaders, services.
import type DataLoader from 'dataloader';
import type { Connection } from '../../lib/connection.js';
import type { BaseSubgraphContext } from '../../lib/subgraph-server.js';
import type { ContentType } from './content-types/content-type.entity.js';
import type { RelationPageKey } from '../../lib/relation-page-loader.js';
import { createWorkspaceContentTypesLoader } from './content-types/content-type.loader.js';
import { ContentTypeService } from './content-types/content-type.service.js';

export interface ContentContext extends BaseSubgraphContext {
  readonly loaders: {
    readonly workspaceContentTypes: DataLoader<RelationPageKey, Connection<ContentType>, string>;
  };
  readonly contentTypes: ContentTypeService;
}

export function createContentContext(base: BaseSubgraphContext): ContentContext {
  return {
    ...base,
    loaders: { workspaceContentTypes: createWorkspaceContentTypesLoader(base.em) },
    contentTypes: new ContentTypeService(base.em, base.workspaceId),
  };
}
