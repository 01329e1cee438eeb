// Starts the content subgraph: createServer(config) → { url, stop }.
import type { RunningServer } from '../../lib/http-server.js';
import { startSubgraphServer, type SubgraphDefinition, type SubgraphServerConfig } from '../../lib/subgraph-server.js';
import { createContentContext, type ContentContext } from './context.js';
import { contentOrm } from './orm.js';
import { buildContentSchema } from './schema.js';
import { EVENTS_PATH, eventsRoute, workspaceDeletionHandler } from '../../lib/domain-events.js';
import { startOutboxRelay } from '../../lib/outbox/outbox-relay.js';

export const contentSubgraph: SubgraphDefinition<ContentContext> = {
  orm: contentOrm,
  buildSchema: buildContentSchema,
  createContext: createContentContext,
  internalRoutes: {
    [EVENTS_PATH]: eventsRoute({ 'workspace.deleted': workspaceDeletionHandler('content', ['item_unique_values', 'item_value_counts', 'items', 'content_fields', 'content_types']) }),
  },
  // Content's changes reach the audit trail through its own outbox.
  startWorkers: async (orm, logger, config) => startOutboxRelay({ orm, schema: 'content', logger, signingSecrets: config.signingSecrets, peers: config.peers ?? {} }),
};

export function createServer(config: SubgraphServerConfig): Promise<RunningServer> {
  return startSubgraphServer(contentSubgraph, config);
}
