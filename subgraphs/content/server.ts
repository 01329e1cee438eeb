// Starts the content subgraph: createServer(config) → { url, stop }.
import type { RunningServer } from '../../lib/http-server.js';
import { startSubgraphServer, type SubgraphDefinition, type SubgraphServerConfig } from '../../lib/subgraph-server.js';
import { createContentContext, type ContentContext } from './context.js';
import { contentOrm } from './orm.js';
import { buildContentSchema } from './schema.js';
import { EVENTS_PATH } from '../../lib/principal.js';
import { workspaceDeletionHandler } from '../../lib/domain-events.js';

export const contentSubgraph: SubgraphDefinition<ContentContext> = {
  orm: contentOrm,
  buildSchema: buildContentSchema,
  createContext: createContentContext,
  internalRoutes: { [EVENTS_PATH]: workspaceDeletionHandler('content', ['item_unique_values', 'item_value_counts', 'items', 'content_fields', 'content_types']) },
};

export function createServer(config: SubgraphServerConfig): Promise<RunningServer> {
  return startSubgraphServer(contentSubgraph, config);
}
