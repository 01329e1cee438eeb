// The content subgraph's federated schema (no database needed to build it).
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../lib/federated-schema.js';
import { loadWorkspaceNode, type NodeReference } from '../../lib/node-reference.js';
import type { ContentContext } from './context.js';
import { ContentTypeResolver, WorkspaceContentTypesResolver } from './content-types/content-type.resolver.js';
import { ContentFieldResolver } from './fields/content-field.resolver.js';
import { ItemResolver } from './items/item.resolver.js';
import { User } from './users/user.reference.js';
import { Workspace, resolveWorkspaceReference } from './workspaces/workspace.reference.js';
import { WorkspaceDeletionPreview, WorkspaceStatistics } from './workspaces/workspace-statistics.reference.js';

export function buildContentSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ContentTypeResolver, WorkspaceContentTypesResolver, ContentFieldResolver, ItemResolver],
    orphanedTypes: [Workspace, User, WorkspaceStatistics, WorkspaceDeletionPreview],
    referenceResolvers: {
      Workspace: { __resolveReference: resolveWorkspaceReference },
      // Identity hands these out for the request's workspace only; the counts loader refuses any other.
      WorkspaceStatistics: {
        __resolveReference: async (reference: { workspaceId: string }, context: ContentContext) => ({
          ...(await context.loaders.contentCounts.load(reference.workspaceId)),
          workspaceId: reference.workspaceId,
        }),
      },
      WorkspaceDeletionPreview: {
        __resolveReference: async (reference: { workspaceId: string }, context: ContentContext) => ({
          ...(await context.loaders.contentCounts.load(reference.workspaceId)),
          workspaceId: reference.workspaceId,
        }),
      },
      // `node(id:)` references (nodeId) answer as contentType(id), field(id) and item(id) do.
      ContentType: { __resolveReference: (reference: NodeReference, context: ContentContext) => loadWorkspaceNode(context.loaders.contentTypeById, reference, context.workspaceId, 'Content type') },
      ContentField: { __resolveReference: (reference: NodeReference, context: ContentContext) => loadWorkspaceNode(context.loaders.fieldById, reference, context.workspaceId, 'Field') },
      Item: {
        __resolveReference: (reference: { id: string } | NodeReference, context: ContentContext) =>
          'nodeId' in reference ? loadWorkspaceNode(context.loaders.itemById, reference, context.workspaceId, 'Item') : context.loaders.itemById.load(reference.id),
      },
    },
  });
}
