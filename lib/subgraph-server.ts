// What every subgraph's createServer shares: Apollo Server on the shared HTTP layer,
// a forked EntityManager per request, /health and /ready.
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { LogLevel } from './config.js';
import { correlationIdFrom, currentCorrelationId, withCorrelationId } from './correlation.js';
import { CORRELATION_HEADER, WORKSPACE_HEADER, createErrorFormatter } from './errors.js';
import { executeApolloRequest, listen, readBody, requestPath, sendJson, type RunningServer } from './http-server.js';
import { createLogger, type Logger } from './logger.js';
import { initORM, type SubgraphEntityManager, type SubgraphOrm, type SubgraphOrmDefinition } from './orm.js';

/** What the caller of a subgraph's createServer passes. */
export interface SubgraphServerConfig {
  readonly databaseUrl: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly host?: string;
  readonly logLevel?: LogLevel;
  readonly logger?: Logger;
  readonly poolSize?: number;
  /** Receives every SQL statement (statement-count tests). */
  readonly onQuery?: (sql: string) => void;
}

/** Request facts every subgraph context starts from. */
export interface BaseSubgraphContext {
  readonly em: SubgraphEntityManager;
  readonly correlationId: string;
  /** Workspace the request works in, as forwarded by the gateway. */
  readonly workspaceId?: string;
  readonly logger: Logger;
}

export interface SubgraphDefinition<TContext extends BaseSubgraphContext> {
  readonly orm: SubgraphOrmDefinition;
  readonly buildSchema: () => Promise<GraphQLSchema>;
  /** Adds the subgraph's per-request providers (DataLoaders, services) to the base context. */
  readonly createContext: (base: BaseSubgraphContext) => TContext;
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export async function startSubgraphServer<TContext extends BaseSubgraphContext>(
  definition: SubgraphDefinition<TContext>,
  config: SubgraphServerConfig,
): Promise<RunningServer & { orm: SubgraphOrm }> {
  const name = definition.orm.schema;
  const logger = (config.logger ?? createLogger(config.logLevel ?? 'info')).child({ service: name });
  const orm = await initORM(definition.orm, { databaseUrl: config.databaseUrl, poolSize: config.poolSize, onQuery: config.onQuery });
  const schema = await definition.buildSchema();
  const apollo = new ApolloServer<TContext>({
    schema,
    // Subgraphs are internal: the gateway introspects nothing at run time, but
    // `npm run schema` and dev composition do.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The entry point owns signals and stops servers in order; Apollo must not race it.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(logger, currentCorrelationId),
    // No Apollo usage reporting here, so computing inline traces would be wasted work.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const server = await listen({
    port: config.port,
    host: config.host ?? '127.0.0.1',
    onUnhandledError: (error) => logger.error('unhandled request error', { error }),
    onStop: async () => {
      await apollo.stop();
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
      if (path !== '/graphql') return sendJson(response, 404, { error: 'Not found' });
      const body = await readBody(request);
      await withCorrelationId(correlationId, () => executeApolloRequest({
        server: apollo,
        request,
        response,
        body,
        context: async () =>
          definition.createContext({
            em: orm.em.fork(),
            correlationId,
            workspaceId: headerValue(request, WORKSPACE_HEADER),
            logger: logger.child({ correlationId }),
          }),
      }));
    },
  });
  logger.info('subgraph listening', { url: server.url });
  return { ...server, orm };
}
