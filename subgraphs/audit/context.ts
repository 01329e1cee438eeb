// The audit subgraph's per-request context: a forked EntityManager and its services.
import type { BaseSubgraphContext } from '../../lib/subgraph-server.js';
import { RequestLogService } from './request-logs/request-log.service.js';

export interface AuditContext extends BaseSubgraphContext {
  readonly requestLogs: RequestLogService;
}

export function createAuditContext(base: BaseSubgraphContext): AuditContext {
  return { ...base, requestLogs: new RequestLogService(base.em, base.principal, base.workspaceId, base.settings.auditRetentionDays) };
}
