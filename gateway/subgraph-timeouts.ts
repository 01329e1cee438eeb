// Deadlines for the gateway's subgraph calls. Each call stops after its timeout or as soon
// as the client hangs up, and a call that timed out, was refused or was reset becomes a
// SUBGRAPH_UNAVAILABLE error: that subgraph's fields are null, the others still answer.
import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../lib/errors.js';
import { onceSafely } from '../lib/http-server.js';
import type { Logger } from '../lib/logger.js';
import type { GatewayContext } from './context.js';

/**
 * A signal aborted when the client goes away before its answer is complete (the
 * response closes unfinished), so the subgraph calls made for it stop too.
 */
export function abortOnHangUp(response: ServerResponse, onListenerError: (error: unknown) => void): AbortSignal {
  const controller = new AbortController();
  onceSafely(response, 'close', onListenerError, () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}

export interface SubgraphCall {
  readonly subgraph: string;
  /** Partial: requests the gateway makes on its own (development introspection) have no request context. */
  readonly context: Partial<GatewayContext>;
  readonly logger: Logger;
}

type Unavailability = 'timeout' | 'unreachable' | 'client closed';

/**
 * Why a subgraph call failed, when the subgraph was not there to answer: the subgraph
 * client (gateway/subgraph-client.ts) rejects as Node's fetch does: with a TimeoutError
 * DOMException past its deadline, the client signal's reason on a hang-up, or, for a
 * refused, reset or cut connection, a TypeError ('fetch failed', or 'terminated' mid-body).
 */
function unavailability(error: unknown, client: AbortSignal | undefined): Unavailability | undefined {
  if (client?.aborted) return 'client closed';
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'timeout';
  if (error instanceof TypeError && (error.message === 'fetch failed' || error.message === 'terminated')) return 'unreachable';
  return undefined;
}

/**
 * Runs one subgraph call (which stops at its deadline or the request's hang-up signal) and
 * turns a missing subgraph into SUBGRAPH_UNAVAILABLE. The message names the subgraph,
 * never its URL; the log line adds the reason and the correlation id, never the principal.
 */
export async function callSubgraph<T>(call: SubgraphCall, send: () => Promise<T>): Promise<T> {
  const client = call.context.signal;
  try {
    return await send();
  } catch (error) {
    const reason = unavailability(error, client);
    if (!reason) throw error;
    const fields = { subgraph: call.subgraph, reason, correlationId: call.context.correlationId };
    // Nobody reads the answer to a client that left: not worth a warning.
    if (reason === 'client closed') call.logger.debug('subgraph call cancelled', fields);
    else call.logger.warn('subgraph unavailable', fields);
    const message = reason === 'timeout' ? `Subgraph "${call.subgraph}" did not answer in time` : `Subgraph "${call.subgraph}" is unavailable`;
    throw new GraphQLError(message, { extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: call.subgraph } });
  }
}
