// The identity subgraph's federated schema (no database needed to build it).
import type { GraphQLSchema } from 'graphql';
import { ErrorExtensions } from '../../lib/error-extensions.js';
import { buildFederatedSchema } from '../../lib/federated-schema.js';
import { AccountResolver } from './accounts/account.resolver.js';
import { ApiKeyResolver, WorkspaceApiKeysResolver } from './api-keys/api-key.resolver.js';
import { TrustedDocumentResolver } from './documents/trusted-document.resolver.js';
import { MemberGroupResolver, WorkspaceMemberGroupsResolver } from './groups/member-group.resolver.js';
import { InvitationResolver } from './invitations/invitation.resolver.js';
import { MemberResolver, WorkspaceMembersResolver } from './members/member.resolver.js';
import { FOREIGN_NODE_TYPES } from './nodes/foreign-nodes.reference.js';
import { NodeResolver } from './nodes/node.resolver.js';
import { RateLimitResolver } from './rate-limits/rate-limit.resolver.js';
import { RoleResolver, WorkspaceRolesResolver } from './roles/role.resolver.js';
import type { IdentityContext } from './context.js';
import { SessionResolver } from './sessions/session.resolver.js';
import { OidcSessionResolver } from './oidc/oidc-session.resolver.js';
import { UserResolver } from './users/user.resolver.js';
import { ViewerResolver } from './viewer/viewer.resolver.js';
import { WorkspaceResolver } from './workspaces/workspace.resolver.js';
import { TrustedIssuerResolver } from './trusted-issuers/trusted-issuer.resolver.js';

export function buildIdentitySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      WorkspaceResolver,
      UserResolver,
      SessionResolver,
      AccountResolver,
      OidcSessionResolver,
      ApiKeyResolver,
      RoleResolver,
      MemberResolver,
      InvitationResolver,
      MemberGroupResolver,
      TrustedDocumentResolver,
      TrustedIssuerResolver,
      RateLimitResolver,
      ViewerResolver,
      NodeResolver,
      WorkspaceMembersResolver,
      WorkspaceRolesResolver,
      WorkspaceMemberGroupsResolver,
      WorkspaceApiKeysResolver,
    ],
    // Stubs of content's and audit's Node types (node(id:) hands out references to them), and,
    // reachable from no field, the shape of `errors[].extensions` for generated clients
    // (lib/error-extensions.ts).
    orphanedTypes: [...Object.values(FOREIGN_NODE_TYPES), ErrorExtensions],
    referenceResolvers: {
      Workspace: { __resolveReference: (reference: { id: string }, context: IdentityContext) => context.loaders.workspaceById.load(reference.id) },
      User: { __resolveReference: (reference: { id: string }, context: IdentityContext) => context.loaders.userById.load(reference.id) },
      ApiKey: { __resolveReference: (reference: { id: string }, context: IdentityContext) => context.loaders.apiKeyById.load(reference.id) },
    },
  });
}
