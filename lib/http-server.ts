// The HTTP layer every Atrium service shares: node:http, a body size limit, /health
// and /ready, and Apollo Server driven through executeHTTPGraphQLRequest. Owning this
// layer (instead of a framework) gives later steps the raw body to verify signatures on.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface RunningServer {
  readonly url: string;
  readonly stop: () => Promise<void>;
}

export interface HttpErrorDetails {
  /** The field the refusal is about (GraphQL error path). */
  readonly path?: readonly (string | number)[];
  /** More for the client than the code (e.g. the scopes that would have allowed it); `code` always wins. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Further errors of the same refusal (every operation limit that was exceeded, say). */
  readonly moreErrors?: readonly GraphQLFormattedError[];
  /** Top-level `extensions` of the answer (the computed cost, say). */
  readonly responseExtensions?: Readonly<Record<string, unknown>>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: HttpErrorDetails = {},
  ) {
    super(message);
  }
}

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export async function readBody(request: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  // Refused before a byte is read when the client says up front that it is too large.
  if (Number.isFinite(declared) && declared > limit) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > limit) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body larger than ${limit} bytes`);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    // The client hung up or sent a broken body: it answers that request only.
    throw new HttpError(400, 'BAD_REQUEST', 'Request body could not be read');
  }
  return Buffer.concat(chunks);
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

/** A GraphQL-shaped error body, for failures that happen before GraphQL runs. */
export function sendGraphQLError(response: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}, details: HttpErrorDetails = {}): void {
  const error = { message, ...(details.path ? { path: details.path } : {}), extensions: { ...details.extensions, code } };
  const body = { errors: [error, ...(details.moreErrors ?? [])], ...(details.responseExtensions ? { extensions: details.responseExtensions } : {}) };
  sendJson(response, status, body, { ...details.headers, ...headers });
}

export interface ApolloRequestOptions<TContext extends BaseContext> {
  readonly server: ApolloServer<TContext>;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly body: Buffer;
  /** The body as the caller already read it (the gateway's document step); parsed from `body` otherwise. */
  readonly parsedBody?: unknown;
  /** The query string as the caller resolved it (GET); the request's own otherwise. */
  readonly search?: string;
  readonly context: () => Promise<TContext>;
}

/** Runs one HTTP request through Apollo Server and writes its answer. */
export async function executeApolloRequest<TContext extends BaseContext>(options: ApolloRequestOptions<TContext>): Promise<void> {
  const { request, response, body } = options;
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  let parsedBody: unknown = options.parsedBody;
  if (parsedBody === undefined && body.length > 0) {
    const contentType = headers.get('content-type') ?? '';
    if (contentType.includes('json')) {
      try {
        parsedBody = JSON.parse(body.toString('utf8'));
      } catch {
        throw new HttpError(400, 'BAD_REQUEST', 'Request body is not valid JSON');
      }
    } else {
      parsedBody = body.toString('utf8');
    }
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  const result = await options.server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (request.method ?? 'GET').toUpperCase(), headers, search: options.search ?? url.search, body: parsedBody },
    context: options.context,
  });
  for (const [name, value] of result.headers) response.setHeader(name, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

export interface ListenOptions {
  readonly port: number;
  readonly host: string;
  readonly handler: RequestHandler;
  /** Runs after the socket is closed (stop Apollo, close the ORM). */
  readonly onStop?: () => Promise<void>;
  readonly onUnhandledError?: (error: unknown) => void;
  /**
   * Longest time a client may take to send one whole request (headers and body) before it
   * is answered 408 and dropped: a slow body (slowloris) holds a socket no longer. Default 30 s.
   */
  readonly requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Starts listening; `url` is the GraphQL endpoint, with the real port when 0 was asked. */
export async function listen(options: ListenOptions): Promise<RunningServer> {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 10_000),
      // How often Node looks for requests past those times (its default, 30 s, would let a short limit slip).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(requestTimeout / 4))),
    },
    (request, response) => {
      options.handler(request, response).catch((error: unknown) => {
        // Whatever failed, and however broken the socket is, this answers one request.
        try {
          if (!(error instanceof HttpError)) options.onUnhandledError?.(error);
          // The correlation id, when the service set one, lets a client quote the failure.
          const correlationId = response.getHeader('x-correlation-id');
          const refusal =
            error instanceof HttpError ? error : new HttpError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error', { extensions: typeof correlationId === 'string' ? { correlationId } : {} });
          // A body left unread (too large, broken) must not be taken as the next request.
          const headers: Record<string, string> = request.complete ? {} : { connection: 'close' };
          if (response.destroyed) return;
          if (!response.headersSent) sendGraphQLError(response, refusal.status, refusal.code, refusal.message, headers, refusal.details);
          else response.end();
        } catch (answerError) {
          options.onUnhandledError?.(answerError);
          response.destroy();
        }
      });
    },
  );
  // Keep-alive sockets from the gateway must not hold up a clean shutdown.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const displayHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${displayHost}:${port}/graphql`,
    stop: () => {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const forceTimer = setTimeout(() => server.closeAllConnections(), 3000);
        await closed;
        clearTimeout(forceTimer);
        await options.onStop?.();
      })();
      return stopping;
    },
  };
}

/**
 * An event listener on the request path that can never end the process: an exception
 * thrown by an EventEmitter listener is uncaught and kills it, whatever the request.
 * Every listener a request handler attaches goes through here.
 */
export function onceSafely(emitter: NodeJS.EventEmitter, event: string, onError: (error: unknown) => void, listener: (...args: unknown[]) => void): void {
  emitter.once(event, (...args: unknown[]) => {
    try {
      listener(...args);
    } catch (error) {
      onError(error);
    }
  });
}

/** Path of the request without its query string. */
export function requestPath(request: IncomingMessage): string {
  return new URL(request.url ?? '/', 'http://localhost').pathname;
}
