// The gateway: @apollo/gateway on @apollo/server behind the shared HTTP layer. Every
// request's credential becomes a verified principal before Apollo runs; the principal
// travels to the subgraphs signed. createServer(config) → { url, stop }.
import type { IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import type { GatewayContext } from './context.js';
import { SubgraphDataSource, signingFetcher } from './subgraph-data-source.js';
import { correlationIdFrom, currentCorrelationId, withCorrelationId } from '../lib/correlation.js';
import { APOLLO_ERROR_HTTP_STATUS, CORRELATION_HEADER, ERROR_HTTP_STATUS, ErrorCode, WORKSPACE_HEADER, createErrorFormatter } from '../lib/errors.js';
import { HttpError, executeApolloRequest, listen, onceSafely, readBody, requestPath, sendGraphQLError, sendJson, type RunningServer } from '../lib/http-server.js';
import { insufficientScope, type ScopeRequirement } from '../lib/scopes-directive.js';
import type { AtriumConfig, LogLevel } from '../lib/config.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { ANONYMOUS_PRINCIPAL, PUBLIC_ROOT_FIELDS, type Principal } from '../lib/principal.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import { readCredential } from './credentials.js';
import { PeerUnavailableError } from '../lib/internal-call.js';
import { createIdentityClient } from './identity-client.js';
import { startInvalidationListener } from './invalidation-listener.js';
import { KeyUsageRecorder } from './key-usage-recorder.js';
import { firstDeniedMutation, mutationRequirements } from './mutation-scopes.js';
import { summarizeOperation, type OperationSummary } from './operation.js';
import { createPlayground } from './playground.js';
import { PrincipalResolver } from './principal-resolver.js';
import { readCommittedSupergraph } from './supergraph.js';
import { RequestLogShipper } from './request-log-shipper.js';
import { newId } from '../lib/ids.js';
import { clientAddress, createTrustedProxies } from '../lib/trusted-proxies.js';

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
  /** How long a resolved principal is reused; default 5000 ms. */
  readonly principalCacheTtlMs?: number;
  /** How often key usage (lastUsedAt) is reported to identity; default 10 s. */
  readonly keyUsageFlushMs?: number;
  /** How often request logs are shipped to audit; default 1 s. */
  readonly requestLogFlushMs?: number;
  /** Entries held while audit is unreachable; beyond it the oldest are dropped (counted, logged). Default 50,000. */
  readonly requestLogBufferSize?: number;
  /** How long stopping keeps retrying to ship what is left to an unreachable audit; default 5 s. */
  readonly requestLogShutdownMs?: number;
  /** False records no request logs at all (to measure what logging costs). Default true. */
  readonly requestLogging?: boolean;
  /** Proxies (addresses, CIDR ranges) whose X-Forwarded-For names the client; default none. */
  readonly trustedProxies?: readonly string[];
  readonly logLevel?: LogLevel;
  readonly logger?: Logger;
}

/**
 * The gateway's settings from the process configuration: what `npm start` and
 * `npm run serve -- gateway` both pass, so a new setting is wired in one place.
 */
export function gatewayConfigFrom(
  config: AtriumConfig,
  runtime: Pick<GatewayServerConfig, 'subgraphUrls' | 'databaseUrl' | 'logger'>,
): GatewayServerConfig {
  return {
    port: config.gateway.port,
    host: config.host,
    devIntrospection: config.gateway.devIntrospection,
    introspection: config.gateway.introspection,
    playground: config.gateway.playground,
    signingSecrets: config.signingSecrets,
    workspaceHeader: config.gateway.workspaceHeader,
    principalCacheTtlMs: config.gateway.principalCacheTtlMs,
    trustedProxies: config.gateway.trustedProxies,
    requestLogging: config.gateway.requestLogging,
    logLevel: config.logLevel,
    ...runtime,
  };
}

export type { GatewayContext } from './context.js';

/** Apollo's code for a document with no operation to run (lib/errors.ts lists its status). */
const OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE';
/** What the gateway says, whatever made a credential fail: it never tells which. */
const INVALID_CREDENTIAL = new HttpError(ERROR_HTTP_STATUS.UNAUTHENTICATED, ErrorCode.UNAUTHENTICATED, 'Invalid or missing API key');
const WORKSPACE_FORBIDDEN = new HttpError(ERROR_HTTP_STATUS.FORBIDDEN, ErrorCode.FORBIDDEN, 'Token not authorized for this workspace');
/** Apollo's own code for a refused introspection, with a message that says what is going on. */
const INTROSPECTION_DISABLED = new HttpError(400, 'GRAPHQL_VALIDATION_FAILED', 'Introspection is disabled on this gateway');
const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);
/** Without LISTEN/NOTIFY, changes must still show within a second (DESIGN.md). */
const UNINFORMED_CACHE_TTL_MS = 1000;

