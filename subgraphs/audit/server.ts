// Starts the audit subgraph: createServer(config) → { url, stop }.
import type { RunningServer } from '../../lib/http-server.js';
import { startSubgraphServer, type InternalRequest, type SubgraphDefinition, type SubgraphServerConfig } from '../../lib/subgraph-server.js';
import { createAuditContext, type AuditContext } from './context.js';
import { auditOrm } from './orm.js';
import { buildAuditSchema } from './schema.js';
import { EVENTS_PATH, eventsRoute, workspaceDeletionHandler } from '../../lib/domain-events.js';
import { REQUEST_LOG_INGEST_PATH } from '../../lib/request-log.js';
import { ingestRequestLogs } from './request-logs/request-log.ingest.js';
import { auditEventDays, auditEventIngest } from './audit-events/audit-event.ingest.js';
import { retentionStart, withDayPartitions } from './retention/day-partitions.js';
import { startRetentionWorker } from './retention/retention-worker.js';

const deleteWorkspaceRows = workspaceDeletionHandler('audit', ['request_logs', 'audit_events'], { remember: 'deleted_workspaces' });

/** Events from the identity and content outboxes, into the day partitions their audit events need. */
function receiveEvents(request: InternalRequest): Promise<unknown> {
  const oldest = retentionStart(new Date(), request.settings.auditRetentionDays);
  const days = auditEventDays(request.body).filter((day) => day >= oldest);
  const route = eventsRoute({ 'workspace.deleted': deleteWorkspaceRows, 'audit.recorded': auditEventIngest(oldest) });
  return withDayPartitions(request.orm, 'audit_events', days, () => route(request));
}

export const auditSubgraph: SubgraphDefinition<AuditContext> = {
  orm: auditOrm,
  buildSchema: buildAuditSchema,
  createContext: createAuditContext,
  internalRoutes: {
    [EVENTS_PATH]: receiveEvents,
    [REQUEST_LOG_INGEST_PATH]: (request) => ingestRequestLogs(request),
  },
  startWorkers: (orm, logger, _config, settings) => startRetentionWorker({ orm, logger, retentionDays: settings.auditRetentionDays }),
};

export function createServer(config: SubgraphServerConfig): Promise<RunningServer> {
  return startSubgraphServer(auditSubgraph, config);
}
