// The gateway: @apollo/gateway on @apollo/server behind the shared HTTP layer. Each
// /graphql request runs through the pipeline of DESIGN.md, one step per file under
// pipeline/, cheapest refusal first; the principal travels to the subgraphs signed.
// createServer(config) → { url, stop }.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { correlationIdFrom, currentCorrelationId } from '../lib/correlation.js';
import { CORRELATION_HEADER, WORKSPACE_HEADER, createErrorFormatter } from '../lib/errors.js';
import { listen, requestPath, sendJson, type RunningServer } from '../lib/http-server.js';
import { DEFAULT_AUDIT_RETENTION_DAYS, DEFAULT_SUBGRAPH_TIMEOUT_MS, type AtriumConfig, type LogLevel } from '../lib/config.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import { clientAddress, createTrustedProxies } from '../lib/trusted-proxies.js';
import type { GatewayContext } from './context.js';
import { createIdentityClient } from './identity-client.js';
import { startInvalidationListener } from './invalidation-listener.js';
import { JwtAuthenticator } from './jwt-authenticator.js';
import { KeyUsageRecorder } from './key-usage-recorder.js';
import { createCorsPolicy } from './pipeline/cors.js';
import { credentialStep } from './pipeline/credential.js';
import { documentStep, parametersStep } from './pipeline/document.js';
import { limitedParser, limitsStep } from './pipeline/limits.js';
import { createOperationLimiter } from './limits/operation-limiter.js';
import type { OperationLimitsByAudience } from './limits/settings.js';
import { executeStep } from './pipeline/execute.js';
import type { GatewayRequest } from './pipeline/gateway-request.js';
import { httpGuardStep } from './pipeline/http-guard.js';
import { preChecksStep } from './pipeline/pre-checks.js';
import { principalStep } from './pipeline/principal.js';
import { anonymousConcurrencyStep, DEFAULT_ANONYMOUS_MAX_CONCURRENT } from './pipeline/anonymous-concurrency.js';
import { concurrencyStep, DEFAULT_MAX_CONCURRENT_REQUESTS } from './pipeline/concurrency.js';
import { rateLimitStep } from './pipeline/rate-limit.js';
import { createRateBudgets } from './rate-limits/budgets.js';
import { DEFAULT_RATE_LIMIT_SETTINGS, type RateLimitSettings } from './rate-limits/settings.js';
import { trustedDocumentsStep } from './pipeline/trusted-documents.js';
import { requestLogStep } from './pipeline/request-log.js';
import { SchemaUsageIndex } from './schema-usage.js';
import { responsePlugin } from './pipeline/response.js';
import { runPipeline, type GatewayStep } from './pipeline/step.js';
import { createPlayground } from './playground.js';
import { createAccountPages } from './account-pages.js';
import { createConsole } from './console.js';
import { PrincipalResolver } from './principal-resolver.js';
import { readinessOf } from './readiness.js';
import { RequestLogShipper } from './request-log-shipper.js';
import { createSubgraphClient } from './subgraph-client.js';
import { createFetchDeduplication } from './subgraph-deduplication.js';
import { SubgraphDataSource, subgraphAudience } from './subgraph-data-source.js';
import { abortOnHangUp } from './subgraph-timeouts.js';
import { NO_SUPERGRAPH_AUTHORIZATION, authorizationOf, readCommittedSupergraph } from './supergraph.js';
import type { OidcProviderSetting } from '../lib/oidc-settings.js';
import { createOidcRoutes } from './oidc-routes.js';
import { sessionCookieStep } from './oidc-session-cookie.js';