function firstHeader(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A subgraph's /ready endpoint, derived from its GraphQL URL. */
function readinessUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = '/ready';
  url.search = '';
  return url.toString();
}

/**
 * WORKSPACE_REQUIRED alone, with nothing else in the operation answered, is a request
 * error: HTTP 400 (DESIGN.md "Errors"). With other data beside it, it stays a 200.
 */
const workspaceRequiredStatus: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        for (const error of errors ?? []) contextValue.errorCodes?.add(String(error.extensions?.code ?? 'UNKNOWN'));
        if (!errors?.length || !errors.every((error) => error.extensions?.code === ErrorCode.WORKSPACE_REQUIRED)) return;
        const nothingAnswered = !data || Object.values(data).every((value) => value === null);
        if (nothingAnswered) response.http.status = ERROR_HTTP_STATUS.WORKSPACE_REQUIRED;
      },
    };
  },
};

export async function createServer(config: GatewayServerConfig): Promise<RunningServer> {
  const logger = (config.logger ?? createLogger(config.logLevel ?? 'info')).child({ service: 'gateway' });
  const subgraphUrls = config.subgraphUrls;
  const workspaceHeader = config.workspaceHeader ?? WORKSPACE_HEADER;
  const identity = createIdentityClient(subgraphUrls.identity, config.signingSecrets);
  const cacheTtlMs = config.principalCacheTtlMs ?? 5000;
  const resolver = new PrincipalResolver({ identity, ttlMs: config.databaseUrl ? cacheTtlMs : Math.min(cacheTtlMs, UNINFORMED_CACHE_TTL_MS) });
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

  const fetcher = signingFetcher(config.signingSecrets);
  const supergraphSdl = config.devIntrospection ? undefined : (config.supergraphSdl ?? readCommittedSupergraph());
  // In development composition the subgraphs still enforce every @scopes; only the early refusal is skipped.
  const mutationScopes = supergraphSdl ? mutationRequirements(supergraphSdl) : new Map<string, ScopeRequirement>();
  const gateway = new ApolloGateway({
    ...(config.devIntrospection
      ? { supergraphSdl: new IntrospectAndCompose({ subgraphs: SUBGRAPHS.map(({ name }) => ({ name, url: subgraphUrls[name] })) }) }
      : { supergraphSdl: supergraphSdl! }),
    // Node's fetch (undici) keeps connections to subgraphs alive between requests.
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        url: subgraphUrls[name as SubgraphName] ?? url,
        fetcher: fetcher as never,
        // Only identity may say which principals changed (read-your-writes revocation).
        ...(name === 'identity' ? { onInvalidation: (message) => resolver.invalidate(message) } : {}),
      }),
    logger: { debug: () => undefined, info: () => undefined, warn: (message) => logger.warn(String(message)), error: (message) => logger.error(String(message)) },
  });
  const introspection = config.introspection ?? true;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Without a credential, introspection never gets this far (authenticate refuses it).
    introspection,
    includeStacktraceInErrorResponses: false,
    // The entry point owns signals and stops servers in order; Apollo must not race it.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(logger, currentCorrelationId),
    plugins: [ApolloServerPluginLandingPageDisabled(), workspaceRequiredStatus],
  });
  await apollo.start();
  const playground = (config.playground ?? true) ? createPlayground({ graphqlPath: '/graphql', workspaceHeader, introspection }) : undefined;

  /** The principal of a request, or an HttpError answered before anything runs. */
  const authenticate = async (request: IncomingMessage, operation: OperationSummary | undefined): Promise<Principal> => {
    const credential = readCredential(request.headers);
    if (credential.outcome === 'invalid') throw INVALID_CREDENTIAL;
    if (credential.outcome === 'none') {
      const onlyPublic = operation !== undefined && !operation.unresolved && operation.rootFields.every((field) => PUBLIC_ROOT_FIELDS.has(field) || field === '__typename');
      if (!onlyPublic) throw INVALID_CREDENTIAL;
      return ANONYMOUS_PRINCIPAL;
    }
    const workspaceId = firstHeader(request, workspaceHeader)?.trim() || undefined;
    if (workspaceId !== undefined && workspaceId.length > 64) throw WORKSPACE_FORBIDDEN;
    let result;
    try {
      result = await resolver.resolve(credential.secret, credential.kind, workspaceId);
    } catch (error) {
      if (!(error instanceof PeerUnavailableError)) throw error;
      logger.error('principal lookup failed', { reason: error.message });
      throw new HttpError(503, 'SERVICE_UNAVAILABLE', 'Authentication is temporarily unavailable; retry shortly');
    }
    if (!result.ok) {
      throw result.reason === 'WORKSPACE_NOT_AUTHORIZED' || result.reason === 'NOT_A_MEMBER' ? WORKSPACE_FORBIDDEN : INVALID_CREDENTIAL;
    }
    if (result.principal.keyId) keyUsage.record(result.principal.keyId);
    return result.principal;
  };

  const server = await listen({
    port: config.port,
    host: config.host ?? '127.0.0.1',
    onUnhandledError: (error) => logger.error('unhandled request error', { error }),
    onStop: async () => {
      await apollo.stop();
      await keyUsage.stop();
      await requestLogs?.stop();
      await stopListening();
    },
    handler: async (request, response) => {
      const correlationId = correlationIdFrom(request.headers[CORRELATION_HEADER]);
      // Set first, so that every answer carries it, errors before GraphQL included.
      response.setHeader(CORRELATION_HEADER, correlationId);
      const path = requestPath(request);
      if (request.method === 'GET' && path === '/health') return sendJson(response, 200, { status: 'ok', service: 'gateway' });
      if (request.method === 'GET' && path === '/ready') {
        const checks = await Promise.all(
          SUBGRAPHS.map(async ({ name }) => {
            try {
              const answer = await fetch(readinessUrl(subgraphUrls[name]), { signal: AbortSignal.timeout(2000) });
              return [name, answer.ok ? 'ready' : `unavailable (HTTP ${answer.status})`] as const;
            } catch {
              return [name, 'unreachable'] as const;
            }
          }),
        );
        const ready = checks.every(([, state]) => state === 'ready');
        return sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', subgraphs: Object.fromEntries(checks) });
      }
      // Before Apollo: only a browser's GET of /graphql (Accept: text/html) gets the page; JSON
      // GETs and every POST still go through Apollo and its CSRF prevention.
      if (playground && (await playground.handle(request, response, path))) return;
      if (path !== '/graphql') return sendJson(response, 404, { error: 'Not found' });
      const started = performance.now();
      const time = new Date().toISOString();
      const errorCodes = new Set<string>();
      let principal: Principal | undefined;
      let operation: OperationSummary | undefined;
      // One entry per request, written after the response is sent and never in its way;
      // 'close' also fires for a client that hung up before the answer was complete.
      // Read now: once the client hangs up, request.socket is null.
      const remoteAddress = request.socket?.remoteAddress;
      if (requestLogs) {
        onceSafely(response, 'close', (error) => logger.error('request log listener failed', { correlationId, error }), () => {
          const answered = response.writableFinished;
          requestLogs.record({
            id: newId(),
            correlationId,
            time,
            credentialKind: principal && principal.kind !== 'anonymous' ? principal.kind : null,
            keyId: principal?.keyId ?? null,
            userId: principal?.userId ?? null,
            workspaceId: principal?.workspaceId ?? null,
            operationName: operation?.name ?? null,
            operationType: operation?.type ?? null,
            rootFields: operation?.rootFields ?? [],
            outcome: !answered
              ? 'CLIENT_CLOSED'
              : errorCodes.size > 0
                ? [...errorCodes].sort().join(',')
                : response.statusCode >= 400
                  ? `HTTP_${response.statusCode}`
                  : 'OK',
            httpStatus: response.statusCode,
            durationMs: performance.now() - started,
            clientIp: clientAddress(remoteAddress, request.headers['x-forwarded-for'], trustedProxies),
            userAgent: firstHeader(request, 'user-agent')?.slice(0, 500) ?? null,
          });
        });
      }
      const body = await readBody(request);
      operation = summarizeOperation(request.method ?? 'POST', new URL(request.url ?? '/', 'http://localhost').search, body);
      try {
        principal = await authenticate(request, operation);
      } catch (error) {
        if (error instanceof HttpError) errorCodes.add(error.code);
        throw error;
      }
      // The federated executor would throw (HTTP 500) on a document with no operation to run.
      if (operation?.unresolved) {
        errorCodes.add(OPERATION_RESOLUTION_FAILURE);
        return sendGraphQLError(response, APOLLO_ERROR_HTTP_STATUS[OPERATION_RESOLUTION_FAILURE], OPERATION_RESOLUTION_FAILURE, operation.unresolved);
      }
      if (!introspection && operation?.rootFields.some((field) => INTROSPECTION_FIELDS.has(field))) {
        errorCodes.add(INTROSPECTION_DISABLED.code);
        throw INTROSPECTION_DISABLED;
      }
      if (operation?.type === 'mutation') {
        const denied = firstDeniedMutation(mutationScopes, operation.rootFields, principal.scopes);
        if (denied) {
          const error = insufficientScope(denied.requiredScopes);
          errorCodes.add(ErrorCode.INSUFFICIENT_SCOPE);
          return sendJson(response, ERROR_HTTP_STATUS.INSUFFICIENT_SCOPE, { errors: [{ message: error.message, path: [denied.field], extensions: error.extensions }] });
        }
      }
      await withCorrelationId(correlationId, () =>
        executeApolloRequest({ server: apollo, request, response, body, context: async () => ({ correlationId, principal: principal!, errorCodes }) }),
      );
    },
  });
  logger.info('gateway listening', { url: server.url });
  return server;
}
