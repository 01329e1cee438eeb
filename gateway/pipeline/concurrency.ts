// The global concurrency cap: at most so many /graphql requests in progress in this
// gateway; one more is answered 503 with Retry-After: 1 at once, before its body is even
// read, so that a flood cannot make the gateway unresponsive for everyone. Each place is
// released when the response closes (sent or abandoned).
import { HttpError } from '../../lib/http-server.js';
import type { Logger } from '../../lib/logger.js';
import { createInFlightCounter } from './in-flight.js';
import type { GatewayStep } from './step.js';

export const DEFAULT_MAX_CONCURRENT_REQUESTS = 512;

export function concurrencyStep(maxConcurrent: number, logger: Logger): GatewayStep {
  const inFlight = createInFlightCounter(logger, 'concurrency');
  const busy = new HttpError(503, 'SERVICE_UNAVAILABLE', 'The gateway is at its limit of concurrent requests; retry shortly', { headers: { 'retry-after': '1' } });
  return {
    name: 'concurrency',
    run: (state) => {
      if (!inFlight.tryHold('gateway', maxConcurrent, state.response)) throw busy;
    },
  };
}
