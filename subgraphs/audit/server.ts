// Starts the audit subgraph: createServer(config) → { url, stop }.
import type { RunningServer } from '../../lib/http-server.js';
import { startSubgraphServer, type SubgraphDefinition, type SubgraphServerConfig } from '../../lib/subgraph-server.js';
import { createAuditContext, type AuditContext } from './context.js';
import { auditOrm } from './orm.js';
import { buildAuditSchema } from './schema.js';
import { EVENTS_PATH } from '../../lib/principal.js';
import { workspaceDeletionHandler } from '../../lib/domain-events.js';

export const auditSubgraph: SubgraphDefinition<AuditContext> = {
  orm: auditOrm,
  buildSchema: buildAuditSchema,
  createContext: createAuditContext,
  internalRoutes: { [EVENTS_PATH]: workspaceDeletionHandler('audit', ['request_logs']) },
};

export function createServer(config: SubgraphServerConfig): Promise<RunningServer> {
  return startSubgraphServer(auditSubgraph, config);
}
