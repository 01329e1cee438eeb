// Starts the audit subgraph: createServer(config) → { url, stop }.
import type { RunningServer } from '../../lib/http-server.js';
import { startSubgraphServer, type InternalRequest, type SubgraphDefinition, type SubgraphServerConfig } from '../../lib/subgraph-server.js';
import { createAuditContext, type AuditContext } from './context.js';
import { auditOrm } from './orm.js';
import { buildAuditSchema } from './schema.js';
import { EVENTS_PATH, eventsRoute, workspaceDeletionHandler } from '../../lib/domain-events.js';
import { REQUEST_LOG_INGEST_PATH } from '../../lib/request-log.js';
import { ingestRequestLogs } from './request-logs/request-log.ingest.js';
import { REQUEST_LOG_RETENTION_DAYS } from './request-logs/request-log.service.js';
import { auditEventIngest } from './audit-events/audit-event.ingest.js';
import { ensureDayPartitions, retentionStart } from './retention/day-partitions.js';

const receiveEvents = eventsRoute({
  'workspace.deleted': workspaceDeletionHandler('audit', ['request_logs', 'audit_events'], { remember: 'deleted_workspaces' }),
  'audit.recorded': auditEventIngest(() => retentionStart(new Date(), REQUEST_LOG_RETENTION_DAYS)),
});

/**
 * Partitions for the days of a batch's audit events are made before its transaction:
 * creating one locks the parent table, which the transaction may already be using.
 */
async function receiveEventsIntoPartitions(request: InternalRequest): Promise<unknown> {
  const events = (request.body as { events?: { topic?: unknown; payload?: { time?: unknown } }[] } | null)?.events;
  const days = (Array.isArray(events) ? events : [])
    .filter((event) => event?.topic === 'audit.recorded')
    .map((event) => new Date(String(event.payload?.time)))
    .filter((day) => !Number.isNaN(day.getTime()) && day >= retentionStart(new Date(), REQUEST_LOG_RETENTION_DAYS));
  if (days.length > 0) await ensureDayPartitions(request.orm.em.getConnection(), 'audit_events', days);
  return receiveEvents(request);
}

export const auditSubgraph: SubgraphDefinition<AuditContext> = {
  orm: auditOrm,
  buildSchema: buildAuditSchema,
  createContext: createAuditContext,
  internalRoutes: {
    [EVENTS_PATH]: receiveEventsIntoPartitions,
    [REQUEST_LOG_INGEST_PATH]: ingestRequestLogs,
  },
};

export function createServer(config: SubgraphServerConfig): Promise<RunningServer> {
  return startSubgraphServer(auditSubgraph, config);
}
