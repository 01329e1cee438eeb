// The content subgraph's per-request context: a forked EntityManager, fresh loaders,
// services, all bound to the request's workspace.
import DataLoader from 'dataloader';
import type { Connection } from '../../lib/connection.js';
import { createByIdLoader } from '../../lib/loaders.js';
import type { RelationPageKey } from '../../lib/relation-page-loader.js';
import type { BaseSubgraphContext } from '../../lib/subgraph-server.js';
import { ContentType } from './content-types/content-type.entity.js';
import { createTypeFieldsLoader } from './fields/content-field.loader.js';
import { ContentTypeService } from './content-types/content-type.service.js';
import { ContentField } from './fields/content-field.entity.js';
import { ContentFieldService } from './fields/content-field.service.js';
import { Item } from './items/item.entity.js';
import { ItemService } from './items/item.service.js';
import { createContentCountsLoader, type ContentCounts } from './workspaces/workspace-counts.js';

export interface ContentContext extends BaseSubgraphContext {
  readonly loaders: {
    readonly contentTypeById: DataLoader<string, ContentType | null>;
    readonly fieldById: DataLoader<string, ContentField | null>;
    readonly fieldsOfType: DataLoader<RelationPageKey, Connection<ContentField>, string>;
    readonly itemById: DataLoader<string, Item | null>;
    readonly contentCounts: DataLoader<string, ContentCounts>;
  };
  readonly contentTypes: ContentTypeService;
  readonly fields: ContentFieldService;
  readonly items: ItemService;
}

export function createContentContext(base: BaseSubgraphContext): ContentContext {
  const { em, workspaceId } = base;
  // Nothing outside the request's workspace is ever loaded, without one nothing is: the
  // workspace filter on the request's EntityManager sees to it (lib/workspace-filter.ts).
  const fields = new ContentFieldService(em, base.principal);
  return {
    ...base,
    loaders: {
      contentTypeById: createByIdLoader(em, ContentType),
      fieldById: createByIdLoader(em, ContentField),
      fieldsOfType: createTypeFieldsLoader(em),
      itemById: createByIdLoader(em, Item),
      contentCounts: createContentCountsLoader(em, workspaceId),
    },
    contentTypes: new ContentTypeService(em, base.principal),
    fields,
    items: new ItemService(em, base.principal, fields, base.callPeer),
  };
}
