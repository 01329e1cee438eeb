// The audit subgraph's federated schema (no database needed to build it).
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../lib/federated-schema.js';
import { loadNode, type NodeReference } from '../../lib/node-reference.js';
import { requireCurrentWorkspace } from '../../lib/current-workspace.js';
import type { AuditContext } from './context.js';
import { RequestLog } from './request-logs/request-log.entity.js';
import { ApiKeyRequestLogsResolver, RequestLogResolver } from './request-logs/request-log.resolver.js';
import { ApiKey, resolveApiKeyReference } from './request-logs/api-key.reference.js';
import { AuditEventResolver, UserAuditEventsResolver } from './audit-events/audit-event.resolver.js';
import { SchemaUsageResolver } from './schema-usage/schema-usage.resolver.js';
import { User } from './users/user.reference.js';
import { WorkspaceDeletionPreview } from './workspaces/workspace-deletion-preview.reference.js';
import { Workspace } from './workspaces/workspace.reference.js';

export function buildAuditSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [RequestLogResolver, ApiKeyRequestLogsResolver, AuditEventResolver, UserAuditEventsResolver, SchemaUsageResolver],
    orphanedTypes: [WorkspaceDeletionPreview, ApiKey, User, Workspace],
    referenceResolvers: {
      ApiKey: { __resolveReference: resolveApiKeyReference },
      // `node(id:)` references: found where the lists would show them, else NOT_FOUND.
      AuditEvent: { __resolveReference: (reference: NodeReference, context: AuditContext) => loadNode(context.loaders.auditEventById, reference, 'Audit event') },
      RequestLog: { __resolveReference: (reference: NodeReference, context: AuditContext) => loadNode(context.loaders.requestLogById, reference, 'Request log') },
      // Nothing to load: User.auditEvents needs only the id (and answers for the caller only).
      User: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) },
      WorkspaceDeletionPreview: {
        // Only the request's own workspace is counted; any other is FORBIDDEN (identity never asks for one).
        __resolveReference: async (reference: { workspaceId: string }, context: AuditContext) => ({
          workspaceId: reference.workspaceId,
          requestLogs: await context.em.count(RequestLog, { workspaceId: requireCurrentWorkspace(context.principal, reference.workspaceId, 'deletion preview') }),
        }),
      },
    },
  });
}
