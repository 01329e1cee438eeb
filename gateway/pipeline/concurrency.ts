// The global concurrency cap: at most so many /graphql requests in progress in this
// gateway; one more is answered 503 with Retry-After: 1 at once, before its body is even
// read, so that a flood cannot make the gateway unresponsive for everyone. A counter,
// released when the response closes (sent or abandoned).
import { HttpError, onceSafely } from '../../lib/http-server.js';
import type { Logger } from '../../lib/logger.js';
import type { GatewayStep } from './step.js';

export const DEFAULT_MAX_CONCURRENT_REQUESTS = 512;

export function concurrencyStep(maxConcurrent: number, logger: Logger): GatewayStep {
  let inProgress = 0;
  const busy = new HttpError(503, 'SERVICE_UNAVAILABLE', 'The gateway is at its limit of concurrent requests; retry shortly', { headers: { 'retry-after': '1' } });
  return {
    name: 'concurrency',
    run: (state) => {
      if (inProgress >= maxConcurrent) throw busy;
      inProgress += 1;
      onceSafely(
        state.response,
        'close',
        (error) => logger.error('concurrency listener failed', { error }),
        () => {
          inProgress -= 1;
        },
      );
    },
  };
}
