// The audit subgraph's per-request context: a forked EntityManager and its services.
import type { BaseSubgraphContext } from '../../lib/subgraph-server.js';
import { AuditEventService } from './audit-events/audit-event.service.js';
import { RequestLogService } from './request-logs/request-log.service.js';

export interface AuditContext extends BaseSubgraphContext {
  readonly requestLogs: RequestLogService;
  readonly auditEvents: AuditEventService;
}

export function createAuditContext(base: BaseSubgraphContext): AuditContext {
  const retentionDays = base.settings.auditRetentionDays;
  return {
    ...base,
    requestLogs: new RequestLogService(base.em, base.principal, base.workspaceId, retentionDays),
    auditEvents: new AuditEventService(base.em, base.principal, retentionDays),
  };
}
