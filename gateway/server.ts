// The gateway: @apollo/gateway on @apollo/server behind the shared HTTP layer.
// createServer(config) → { url, stop }; the CLI entry point only parses config.
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { correlationIdFrom, currentCorrelationId, withCorrelationId } from '../lib/correlation.js';
import { CORRELATION_HEADER, WORKSPACE_HEADER, createErrorFormatter } from '../lib/errors.js';
import { executeApolloRequest, listen, readBody, requestPath, sendJson, type RunningServer } from '../lib/http-server.js';
import type { LogLevel } from '../lib/config.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { ANONYMOUS_PRINCIPAL, type Principal } from '../lib/principal.js';
import { PRINCIPAL_HEADER, signPrincipal } from '../lib/principal-signing.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import { readCommittedSupergraph } from './supergraph.js';

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
  readonly logLevel?: LogLevel;
  readonly logger?: Logger;
}

export interface GatewayContext {
  readonly correlationId: string;
  readonly principal: Principal;
}

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

/** Header on which willSendRequest hands the principal to the signing fetcher; never sent. */
const UNSIGNED_PRINCIPAL = 'x-atrium-unsigned-principal';

/** Passes the request's principal and correlation id on to the subgraph request. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!request.http) return;
    // Requests the gateway makes on its own (dev-mode introspection) carry the anonymous principal.
    const principal = 'principal' in context ? context.principal : ANONYMOUS_PRINCIPAL;
    request.http.headers.set(UNSIGNED_PRINCIPAL, JSON.stringify(principal));
    if ('correlationId' in context) request.http.headers.set(CORRELATION_HEADER, context.correlationId);
  }
}

/**
 * fetch that signs the principal over the exact body bytes being sent, the last moment
 * the body is known; the unsigned copy never leaves the process.
 */
function signingFetcher(signingSecrets: readonly string[]): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    const principal = headers.get(UNSIGNED_PRINCIPAL);
    headers.delete(UNSIGNED_PRINCIPAL);
    const body = typeof init?.body === 'string' ? init.body : '';
    headers.set(PRINCIPAL_HEADER, signPrincipal(principal ? (JSON.parse(principal) as Principal) : ANONYMOUS_PRINCIPAL, body, signingSecrets));
    return fetch(input, { ...init, headers });
  };
}

export async function createServer(config: GatewayServerConfig): Promise<RunningServer> {
  const logger = (config.logger ?? createLogger(config.logLevel ?? 'info')).child({ service: 'gateway' });
  const subgraphUrls = config.subgraphUrls;
  const fetcher = signingFetcher(config.signingSecrets);
  const gateway = new ApolloGateway({
    ...(config.devIntrospection
      ? { supergraphSdl: new IntrospectAndCompose({ subgraphs: SUBGRAPHS.map(({ name }) => ({ name, url: subgraphUrls[name] })) }) }
      : { supergraphSdl: config.supergraphSdl ?? readCommittedSupergraph() }),
    // Node's fetch (undici) keeps connections to subgraphs alive between requests.
    buildService: ({ name, url }) =>
      new SubgraphDataSource({ url: subgraphUrls[name as SubgraphName] ?? url, fetcher: fetcher as never }),
    logger: { debug: () => undefined, info: () => undefined, warn: (message) => logger.warn(String(message)), error: (message) => logger.error(String(message)) },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The entry point owns signals and stops servers in order; Apollo must not race it.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(logger, currentCorrelationId),
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const server = await listen({
    port: config.port,
    host: config.host ?? '127.0.0.1',
    onUnhandledError: (error) => logger.error('unhandled request error', { error }),
    onStop: () => apollo.stop(),
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
      if (path !== '/graphql') return sendJson(response, 404, { error: 'Not found' });
      const body = await readBody(request);
      await withCorrelationId(correlationId, () =>
        executeApolloRequest({
          server: apollo,
          request,
          response,
          body,
          context: async () => ({ correlationId, principal: { ...ANONYMOUS_PRINCIPAL, workspaceId: firstHeader(request, WORKSPACE_HEADER) } }),
        }),
      );
    },
  });
  logger.info('gateway listening', { url: server.url });
  return server;
}
