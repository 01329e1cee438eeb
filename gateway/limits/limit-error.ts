// The refusal of one operation limit: a GraphQLError with its own code (lib/errors.ts
// LIMIT_ERROR_HTTP_STATUS, HTTP 400) and `extensions.limit` / `extensions.actual`, so a
// client can tell which limit it hit and by how much.
import { GraphQLError } from 'graphql';
import type { LimitErrorCode } from '../../lib/errors.js';

export function limitExceeded(code: LimitErrorCode, what: string, actual: number, limit: number, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(`${what} ${actual} exceeds the limit of ${limit}`, { extensions: { code, limit, actual, ...extensions } });
}
