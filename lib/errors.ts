// The error codes of DESIGN.md and the helpers that raise them, so every service
// speaks the same `extensions.code` vocabulary.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from './logger.js';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  WORKSPACE_REQUIRED: 'WORKSPACE_REQUIRED',
  FORBIDDEN: 'FORBIDDEN',
  INSUFFICIENT_SCOPE: 'INSUFFICIENT_SCOPE',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCodeName = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status of a response in which nothing ran because of this error. */
export const ERROR_HTTP_STATUS: Record<ErrorCodeName, number> = {
  UNAUTHENTICATED: 401,
  WORKSPACE_REQUIRED: 400,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  BAD_USER_INPUT: 200,
  NOT_FOUND: 200,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
};

export const WORKSPACE_HEADER = 'x-workspace-id';
export const CORRELATION_HEADER = 'x-correlation-id';

export function workspaceRequired(header = WORKSPACE_HEADER): GraphQLError {
  return new GraphQLError(`Missing required header: ${header}`, { extensions: { code: ErrorCode.WORKSPACE_REQUIRED } });
}

export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions } });
}

export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

/** One BAD_USER_INPUT listing every problem (in `extensions.fieldErrors`), so a client fixes them in one go. */
export function invalidInput(problems: readonly FieldProblem[]): GraphQLError {
  return badUserInput(`Invalid input: ${problems.map((problem) => `${problem.field} ${problem.reason}`).join('; ')}`, { fieldErrors: problems });
}

/** The workspace a request works in, for what only makes sense inside one. */
export function requireWorkspace(workspaceId: string | undefined): string {
  if (!workspaceId) throw workspaceRequired();
  return workspaceId;
}

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} not found`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));
// Apollo's own request-validation codes are safe to show as they are.
const APOLLO_CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo `formatError`: errors the code raised on purpose pass through; anything else
 * is logged in full and reaches the client as a masked INTERNAL_SERVER_ERROR carrying
 * the correlation id, so support can find the log line.
 */
export function createErrorFormatter(logger: Logger, correlationIdOf: () => string | undefined = () => undefined) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && (KNOWN_CODES.has(code) || APOLLO_CLIENT_CODES.has(code))) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    const correlationId = correlationIdOf();
    logger.error('unexpected error', { error: original, path: formatted.path, correlationId });
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(correlationId ? { correlationId } : {}) },
    };
  };
}