export interface GatewayServerConfig {
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly host?: string;
  /** Where each declared subgraph answers; overrides the URLs in the supergraph. */
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  /** Defaults to the committed schema/supergraph.graphql. */
  readonly supergraphSdl?: string;
  /** Compose from the live subgraphs instead (development only). */
  readonly devIntrospection?: boolean;
  /** Secrets for the principal header; the first signs. */
  readonly signingSecrets: readonly string[];
  /** Identity's database, to LISTEN for invalidations. Without it the cache lives at most 1 s. */
  readonly databaseUrl?: string;
  /** Header naming the workspace; default x-workspace-id. */
  readonly workspaceHeader?: string;
  /** Answer `__schema`/`__type` for any valid credential (never without one); default true. */
  readonly introspection?: boolean;
  /** Serve the GraphiQL playground at /playground and to browsers on /graphql; default true. */
  readonly playground?: boolean;
  /** Serve the console (console/dist/, built by Vite) at /console; default true. */
  readonly console?: boolean;
  /** How long audit keeps request logs and events (AUDIT_RETENTION_DAYS), said on the console's pages; default 90. */
  readonly auditRetentionDays?: number;
  /** How long a resolved principal is reused; default 5000 ms. */
  readonly principalCacheTtlMs?: number;
  /** Least time between two fetches of an issuer's JWKS for an unknown key id (Bearer JWTs); default 30 s. */
  readonly jwksCooldownMs?: number;
  /** Longest wait for one subgraph call before its fields answer SUBGRAPH_UNAVAILABLE; default 5000 ms. */
  readonly subgraphTimeoutMs?: number;
  /** How often key usage (lastUsedAt) is reported to identity; default 10 s. */
  readonly keyUsageFlushMs?: number;
  /** How often request logs are shipped to audit, however few; default 5 s (1,000 waiting ship at once). */
  readonly requestLogFlushMs?: number;
  /** Entries held while audit is unreachable; beyond it the oldest are dropped (counted, logged). Default 50,000. */
  readonly requestLogBufferSize?: number;
  /** How long stopping keeps retrying to ship what is left to an unreachable audit; default 5 s. */
  readonly requestLogShutdownMs?: number;
  /** False records no request logs at all (to measure what logging costs). Default true. */
  readonly requestLogging?: boolean;
  /** False leaves schema usage (document hash, coordinates, client) out of the request logs, to measure what it costs. Default true. */
  readonly schemaUsage?: boolean;
  /** Proxies (addresses, CIDR ranges) whose X-Forwarded-For names the client; default none. */
  readonly trustedProxies?: readonly string[];
  /** Origins whose browser apps may call the API (CORS); `*` for any; default none. */
  readonly corsOrigins?: readonly string[];
  /** Longest time a client may take to send a whole request (slow bodies get 408); default 30 s. */
  readonly requestTimeoutMs?: number;
  /** False skips the operation-limits check, to measure what it costs; default true. */
  readonly enforceOperationLimits?: boolean;
  /** False leaves the rate-limit step out (no budget, no Redis), to measure what it costs; default true. */
  readonly enforceRateLimits?: boolean;
  /** False sends every subgraph fetch, even one identical to a fetch in flight for the same principal; default true. */
  readonly deduplicateFetches?: boolean;
  /** Limits of one operation, per audience; default DEFAULT_OPERATION_LIMITS (gateway/limits/settings.ts). */
  readonly operationLimits?: OperationLimitsByAudience;
  /** Cost budgets per credential kind and window; default DEFAULT_RATE_LIMIT_SETTINGS (gateway/rate-limits/budgets.ts). */
  readonly rateLimits?: RateLimitSettings;
  /** Redis shared by every gateway for the budgets; in memory (this process) without it. */
  readonly redisUrl?: string;
  /** Prefix of the budgets' Redis keys; default `atrium:rate` (tests use their own). */
  readonly rateLimitKeyPrefix?: string;
  /** Requests in progress at once; one more gets 503 with Retry-After: 1. Default 512. */
  readonly maxConcurrentRequests?: number;
  /** Requests without a credential in progress at once per client address. */
  readonly anonymousMaxConcurrent?: number;
  /** OpenID providers for the browser sign-in (/auth/oidc/<id>/start); default none. */
  readonly oidcProviders?: readonly OidcProviderSetting[];
  /** Where browsers reach the gateway (PUBLIC_URL; OpenID redirect URIs, the session cookie's Secure flag); default its own URL. */
  readonly publicUrl?: string;
  readonly logLevel?: LogLevel;
  readonly logger?: Logger;
}

