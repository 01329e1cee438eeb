// Cross-origin access for browser apps on other origins (CORS_ORIGINS), through the
// well-kept `cors` middleware. Only listed origins get CORS headers; a preflight from any
// other origin is answered without them, so the browser refuses the call. Credentials
// travel in headers (x-api-key, Authorization), never cookies: no Allow-Credentials.
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import { CORRELATION_HEADER } from '../../lib/errors.js';

/** Request headers a browser app may send (besides the CORS-safelisted ones). */
export function corsAllowedHeaders(workspaceHeader: string): string[] {
  return ['authorization', 'content-type', 'x-api-key', workspaceHeader, CORRELATION_HEADER, 'apollographql-client-name', 'apollographql-client-version'];
}

/** Response headers a browser app may read. */
export const CORS_EXPOSED_HEADERS: readonly string[] = [CORRELATION_HEADER, 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy'];

/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export interface CorsPolicy {
  /** Sets CORS headers; true when the request was a preflight and has been answered. */
  readonly apply: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
}

export function createCorsPolicy(allowedOrigins: readonly string[], workspaceHeader: string): CorsPolicy {
  const allowed = new Set(allowedOrigins.map((origin) => origin.toLowerCase()));
  const middleware = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && (allowed.has('*') || allowed.has(origin.toLowerCase()))),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: corsAllowedHeaders(workspaceHeader),
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
  });
  return {
    apply: (request, response) => {
      if (request.headers.origin === undefined) return Promise.resolve(false);
      return new Promise((resolve, reject) => {
        // The middleware ends a preflight itself and calls next() for every other request.
        middleware(request, response, (error?: unknown) => (error ? reject(error instanceof Error ? error : new Error('CORS middleware failed', { cause: error })) : resolve(false)));
        if (response.writableEnded) resolve(true);
      });
    },
  };
}
