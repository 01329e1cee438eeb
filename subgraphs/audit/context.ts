// The audit subgraph's per-request context: a forked EntityManager and its services.
import type DataLoader from 'dataloader';
import type { BaseSubgraphContext } from '../../lib/subgraph-server.js';
import type { AuditEvent } from './audit-events/audit-event.entity.js';
import { AuditEventService } from './audit-events/audit-event.service.js';
import { createAuditEventByIdLoader, createRequestLogByIdLoader } from './node-loaders.js';
import type { RequestLog } from './request-logs/request-log.entity.js';
import { RequestLogService } from './request-logs/request-log.service.js';
import { SchemaUsageService } from './schema-usage/schema-usage.service.js';

export interface AuditContext extends BaseSubgraphContext {
  readonly loaders: {
    readonly auditEventById: DataLoader<string, AuditEvent | null>;
    readonly requestLogById: DataLoader<string, RequestLog | null>;
  };
  readonly requestLogs: RequestLogService;
  readonly auditEvents: AuditEventService;
  readonly schemaUsage: SchemaUsageService;
}

export function createAuditContext(base: BaseSubgraphContext): AuditContext {
  const retentionDays = base.settings.auditRetentionDays;
  return {
    ...base,
    loaders: {
      auditEventById: createAuditEventByIdLoader(base.em, base.principal),
      requestLogById: createRequestLogByIdLoader(base.em, base.principal),
    },
    requestLogs: new RequestLogService(base.em, base.principal, base.workspaceId, retentionDays),
    auditEvents: new AuditEventService(base.em, base.principal, retentionDays),
    schemaUsage: new SchemaUsageService(base.em, base.workspaceId, base.settings),
  };
}