/**
 * The gateway's settings from the process configuration: what `npm start` and
 * `npm run serve -- gateway` both pass, so a new setting is wired in one place.
 */
export function gatewayConfigFrom(config: AtriumConfig, runtime: Pick<GatewayServerConfig, 'subgraphUrls' | 'databaseUrl' | 'logger'>): GatewayServerConfig {
  return {
    port: config.gateway.port,
    host: config.host,
    devIntrospection: config.gateway.devIntrospection,
    introspection: config.gateway.introspection,
    playground: config.gateway.playground,
    auditRetentionDays: config.subgraphSettings.auditRetentionDays,
    signingSecrets: config.signingSecrets,
    workspaceHeader: config.gateway.workspaceHeader,
    principalCacheTtlMs: config.gateway.principalCacheTtlMs,
    subgraphTimeoutMs: config.gateway.subgraphTimeoutMs,
    trustedProxies: config.gateway.trustedProxies,
    requestLogging: config.gateway.requestLogging,
    corsOrigins: config.gateway.corsOrigins,
    requestTimeoutMs: config.gateway.requestTimeoutMs,
    operationLimits: config.gateway.operationLimits,
    enforceOperationLimits: config.gateway.enforceOperationLimits,
    enforceRateLimits: config.gateway.enforceRateLimits,
    deduplicateFetches: config.gateway.deduplicateFetches,
    rateLimits: config.gateway.rateLimits,
    redisUrl: config.gateway.redisUrl,
    maxConcurrentRequests: config.gateway.maxConcurrentRequests,
    anonymousMaxConcurrent: config.gateway.anonymousMaxConcurrent,
    oidcProviders: config.subgraphSettings.oidcProviders,
    publicUrl: config.subgraphSettings.accounts.publicUrl,
    logLevel: config.logLevel,
    ...runtime,
  };
}

export type { GatewayContext } from './context.js';

/** Without LISTEN/NOTIFY, changes must still show within a second (DESIGN.md). */
const UNINFORMED_CACHE_TTL_MS = 1000;

