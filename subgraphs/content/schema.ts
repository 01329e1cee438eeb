// The content subgraph's federated schema (no database needed to build it).
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../lib/federated-schema.js';
import { ContentTypeResolver, WorkspaceContentTypesResolver } from './content-types/content-type.resolver.js';
import { Workspace, resolveWorkspaceReference } from './workspaces/workspace.reference.js';

export function buildContentSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ContentTypeResolver, WorkspaceContentTypesResolver],
    orphanedTypes: [Workspace],
    referenceResolvers: { Workspace: { __resolveReference: resolveWorkspaceReference } },
  });
}
