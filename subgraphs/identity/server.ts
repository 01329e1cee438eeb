// Starts the identity subgraph: createServer(config) → { url, stop }. Besides GraphQL it
// answers the gateway's internal calls: principal lookup, key usage, trusted documents. Its
// password-hashing slots belong to the server, shared by every request.
import type { RunningServer } from '../../lib/http-server.js';
import { KEY_USAGE_PATH, MEMBERS_PATH, PRINCIPAL_LOOKUP_PATH } from '../../lib/principal.js';
import { isId } from '../../lib/ids.js';
import { Member } from './members/member.entity.js';
import { startSubgraphServer, type SubgraphDefinition, type SubgraphServerConfig } from '../../lib/subgraph-server.js';
import { HttpError } from '../../lib/http-server.js';
import { createIdentityContext, type IdentityContext, type IdentityServerState } from './context.js';
import { collectingInvalidations, invalidationsInResponse } from './invalidation.js';
import { identityOrm } from './orm.js';
import { recordKeyUsage } from './principals/key-usage.js';
import { lookupPrincipal, parseLookupRequest } from './principals/principal-lookup.js';
import { startOutboxRelay } from '../../lib/outbox/outbox-relay.js';
import { buildIdentitySchema } from './schema.js';
import { PasswordHashing } from './sessions/password-hashing.js';
import { startSignInAttemptSweep } from './sessions/sign-in-throttle.js';
import { lookupTrustedDocument } from './documents/trusted-document-lookup.js';
import { TRUSTED_DOCUMENT_LOOKUP_PATH } from '../../lib/trusted-documents.js';
import { scopeToWorkspace } from '../../lib/workspace-filter.js';
import { createMailer } from '../../lib/mail/mailer.js';
import { AccountJobs } from './accounts/account-jobs.js';
import { OIDC_SESSION_PATH } from '../../lib/oidc-settings.js';
import { IdTokenVerifier } from './oidc/id-token-verifier.js';
import { oidcSessionRoute } from './oidc/oidc-session-route.js';
import { JWT_PRINCIPAL_PATH, TRUSTED_ISSUERS_PATH } from '../../lib/trusted-issuers.js';
import { listTrustedIssuers, lookupJwtPrincipal, parseJwtPrincipalRequest } from './trusted-issuers/jwt-principal-lookup.js';

export const identitySubgraph: SubgraphDefinition<IdentityContext, IdentityServerState> = {
  orm: identityOrm,
  buildSchema: buildIdentitySchema,
  createServerState: ({ signIn, accounts }, logger) => ({
    passwordHashing: new PasswordHashing({ concurrency: signIn.hashConcurrency, queue: signIn.hashQueue, perAddress: signIn.hashesPerAddress }),
    mailer: createMailer({ smtpUrl: accounts.smtpUrl, from: accounts.mailFrom, logger: logger.child({ component: 'mailer' }) }),
    accountJobs: new AccountJobs(logger.child({ component: 'account-jobs' })),
    idTokens: new IdTokenVerifier(),
  }),
  closeServerState: async (state) => {
    await state.accountJobs.flush();
    await state.mailer.close();
  },
  createContext: createIdentityContext,
  // Read-your-writes revocation: the gateway learns what a mutation invalidated from its response.
  plugins: [invalidationsInResponse],
  withinRequest: collectingInvalidations,
  internalRoutes: {
    [PRINCIPAL_LOOKUP_PATH]: async ({ body, orm }) => {
      const request = parseLookupRequest(body);
      if (!request) throw new HttpError(400, 'BAD_REQUEST', 'Malformed principal lookup');
      return lookupPrincipal(orm.em.fork(), request);
    },
    [TRUSTED_DOCUMENT_LOOKUP_PATH]: ({ body, orm }) => lookupTrustedDocument(orm.em.fork(), body),
    // Bearer JWTs: the gateway verifies tokens itself and asks only what a workspace trusts and who an email is.
    [TRUSTED_ISSUERS_PATH]: ({ body, orm }) => listTrustedIssuers(orm.em.fork(), body),
    [JWT_PRINCIPAL_PATH]: ({ body, orm }) => lookupJwtPrincipal(orm.em.fork(), parseJwtPrincipalRequest(body)),
    [KEY_USAGE_PATH]: ({ body, orm }) => recordKeyUsage(orm.em.fork(), body),
    [OIDC_SESSION_PATH]: oidcSessionRoute,
    [MEMBERS_PATH]: async ({ body, orm }) => {
      const { workspaceId, userIds } = (body ?? {}) as { workspaceId?: unknown; userIds?: unknown };
      if (typeof workspaceId !== 'string' || !isId(workspaceId) || !Array.isArray(userIds)) throw new HttpError(400, 'BAD_REQUEST', 'Malformed membership check');
      const ids = userIds.filter((id): id is string => typeof id === 'string' && isId(id));
      // Content asks about its request's workspace: this lookup works in that one.
      const members = ids.length > 0 ? await scopeToWorkspace(orm.em.fork(), workspaceId).find(Member, { userId: { $in: ids } }, { fields: ['userId'] }) : [];
      return { members: members.map((member) => member.userId) };
    },
  },
  startWorkers: async (orm, logger, config) => {
    const stopRelay = startOutboxRelay({ orm, schema: 'identity', logger, signingSecrets: config.signingSecrets, peers: config.peers ?? {} });
    const stopSweep = startSignInAttemptSweep(orm, logger);
    return async () => {
      stopSweep();
      await stopRelay();
    };
  },
};

export function createServer(config: SubgraphServerConfig): Promise<RunningServer> {
  return startSubgraphServer(identitySubgraph, config);
}
