// Step 1, the HTTP guard: CORS for browser apps on other origins, then the body, read
// within its size limit. The correlation id is set before any step runs (server.ts),
// so every answer carries it, refusals included.
import { ERROR_HTTP_STATUS, ErrorCode } from '../../lib/errors.js';
import { DEFAULT_BODY_LIMIT, HttpError, readBody } from '../../lib/http-server.js';
import type { CorsPolicy } from './cors.js';
import type { GatewayStep } from './step.js';

const ORIGIN_NOT_ALLOWED = new HttpError(ERROR_HTTP_STATUS.FORBIDDEN, ErrorCode.FORBIDDEN, 'This origin is not allowed to call the API from a browser (CORS_ORIGINS)');

export function httpGuardStep(cors: CorsPolicy, bodyLimit = DEFAULT_BODY_LIMIT): GatewayStep {
  return {
    name: 'http-guard',
    run: async (state) => {
      const { request } = state;
      if (await cors.apply(request, state.response)) return;
      // A preflight that CORS did not answer comes from an origin that is not listed.
      if (request.method === 'OPTIONS') throw ORIGIN_NOT_ALLOWED;
      if (request.method === 'POST') state.body = await readBody(request, bodyLimit);
    },
  };
}
