// What every step of the gateway's pipeline and every subgraph call knows about the request.
import type { Principal } from '../lib/principal.js';

export interface GatewayContext {
  readonly correlationId: string;
  readonly principal: Principal;
  /** Error codes the response carried, collected for the request log. */
  readonly errorCodes: Set<string>;
  /** Aborted when the client hangs up before its answer is sent: the subgraph calls made for it stop. */
  readonly signal: AbortSignal;
}
