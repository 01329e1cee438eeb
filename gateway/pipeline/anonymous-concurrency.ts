// Requests without a credential, per client address: at most so many in progress at once
// in this gateway; one more is answered 429 RATE_LIMITED with Retry-After: 1 at once,
// before its body is read or parsed. Without a credential only createSession and register
// run, so a client needs one or two at a time (eight leave room for an office behind one
// NAT). The anonymous cost budget (rate-limit step) bounds how much an address spends per
// window; this bounds how much of the gateway it holds at one moment: a burst of 200
// sign-ins from one address costs the gateway 200 cheap refusals instead of 200 GraphQL
// executions and subgraph calls, and a sign-in from elsewhere keeps its normal time
// (`npm run bench:sign-in`).
//
// Per process, like the global concurrency cap (gateway/pipeline/in-flight.ts counts both).
import { ErrorCode } from '../../lib/errors.js';
import { HttpError } from '../../lib/http-server.js';
import type { Logger } from '../../lib/logger.js';
import { createInFlightCounter } from './in-flight.js';
import type { GatewayStep } from './step.js';

export const DEFAULT_ANONYMOUS_MAX_CONCURRENT = 8;

const RETRY_AFTER_SECONDS = 1;

export function anonymousConcurrencyStep(maxPerAddress: number, logger: Logger): GatewayStep {
  const inFlight = createInFlightCounter(logger, 'anonymous concurrency');
  const busy = new HttpError(429, ErrorCode.RATE_LIMITED, `Too many requests without a credential from your address at once (at most ${maxPerAddress}); retry in a second`, {
    extensions: { retryAfter: RETRY_AFTER_SECONDS },
    headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
  });
  return {
    name: 'anonymous-concurrency',
    run: (state) => {
      // Before the body is read (the HTTP guard), so a refusal costs no more than the
      // headers: a request that names a credential is left to the credential step, which
      // charges it to that credential or refuses it. A CORS preflight never carries one
      // and is answered at once by the guard, so it holds no place.
      const { headers, method } = state.request;
      if (method === 'OPTIONS' || headers['x-api-key'] !== undefined || headers.authorization !== undefined) return;
      if (!inFlight.tryHold(state.clientIp ?? 'unknown', maxPerAddress, state.response)) throw busy;
    },
  };
}
