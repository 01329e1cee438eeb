// Starts the audit subgraph: createServer(config) → { url, stop }.
import type { RunningServer } from '../../lib/http-server.js';
import { startSubgraphServer, type SubgraphDefinition, type SubgraphServerConfig } from '../../lib/subgraph-server.js';
import { createAuditContext, type AuditContext } from './context.js';
import { auditOrm } from './orm.js';
import { buildAuditSchema } from './schema.js';
import { EVENTS_PATH } from '../../lib/principal.js';
import { workspaceDeletionHandler } from '../../lib/domain-events.js';
import { REQUEST_LOG_INGEST_PATH } from '../../lib/request-log.js';
import { ingestRequestLogs } from './request-logs/request-log.ingest.js';
import { startRetentionWorker } from './retention/retention-worker.js';

export const auditSubgraph: SubgraphDefinition<AuditContext> = {
  orm: auditOrm,
  buildSchema: buildAuditSchema,
  createContext: createAuditContext,
  internalRoutes: {
    [EVENTS_PATH]: workspaceDeletionHandler('audit', ['request_logs'], { remember: 'deleted_workspaces' }),
    [REQUEST_LOG_INGEST_PATH]: (request) => ingestRequestLogs(request),
  },
  startWorkers: (orm, logger, _config, settings) => startRetentionWorker({ orm, logger, retentionDays: settings.auditRetentionDays }),
};

export function createServer(config: SubgraphServerConfig): Promise<RunningServer> {
  return startSubgraphServer(auditSubgraph, config);
}
