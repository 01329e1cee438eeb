// The request log: one entry per /graphql request, queued after the response is sent
// (never in its way) and shipped in batches to audit. Attached first, so that refusals
// at any step are logged too; 'close' also fires for a client that hung up before its
// answer was complete (CLIENT_CLOSED).
import { newId } from '../../lib/ids.js';
import { requestOutcomeOf, type RequestOutcome } from '../../lib/request-log.js';
import { NODE_TYPE_TAGS } from '../../lib/node-types.js';
import { onceSafely } from '../../lib/http-server.js';
import type { Logger } from '../../lib/logger.js';
import { normalizeClientName, normalizeClientVersion } from '../../lib/client-name.js';
import { CLIENT_NAME_HEADER, CLIENT_VERSION_HEADER, type OperationRegistration } from '../../lib/schema-usage.js';
import type { RequestLogShipper } from '../request-log-shipper.js';
import type { SchemaUsageIndex } from '../schema-usage.js';
import type { GatewayRequest } from './gateway-request.js';
import { firstHeader } from './principal.js';
import type { GatewayStep } from './step.js';

/** The request's outcomes (lib/request-log.ts REQUEST_OUTCOMES), sorted and joined by commas as stored. */
function outcomeOf(state: GatewayRequest): string {
  const { response, errorCodes } = state;
  const outcomes: RequestOutcome[] = [];
  if (!response.writableFinished) outcomes.push('CLIENT_CLOSED');
  else if (errorCodes.size > 0) outcomes.push(...new Set([...errorCodes].map(requestOutcomeOf)));
  else outcomes.push(response.statusCode >= 400 ? 'HTTP_ERROR' : 'OK');
  return outcomes.sort().join(',');
}

/**
 * Schema usage of the request: its document's hash and its operation's registration
 * (computed once per document, gateway/schema-usage.ts), and the client it names (Apollo's
 * headers, else the key's `client`). Invalid client headers count as none: they never fail a request.
 */
function usageOf(
  state: GatewayRequest,
  usage: SchemaUsageIndex | undefined,
): { documentHash: string | null; clientName: string | null; clientVersion: string | null; registration?: OperationRegistration } {
  const { request, principal, document, parameters, operation } = state;
  const headerName = request.headers[CLIENT_NAME_HEADER];
  const clientName = (headerName === undefined ? null : normalizeClientName(headerName)) ?? principal?.clientName ?? null;
  const headerVersion = request.headers[CLIENT_VERSION_HEADER];
  const clientVersion = headerVersion === undefined ? null : normalizeClientVersion(headerVersion);
  if (!usage || !document || parameters?.query === undefined || operation?.unresolved) return { documentHash: null, clientName, clientVersion };
  return { ...usage.of(document, parameters.query, operation?.name), clientName, clientVersion };
}

export function requestLogStep(shipper: RequestLogShipper, logger: Logger, usage?: SchemaUsageIndex): GatewayStep {
  return {
    name: 'request-log',
    run: (state) => {
      const { request, response, correlationId } = state;
      onceSafely(
        response,
        'close',
        (error) => logger.error('request log listener failed', { correlationId, error }),
        () => {
          const { principal, operation } = state;
          const { registration, ...used } = usageOf(state, usage);
          shipper.record(
            {
              id: newId(NODE_TYPE_TAGS.RequestLog),
              correlationId,
              time: state.time,
              credentialKind: principal && principal.kind !== 'anonymous' ? principal.kind : null,
              keyId: principal?.keyId ?? null,
              userId: principal?.userId ?? null,
              workspaceId: principal?.workspaceId ?? null,
              operationName: operation?.name ?? null,
              operationType: operation?.type ?? null,
              rootFields: operation?.rootFields ?? [],
              outcome: outcomeOf(state),
              httpStatus: response.statusCode,
              durationMs: performance.now() - state.started,
              clientIp: state.clientIp,
              userAgent: firstHeader(request, 'user-agent')?.slice(0, 500) ?? null,
              ...used,
            },
            registration,
          );
        },
      );
    },
  };
}
