// What every subgraph call and Apollo plugin of the gateway knows about the request.
import type { Principal } from '../lib/principal.js';

export interface GatewayContext {
  readonly correlationId: string;
  readonly principal: Principal;
  /** The client's address (through trusted proxies), signed along with the principal to every subgraph. */
  readonly clientIp: string | null;
  /** Error codes the response carried, collected for the request log. */
  readonly errorCodes: Set<string>;
  /** The operation's computed cost (limits step), reported in extensions.cost. */
  readonly cost?: number;
  /** Aborted when the client hangs up before its answer is sent: the subgraph calls made for it stop. */
  readonly signal: AbortSignal;
}
