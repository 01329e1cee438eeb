// Workspace.contentTypes for many workspaces at once, through the shared relation-page loader.
// Only the request's own workspace has content types visible to it (the loader keeps it).
import type DataLoader from 'dataloader';
import type { Connection } from '../../../lib/connection.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { createRelationPageLoader, type RelationPageKey } from '../../../lib/relation-page-loader.js';
import { ContentType } from './content-type.entity.js';

export function createWorkspaceContentTypesLoader(em: SubgraphEntityManager): DataLoader<RelationPageKey, Connection<ContentType>, string> {
  return createRelationPageLoader({
    em,
    list: 'Workspace.contentTypes',
    entity: ContentType,
    source: 'select ct.workspace_id as parent_id, ct.* from "content"."content_types" ct where ct.workspace_id = any(?::uuid[])',
  });
}
