// What the gateway knows about one /graphql request as it moves through the pipeline's
// steps: each step reads what earlier steps found and adds its own finding.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DocumentNode } from 'graphql';
import type { Principal } from '../../lib/principal.js';
import type { CredentialReading } from '../credentials.js';
import type { OperationSummary } from '../operation.js';

/** The GraphQL parameters of a request, from a POST body or a GET query string. */
export interface GraphQLParameters {
  readonly query?: string;
  readonly operationName?: string;
  readonly variables?: Record<string, unknown>;
  readonly extensions?: Record<string, unknown>;
  /**
   * A trusted document named instead of sent (`documentId`, or an APQ hash this gateway
   * does not know): 64 lowercase hex. The trusted-documents step replaces it with the
   * registered body; it never reaches a later step.
   */
  readonly documentId?: string;
}

export interface GatewayRequest {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly correlationId: string;
  /** performance.now() when the request arrived. */
  readonly started: number;
  /** ISO time the request arrived (request log). */
  readonly time: string;
  /**
   * The client's address (through TRUSTED_PROXIES), read once when the request arrives:
   * the request log, the anonymous rate-limit budget and the signed principal (identity's
   * sign-in throttle) all use it, and after a hang-up the socket is gone.
   */
  readonly clientIp: string | null;
  /** Error codes the answer carried, collected for the request log. */
  readonly errorCodes: Set<string>;
  /** Aborted when the client hangs up before its answer is complete. */
  readonly signal: AbortSignal;
  body?: Buffer;
  credential?: CredentialReading;
  principal?: Principal;
  parameters?: GraphQLParameters;
  /** Parsed once (document step); every later step uses this one. */
  document?: DocumentNode;
  operation?: OperationSummary;
  /** Computed cost of the operation (limits step); reported in extensions.cost. */
  cost?: number;
}
