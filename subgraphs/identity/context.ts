// The identity subgraph's per-request context: a forked EntityManager, fresh loaders, services.
import DataLoader from 'dataloader';
import type { Connection } from '../../lib/connection.js';
import { createRelationPageLoader, type RelationPageKey } from '../../lib/relation-page-loader.js';
import type { BaseSubgraphContext } from '../../lib/subgraph-server.js';
import { createByIdLoader } from '../../lib/loaders.js';
import { ApiKey } from './api-keys/api-key.entity.js';
import { ApiKeyService } from './api-keys/api-key.service.js';
import { TrustedDocumentService } from './documents/trusted-document.service.js';
import { MemberGroup } from './groups/member-group.entity.js';
import { MemberGroupService } from './groups/member-group.service.js';
import { InvitationService } from './invitations/invitation.service.js';
import { Member } from './members/member.entity.js';
import { MemberService } from './members/member.service.js';
import { NodeService } from './nodes/node.service.js';
import { Role } from './roles/role.entity.js';
import { RateLimitService } from './rate-limits/rate-limit.service.js';
import { RoleService } from './roles/role.service.js';
import type { PasswordHashing } from './sessions/password-hashing.js';
import { SessionService } from './sessions/session.service.js';
import { User } from './users/user.entity.js';
import { Workspace } from './workspaces/workspace.entity.js';
import { WorkspaceService } from './workspaces/workspace.service.js';
import { raw } from '@mikro-orm/core';
import { UserService } from './users/user.service.js';
import type { Mailer } from '../../lib/mail/mailer.js';
import { AccountService } from './accounts/account.service.js';
import type { AccountJobs } from './accounts/account-jobs.js';
import type { IdTokenVerifier } from './oidc/id-token-verifier.js';
import { OidcSignInService } from './oidc/oidc-sign-in.service.js';
import { TrustedIssuerService } from './trusted-issuers/trusted-issuer.service.js';

export interface IdentityContext extends BaseSubgraphContext {
  readonly loaders: {
    readonly userById: DataLoader<string, User | null>;
    readonly workspaceById: DataLoader<string, Workspace | null>;
    readonly apiKeyById: DataLoader<string, ApiKey | null>;
    /** The key that was rotated to this one (ApiKey.rotatedFrom), among the keys the caller may see. */
    readonly apiKeyRotatedTo: DataLoader<string, ApiKey | null>;
    readonly roleById: DataLoader<string, Role | null>;
    readonly memberCountByRole: DataLoader<string, number>;
    readonly groupsOfMember: DataLoader<RelationPageKey, Connection<MemberGroup>, string>;
    readonly membersOfGroup: DataLoader<RelationPageKey, Connection<Member>, string>;
  };
  readonly workspaces: WorkspaceService;
  readonly users: UserService;
  readonly roles: RoleService;
  readonly members: MemberService;
  readonly invitations: InvitationService;
  readonly groups: MemberGroupService;
  readonly sessions: SessionService;
  readonly accounts: AccountService;
  readonly apiKeys: ApiKeyService;
  readonly documents: TrustedDocumentService;
  readonly trustedIssuers: TrustedIssuerService;
  readonly rateLimits: RateLimitService;
  readonly nodes: NodeService;
  readonly oidc: OidcSignInService;
}

/** What one identity server keeps across requests. */
export interface IdentityServerState {
  /** This process's password-hashing slots, shared by every sign-in and registration. */
  readonly passwordHashing: PasswordHashing;
  /** Outgoing mail (verification, password reset, invitations): queued after commit, delivered in the background. */
  readonly mailer: Mailer;
  /** Account work requests start and do not wait for (requestPasswordReset's lookup and mail). */
  readonly accountJobs: AccountJobs;
  /** Keeps each OpenID provider's discovery and key set for the process (createSessionFromIdToken). */
  readonly idTokens: IdTokenVerifier;
}

