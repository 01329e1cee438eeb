// The identity subgraph's federated schema (no database needed to build it).
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../lib/federated-schema.js';
import type { IdentityContext } from './context.js';
import { User } from './users/user.entity.js';
import { WorkspaceResolver } from './workspaces/workspace.resolver.js';

export function buildIdentitySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [WorkspaceResolver],
    orphanedTypes: [User],
    referenceResolvers: {
      Workspace: { __resolveReference: (reference: { id: string }, context: IdentityContext) => context.loaders.workspaceById.load(reference.id) },
      User: { __resolveReference: (reference: { id: string }, context: IdentityContext) => context.loaders.userById.load(reference.id) },
    },
  });
}
