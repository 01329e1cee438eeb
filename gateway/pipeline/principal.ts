// Step 3, the principal: the credential becomes who is calling, in which workspace, with
// which effective scopes (identity decides; the resolver caches the answer briefly and
// drops it on revocation). No credential: the anonymous principal, which later steps
// confine to the public fields. A Bearer JWT is verified here, against its issuer's cached
// keys (gateway/jwt-authenticator.ts), in the workspace the header names.
import type { IncomingMessage } from 'node:http';
import { ERROR_HTTP_STATUS, ErrorCode, type InvalidTokenReason } from '../../lib/errors.js';
import { HttpError } from '../../lib/http-server.js';
import { PeerUnavailableError } from '../../lib/internal-call.js';
import type { Logger } from '../../lib/logger.js';
import { isId } from '../../lib/ids.js';
import { ANONYMOUS_PRINCIPAL } from '../../lib/principal.js';
import { JWT_REFUSAL_MESSAGES, type JwtAuthenticator } from '../jwt-authenticator.js';
import type { KeyUsageRecorder } from '../key-usage-recorder.js';
import type { PrincipalResolver } from '../principal-resolver.js';
import { INVALID_CREDENTIAL } from './credential.js';
import type { GatewayStep } from './step.js';

export const WORKSPACE_FORBIDDEN = new HttpError(ERROR_HTTP_STATUS.FORBIDDEN, ErrorCode.FORBIDDEN, 'Token not authorized for this workspace');
const AUTHENTICATION_UNAVAILABLE = new HttpError(503, 'SERVICE_UNAVAILABLE', 'Authentication is temporarily unavailable; retry shortly');

/** One refusal per reason, built once: 401 INVALID_TOKEN with `extensions.reason`. */
const JWT_REFUSALS = Object.fromEntries(
  Object.entries(JWT_REFUSAL_MESSAGES).map(([reason, message]) => [reason, new HttpError(ERROR_HTTP_STATUS.INVALID_TOKEN, ErrorCode.INVALID_TOKEN, message, { extensions: { reason } })]),
) as Record<InvalidTokenReason, HttpError>;

export function firstHeader(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export interface PrincipalStepOptions {
  readonly resolver: PrincipalResolver;
  /** Verifies Bearer JWTs; without it, a JWT is refused like any unknown credential. */
  readonly jwt?: JwtAuthenticator;
  readonly keyUsage: KeyUsageRecorder;
  readonly workspaceHeader: string;
  readonly logger: Logger;
}

export function principalStep(options: PrincipalStepOptions): GatewayStep {
  // A JWT proves a person; the header says which workspace's trust applies.
  const jwtWorkspaceRequired = new HttpError(
    ERROR_HTTP_STATUS.WORKSPACE_REQUIRED,
    ErrorCode.WORKSPACE_REQUIRED,
    `Missing required header: ${options.workspaceHeader} (a Bearer JWT is checked against the trusted issuers of the workspace it names)`,
  );
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
      if (credential.kind === 'jwt') {
        if (!options.jwt) throw INVALID_CREDENTIAL;
        if (workspaceId === undefined) throw malformed ? badWorkspaceHeader(options.workspaceHeader) : jwtWorkspaceRequired;
        let authentication;
        try {
          authentication = await options.jwt.authenticate(credential.secret, workspaceId);
        } catch (error) {
          if (!(error instanceof PeerUnavailableError)) throw error;
          options.logger.error('JWT verification failed', { reason: error.message, correlationId: state.correlationId });
          throw AUTHENTICATION_UNAVAILABLE;
        }
        if (!authentication.ok) throw JWT_REFUSALS[authentication.reason];
        state.principal = authentication.principal;
        return;
      }
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
      if (malformed) throw badWorkspaceHeader(options.workspaceHeader);
      if (result.principal.keyId) options.keyUsage.record(result.principal.keyId);
      state.principal = result.principal;
    },
  };
}

function badWorkspaceHeader(workspaceHeader: string): HttpError {
  return new HttpError(400, 'BAD_REQUEST', `The ${workspaceHeader} header is not a workspace id; send the id of one of your workspaces (workspaces { nodes { id } })`);
}
