// The audit subgraph's federated schema (no database needed to build it).
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../lib/federated-schema.js';
import type { AuditContext } from './context.js';
import { RequestLog } from './request-logs/request-log.entity.js';
import { ApiKeyRequestLogsResolver, RequestLogResolver } from './request-logs/request-log.resolver.js';
import { ApiKey, resolveApiKeyReference } from './request-logs/api-key.reference.js';
import { WorkspaceDeletionPreview } from './workspaces/workspace-deletion-preview.reference.js';

export function buildAuditSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [RequestLogResolver, ApiKeyRequestLogsResolver],
    orphanedTypes: [WorkspaceDeletionPreview, ApiKey],
    referenceResolvers: {
      ApiKey: { __resolveReference: resolveApiKeyReference },
      WorkspaceDeletionPreview: {
        // Only the request's own workspace is counted; any other counts as empty.
        __resolveReference: async (reference: { workspaceId: string }, context: AuditContext) => ({
          workspaceId: reference.workspaceId,
          requestLogs: reference.workspaceId === context.workspaceId ? await context.em.count(RequestLog, { workspaceId: reference.workspaceId }) : 0,
        }),
      },
    },
  });
}
