// What every step of the gateway's pipeline and every subgraph call knows about the request.
import type { Principal } from '../lib/principal.js';

export interface GatewayContext {
  readonly correlationId: string;
  readonly principal: Principal;
  /** Error codes the response carried, collected for the request log. */
  readonly errorCodes: Set<string>;
}