export async function createServer(config: GatewayServerConfig): Promise<RunningServer> {
  const logger = (config.logger ?? createLogger(config.logLevel ?? 'info')).child({ service: 'gateway' });
  const subgraphUrls = config.subgraphUrls;
  const workspaceHeader = config.workspaceHeader ?? WORKSPACE_HEADER;
  const identity = createIdentityClient(subgraphUrls.identity, config.signingSecrets);
  const cacheTtlMs = config.principalCacheTtlMs ?? 5000;
  const resolverTtlMs = config.databaseUrl ? cacheTtlMs : Math.min(cacheTtlMs, UNINFORMED_CACHE_TTL_MS);
  const resolver = new PrincipalResolver({ identity, ttlMs: resolverTtlMs });
  // Attached to the resolver: it hears the same invalidations (a trust removed drops the workspace's issuers).
  const jwt = new JwtAuthenticator({ identity, resolver, ttlMs: resolverTtlMs, jwksCooldownMs: config.jwksCooldownMs });
  const stopListening = config.databaseUrl
    ? await startInvalidationListener({
        databaseUrl: config.databaseUrl,
        logger,
        onInvalidation: (message) => resolver.invalidate(message),
        onListening: (listening) => resolver.setCaching(listening),
      })
    : async () => undefined;
  const keyUsage = new KeyUsageRecorder({ identity, logger, flushIntervalMs: config.keyUsageFlushMs ?? 10_000 });
  keyUsage.start();
  const requestLogs =
    config.requestLogging === false
      ? undefined
      : new RequestLogShipper({
          auditUrl: subgraphUrls.audit,
          signingSecrets: config.signingSecrets,
          logger,
          flushIntervalMs: config.requestLogFlushMs,
          maxBuffered: config.requestLogBufferSize,
          shutdownTimeoutMs: config.requestLogShutdownMs,
        });
  requestLogs?.start();
  const trustedProxies = createTrustedProxies(config.trustedProxies ?? []);

  const supergraphSdl = config.devIntrospection ? undefined : (config.supergraphSdl ?? readCommittedSupergraph());
  // Costs are computed over the committed supergraph, in development composition too.
  const limiter = createOperationLimiter({ supergraphSdl: supergraphSdl ?? readCommittedSupergraph(), settings: config.operationLimits });
  const subgraphClient = createSubgraphClient();
  const deduplication = config.deduplicateFetches === false ? undefined : createFetchDeduplication();
  const gateway = new ApolloGateway({
    ...(config.devIntrospection ? { supergraphSdl: new IntrospectAndCompose({ subgraphs: SUBGRAPHS.map(({ name }) => ({ name, url: subgraphUrls[name] })) }) } : { supergraphSdl: supergraphSdl! }),
    // One data source per subgraph, each signing for its own audience only, all over one keep-alive pool.
    buildService: ({ name, url }) =>
      new SubgraphDataSource(
        name,
        logger,
        {
          url: subgraphUrls[name as SubgraphName] ?? url,
          audience: subgraphAudience(name),
          signingSecrets: config.signingSecrets,
          timeoutMs: config.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS,
          client: subgraphClient,
          deduplication,
        },
        // Only identity may say which principals changed (read-your-writes revocation).
        name === 'identity' ? (message) => resolver.invalidate(message) : undefined,
      ),
    logger: { debug: () => undefined, info: () => undefined, warn: (message) => logger.warn(String(message)), error: (message) => logger.error(String(message)) },
  });
  // What is public and which mutations are refused early, read from the supergraph the
  // gateway runs: when it loads (before the first request) and whenever it is replaced
  // (development composition), so that the schema's @public and @scopes are the only list.
  let authorization = NO_SUPERGRAPH_AUTHORIZATION;
  // Schema usage is read against the API schema that runs, as the coordinates clients see.
  const schemaUsage = requestLogs && config.schemaUsage !== false ? new SchemaUsageIndex() : undefined;
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl, apiSchema }) => {
    authorization = authorizationOf(coreSupergraphSdl);
    schemaUsage?.setSchema(apiSchema);
  });
  const introspection = config.introspection ?? true;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Without a credential, introspection never gets this far (the pre-checks refuse it).
    introspection,
    includeStacktraceInErrorResponses: false,
    // The entry point owns signals and stops servers in order; Apollo must not race it.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(logger, currentCorrelationId, workspaceHeader),
    plugins: [ApolloServerPluginLandingPageDisabled(), responsePlugin],
    // APQ is resolved by the pipeline's document step, so hash-only requests meet every check.
    persistedQueries: false,
  });
  await apollo.start();
  const budgets =
    config.enforceRateLimits === false
      ? undefined
      : await createRateBudgets({
          settings: config.rateLimits ?? DEFAULT_RATE_LIMIT_SETTINGS,
          redisUrl: config.redisUrl,
          keyPrefix: config.rateLimitKeyPrefix,
          logger,
        });
  // Browser sign-in (gateway/oidc-routes.ts); the gateway's own URL is known once it listens.
  let ownUrl = '';
  const publicUrl = () => (config.publicUrl ?? ownUrl).replace(/\/$/, '');
  const trustedOrigins = () => [publicUrl(), ownUrl, ...(config.corsOrigins ?? []).filter((origin) => origin !== '*')].filter((url) => url.length > 0).map((url) => new URL(url).origin.toLowerCase());
  const oidcRoutes = createOidcRoutes({
    providers: config.oidcProviders ?? [],
    publicUrl,
    graphqlUrl: () => `${ownUrl}/graphql`,
    trustedOrigins,
    identity,
    signingSecrets: config.signingSecrets,
    logger: logger.child({ component: 'oidc' }),
    clientIp: (request) => clientAddress(request.socket?.remoteAddress, request.headers['x-forwarded-for'], trustedProxies),
  });
  const playground = (config.playground ?? true) ? createPlayground({ graphqlPath: '/graphql', workspaceHeader, introspection }) : undefined;
  // The pages the links in account mail open (verify an address, reset a password, join by invitation).
  const accountPages = createAccountPages({ graphqlPath: '/graphql' });
  const consolePages =
    (config.console ?? true)
      ? createConsole({
          oidcProviders: config.oidcProviders ?? [],
          retentionDays: config.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS,
          logger: logger.child({ component: 'console' }),
        })
      : undefined;

  const steps: GatewayStep[] = [
    ...(requestLogs ? [requestLogStep(requestLogs, logger, schemaUsage)] : []),
    concurrencyStep(config.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS, logger),
    anonymousConcurrencyStep(config.anonymousMaxConcurrent ?? DEFAULT_ANONYMOUS_MAX_CONCURRENT, logger),
    httpGuardStep(createCorsPolicy(config.corsOrigins ?? [], workspaceHeader)),
    credentialStep,
    sessionCookieStep(trustedOrigins),
    principalStep({ resolver, jwt, keyUsage, workspaceHeader, logger }),
    parametersStep(),
    trustedDocumentsStep({ identity, logger, workspaceHeader }),
    documentStep({ parse: limitedParser(limiter), publicRootFields: () => authorization.publicRootFields }),
    ...(config.enforceOperationLimits === false ? [] : [limitsStep(limiter)]),
    ...(budgets ? [rateLimitStep(budgets)] : []),
    preChecksStep({ mutationScopes: () => authorization.mutationScopes, introspection }),
    executeStep(apollo),
  ];

  const server = await listen({
    port: config.port,
    host: config.host ?? '127.0.0.1',
    requestTimeoutMs: config.requestTimeoutMs,
    onUnhandledError: (error) => logger.error('unhandled request error', { error }),
    onStop: async () => {
      await apollo.stop();
      subgraphClient.close();
      await keyUsage.stop();
      await requestLogs?.stop();
      await stopListening();
      await budgets?.close();
    },
    handler: async (request, response) => {
      const correlationId = correlationIdFrom(request.headers[CORRELATION_HEADER]);
      // Set first, so that every answer carries it, errors before GraphQL included.
      response.setHeader(CORRELATION_HEADER, correlationId);
      const path = requestPath(request);
      if (request.method === 'GET' && path === '/health') return sendJson(response, 200, { status: 'ok', service: 'gateway' });
      if (request.method === 'GET' && path === '/ready') {
        const readiness = await readinessOf(subgraphUrls);
        return sendJson(response, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'unavailable', subgraphs: readiness.subgraphs });
      }
      // Before Apollo: only a browser's GET of /graphql (Accept: text/html) gets the page; JSON
      // GETs and every POST still go through Apollo and its CSRF prevention.
      if (playground && (await playground.handle(request, response, path))) return;
      if (await accountPages.handle(request, response, path)) return;
      if (consolePages && (await consolePages.handle(request, response, path))) return;
      if (await oidcRoutes.handle(request, response, path)) return;
      if (path !== '/graphql') return sendJson(response, 404, { error: 'Not found' });
      const state: GatewayRequest = {
        request,
        response,
        correlationId,
        started: performance.now(),
        time: new Date().toISOString(),
        clientIp: clientAddress(request.socket?.remoteAddress, request.headers['x-forwarded-for'], trustedProxies),
        errorCodes: new Set(),
        // A client that hangs up before its answer is complete cancels the subgraph calls made for it.
        signal: abortOnHangUp(response, (error) => logger.error('hang-up listener failed', { correlationId, error })),
      };
      await runPipeline(steps, state);
    },
  });
  ownUrl = new URL(server.url).origin;
  logger.info('gateway listening', { url: server.url });
  return server;
}