export function createIdentityContext(base: BaseSubgraphContext, server: IdentityServerState): IdentityContext {
  const { em, principal, settings } = base;
  // Workspace-owned records are looked up in the principal's workspace only: the workspace
  // filter on the request's EntityManager applies it (lib/workspace-filter.ts).
  // The keys `apiKeys` lists: the caller's own user keys and the current workspace's keys.
  // Federated references, apiKey(id), node(id) and the rotation links see no others.
  const visibleKeys = {
    $or: [
      { userId: principal.userId ?? null, kind: 'USER' },
      { workspaceId: principal.workspaceId ?? null, kind: 'WORKSPACE' },
    ],
  };
  const loaders: IdentityContext['loaders'] = {
    userById: createByIdLoader(em, User),
    // A principal sees only the workspaces its credential may use.
    workspaceById: createByIdLoader(em, Workspace, { id: { $in: [...principal.workspaceIds] } }),
    apiKeyById: createByIdLoader(em, ApiKey, visibleKeys as never),
    apiKeyRotatedTo: new DataLoader(async (keyIds) => {
      const rows = await em.find(ApiKey, { $and: [visibleKeys, { rotatedToKeyId: { $in: [...keyIds] } }] } as never);
      const byNext = new Map(rows.map((row) => [row.rotatedToKeyId, row]));
      return keyIds.map((keyId) => byNext.get(keyId) ?? null);
    }),
    roleById: createByIdLoader(em, Role),
    memberCountByRole: new DataLoader(async (roleIds) => {
      const query = em
        .createQueryBuilder(Member, 'm')
        .select(['m.roleId', raw('count(*) as count')])
        .where({ roleId: { $in: [...roleIds] } })
        .groupBy('m.roleId');
      await query.applyFilters();
      const rows = await query.execute<{ roleId: string; count: string }[]>('all');
      const counts = new Map(rows.map((row) => [row.roleId, Number(row.count)]));
      return roleIds.map((roleId) => counts.get(roleId) ?? 0);
    }),
    groupsOfMember: createRelationPageLoader({
      em,
      list: 'Member.groups',
      entity: MemberGroup,
      source: `select m.id as parent_id, g.* from "identity"."members" m
                   join "identity"."member_group_users" gu on gu.workspace_id = m.workspace_id and gu.user_id = m.user_id
                   join "identity"."member_groups" g on g.workspace_id = gu.workspace_id and g.id = gu.group_id
                  where m.id = any(?::uuid[])`,
    }),
    membersOfGroup: createRelationPageLoader({
      em,
      list: 'MemberGroup.members',
      entity: Member,
      source: `select gu.group_id as parent_id, m.* from "identity"."member_group_users" gu
                   join "identity"."members" m on m.workspace_id = gu.workspace_id and m.user_id = gu.user_id
                  where gu.group_id = any(?::uuid[])`,
    }),
  };
  const accounts = new AccountService(em, settings, principal, server.passwordHashing, server.mailer, server.accountJobs);
  const invitations = new InvitationService(em, principal, server.mailer, settings.accounts);
  return {
    ...base,
    loaders,
    workspaces: new WorkspaceService(em, principal),
    users: new UserService(em, principal),
    roles: new RoleService(em, principal),
    members: new MemberService(em, principal, invitations),
    invitations,
    groups: new MemberGroupService(em, principal),
    sessions: new SessionService(em, settings, principal, server.passwordHashing, accounts, server.mailer),
    accounts,
    apiKeys: new ApiKeyService(em, principal, settings, loaders.apiKeyById),
    documents: new TrustedDocumentService(em, principal),
    trustedIssuers: new TrustedIssuerService(em, principal, settings.loopbackHttpIssuers),
    rateLimits: new RateLimitService(em, principal, settings),
    nodes: new NodeService(em, principal, loaders),
    oidc: new OidcSignInService(em, settings, principal, server.idTokens),
  };
}
