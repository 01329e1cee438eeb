// What every subgraph's createServer shares: Apollo Server on the shared HTTP layer,
// the gateway's signature checked before anything runs, a forked EntityManager per
// request, /health and /ready.
import type { IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { DEFAULT_SUBGRAPH_SETTINGS, type LogLevel, type SubgraphSettings } from './config.js';
import { correlationIdFrom, currentCorrelationId, withCorrelationId } from './correlation.js';
import { CORRELATION_HEADER, ErrorCode, createErrorFormatter } from './errors.js';
import { HttpError, executeApolloRequest, listen, readBody, requestPath, sendGraphQLError, sendJson, type RunningServer } from './http-server.js';
import { PeerUnavailableError, postInternal } from './internal-call.js';
import { createLogger, type Logger } from './logger.js';
import { initORM, type SubgraphEntityManager, type SubgraphOrm, type SubgraphOrmDefinition } from './orm.js';
import type { Principal } from './principal.js';
import type { SubgraphName } from './subgraph-list.js';
import { PRINCIPAL_HEADER, SignatureError, verifyPrincipal } from './principal-signing.js';
import { createPostgresNonceStore } from './seen-nonces/postgres-nonce-store.js';
import { scopeToWorkspace } from './workspace-filter.js';

/** What the caller of a subgraph's createServer passes. */
export interface SubgraphServerConfig {
  readonly databaseUrl: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly host?: string;
  /** Secrets the gateway's principal header may be signed with. */
  readonly signingSecrets: readonly string[];
  readonly logLevel?: LogLevel;
  readonly logger?: Logger;
  readonly poolSize?: number;
  /** Receives every SQL statement (statement-count tests). */
  readonly onQuery?: (sql: string) => void;
  /** Policy (session lifetime, key expiry cap); defaults suit tests. */
  readonly settings?: Partial<SubgraphSettings>;
  /**
   * GraphQL URLs of the other subgraphs, for delivering events (the outbox relay). Read at
   * delivery time, so a caller may fill it in as the others start.
   */
  readonly peers?: Partial<Record<SubgraphName, string>>;
  /** False starts the server without its background workers (tests of a crashed relay). */
  readonly runWorkers?: boolean;
}

/** Request facts every subgraph context starts from. */
export interface BaseSubgraphContext {
  readonly em: SubgraphEntityManager;
  readonly correlationId: string;
  /** Verified: it came signed from the gateway. */
  readonly principal: Principal;
  /** The principal's workspace, when the request works in one. */
  readonly workspaceId?: string;
  readonly logger: Logger;
  readonly settings: SubgraphSettings;
  /** A signed internal call to another subgraph (see lib/internal-call.ts). */
  readonly callPeer: <T>(peer: SubgraphName, path: string, payload: unknown) => Promise<T>;
}

/** Facts an internal (non-GraphQL) endpoint receives. */
export interface InternalRequest {
  readonly body: unknown;
  readonly orm: SubgraphOrm;
  readonly logger: Logger;
  readonly settings: SubgraphSettings;
}

export interface SubgraphDefinition<TContext extends BaseSubgraphContext, TServerState = undefined> {
  readonly orm: SubgraphOrmDefinition;
  readonly buildSchema: () => Promise<GraphQLSchema>;
  /**
   * What one running server keeps across its requests (identity's password-hashing slots),
   * made once at start; each request's createContext receives it.
   */
  readonly createServerState?: (settings: SubgraphSettings, logger: Logger) => TServerState;
  /** Ends what createServerState made (identity's mailer delivers what it holds, then closes), after the last request. */
  readonly closeServerState?: (state: TServerState) => Promise<void>;
  /** Adds the subgraph's per-request providers (DataLoaders, services) to the base context. */
  readonly createContext: (base: BaseSubgraphContext, server: TServerState) => TContext;
  /** POST endpoints outside GraphQL (gateway-only, signature checked like /graphql). */
  readonly internalRoutes?: Readonly<Record<string, (request: InternalRequest) => Promise<unknown>>>;
  /** The subgraph's own Apollo plugins, after the shared ones. */
  readonly plugins?: readonly ApolloServerPlugin<TContext>[];
  /** Runs each GraphQL request's execution (a per-request AsyncLocalStorage, say). */
  readonly withinRequest?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Background work bound to the server's life (outbox relays, ...). */
  readonly startWorkers?: (orm: SubgraphOrm, logger: Logger, config: SubgraphServerConfig, settings: SubgraphSettings) => Promise<() => Promise<void>>;
}

export async function startSubgraphServer<TContext extends BaseSubgraphContext, TServerState = undefined>(
  definition: SubgraphDefinition<TContext, TServerState>,
  config: SubgraphServerConfig,
): Promise<RunningServer & { orm: SubgraphOrm }> {
  const name = definition.orm.schema;
  const logger = (config.logger ?? createLogger(config.logLevel ?? 'info')).child({ service: name });
  if (config.signingSecrets.length === 0) throw new Error(`${name}: no principal signing secret configured`);
  const orm = await initORM(definition.orm, { databaseUrl: config.databaseUrl, poolSize: config.poolSize, onQuery: config.onQuery });
  const schema = await definition.buildSchema();
  // Shared by every instance of this subgraph: a header is good once per subgraph, not once per process.
  const nonces = createPostgresNonceStore(orm, name, logger);
  const settings: SubgraphSettings = { ...DEFAULT_SUBGRAPH_SETTINGS, ...config.settings };
  const serverState = definition.createServerState?.(settings, logger) as TServerState;
  const callPeer = <T>(peer: SubgraphName, path: string, payload: unknown): Promise<T> => {
    const url = config.peers?.[peer];
    if (!url) return Promise.reject(new PeerUnavailableError(peer, 'no URL configured'));
    return postInternal<T>(peer, url, path, payload, config.signingSecrets);
  };
  const apollo = new ApolloServer<TContext>({
    schema,
    // Only the gateway can call a subgraph (signature), and it composes from the committed file.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The entry point owns signals and stops servers in order; Apollo must not race it.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(logger, currentCorrelationId),
    // Only what a subgraph behind our gateway uses. No landing page. No usage or schema
    // reporting to Apollo's cloud, even with APOLLO_KEY in the environment (the subgraphs
    // are internal), and so no inline traces. No cache-control plugin: no field declares a
    // cache hint and nothing caches a subgraph's answer, so its hook on every resolved
    // field was wasted work (bench:gateway' subgraph CPU per request).
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ...(definition.plugins ?? []),
    ],
  });
  await apollo.start();
  const stopWorkers = definition.startWorkers && config.runWorkers !== false ? await definition.startWorkers(orm, logger, config, settings) : async () => undefined;

  /** The verified principal of a request, or a 401 before anything runs. */
  const verified = async (request: IncomingMessage, body: Buffer): Promise<Principal> => {
    const header = request.headers[PRINCIPAL_HEADER];
    try {
      return await verifyPrincipal(Array.isArray(header) ? header[0] : header, body, { audience: name, secrets: config.signingSecrets, nonces });
    } catch (error) {
      if (!(error instanceof SignatureError)) {
        // The signature held but the shared nonce store could not say whether it is new:
        // refuse (never run a maybe-replayed request), as a retryable outage, not a 500.
        logger.error('nonce store unavailable; request refused', { reason: (error as Error).message, path: requestPath(request) });
        throw new HttpError(503, 'SERVICE_UNAVAILABLE', 'Temporarily unavailable; retry shortly');
      }
      logger.warn('refused a request without a valid gateway signature', { reason: error.reason, path: requestPath(request) });
      throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'Requests must come through the gateway');
    }
  };

  const server = await listen({
    port: config.port,
    host: config.host ?? '127.0.0.1',
    onUnhandledError: (error) => logger.error('unhandled request error', { error }),
    onStop: async () => {
      await stopWorkers();
      nonces.stop();
      await apollo.stop();
      await definition.closeServerState?.(serverState);
      await orm.close();
    },
    handler: async (request, response) => {
      const correlationId = correlationIdFrom(request.headers[CORRELATION_HEADER]);
      // Set first, so that every answer carries it, errors before GraphQL included.
      response.setHeader(CORRELATION_HEADER, correlationId);
      const path = requestPath(request);
      if (request.method === 'GET' && path === '/health') return sendJson(response, 200, { status: 'ok', service: name });
      if (request.method === 'GET' && path === '/ready') {
        try {
          await orm.em.getConnection().execute('select 1');
          return sendJson(response, 200, { status: 'ready', service: name });
        } catch {
          return sendJson(response, 503, { status: 'unavailable', service: name, reason: 'database unreachable' });
        }
      }
      const internal = definition.internalRoutes?.[path];
      if (internal) {
        if (request.method !== 'POST') return sendGraphQLError(response, 405, 'METHOD_NOT_ALLOWED', 'Use POST');
        const body = await readBody(request);
        await verified(request, body);
        let parsed: unknown;
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch {
          throw new HttpError(400, 'BAD_REQUEST', 'Request body is not valid JSON');
        }
        const result = await withCorrelationId(correlationId, () => internal({ body: parsed, orm, settings, logger: logger.child({ correlationId }) }));
        return sendJson(response, 200, result);
      }
      if (path !== '/graphql') return sendJson(response, 404, { error: 'Not found' });
      const body = await readBody(request);
      const principal = await verified(request, body);
      const withinRequest = definition.withinRequest ?? ((work) => work());
      await withCorrelationId(correlationId, () =>
        withinRequest(() =>
          executeApolloRequest({
            server: apollo,
            request,
            response,
            body,
            context: async () =>
              definition.createContext(
                {
                  // The workspace is applied once, here, to every workspace-owned query of the request.
                  em: scopeToWorkspace(orm.em.fork(), principal.workspaceId),
                  correlationId,
                  principal,
                  workspaceId: principal.workspaceId,
                  logger: logger.child({ correlationId }),
                  settings,
                  callPeer,
                },
                serverState,
              ),
          }),
        ),
      );
    },
  });
  logger.info('subgraph listening', { url: server.url });
  return { ...server, orm };
}
