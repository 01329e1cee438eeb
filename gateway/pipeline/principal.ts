// Step 3, the principal: the credential becomes who is calling, in which workspace, with
// which effective scopes (identity decides; the resolver caches the answer briefly and
// drops it on revocation). No credential: the anonymous principal, which later steps
// confine to the public fields.
import type { IncomingMessage } from 'node:http';
import { ERROR_HTTP_STATUS, ErrorCode } from '../../lib/errors.js';
import { HttpError } from '../../lib/http-server.js';
import { PeerUnavailableError } from '../../lib/internal-call.js';
import type { Logger } from '../../lib/logger.js';
import { isId } from '../../lib/ids.js';
import { ANONYMOUS_PRINCIPAL } from '../../lib/principal.js';
import type { KeyUsageRecorder } from '../key-usage-recorder.js';
import type { PrincipalResolver } from '../principal-resolver.js';
import { INVALID_CREDENTIAL } from './credential.js';
import type { GatewayStep } from './step.js';

export const WORKSPACE_FORBIDDEN = new HttpError(ERROR_HTTP_STATUS.FORBIDDEN, ErrorCode.FORBIDDEN, 'Token not authorized for this workspace');
const AUTHENTICATION_UNAVAILABLE = new HttpError(503, 'SERVICE_UNAVAILABLE', 'Authentication is temporarily unavailable; retry shortly');

export function firstHeader(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export interface PrincipalStepOptions {
  readonly resolver: PrincipalResolver;
  readonly keyUsage: KeyUsageRecorder;
  readonly workspaceHeader: string;
  readonly logger: Logger;
}

export function principalStep(options: PrincipalStepOptions): GatewayStep {
  return {
    name: 'principal',
    run: async (state) => {
      const credential = state.credential;
      if (!credential || credential.outcome !== 'present') {
        state.principal = ANONYMOUS_PRINCIPAL;
        return;
      }
      const named = firstHeader(state.request, options.workspaceHeader)?.trim() || undefined;
      // A header that is no workspace id at all is the client's mistake (400), not a
      // workspace it may not use (403); the credential is still checked first, without it,
      // so that a bad credential answers 401 whatever the header says.
      const malformed = named !== undefined && !isId(named);
      const workspaceId = malformed ? undefined : named;
      let result;
      try {
        result = await options.resolver.resolve(credential.secret, credential.kind, workspaceId);
      } catch (error) {
        if (!(error instanceof PeerUnavailableError)) throw error;
        options.logger.error('principal lookup failed', { reason: error.message, correlationId: state.correlationId });
        throw AUTHENTICATION_UNAVAILABLE;
      }
      if (!result.ok) {
        throw result.reason === 'WORKSPACE_NOT_AUTHORIZED' || result.reason === 'NOT_A_MEMBER' ? WORKSPACE_FORBIDDEN : INVALID_CREDENTIAL;
      }
      if (malformed) {
        throw new HttpError(400, 'BAD_REQUEST', `The ${options.workspaceHeader} header is not a workspace id; send the id of one of your workspaces (workspaces { nodes { id } })`);
      }
      if (result.principal.keyId) options.keyUsage.record(result.principal.keyId);
      state.principal = result.principal;
    },
  };
}
