// Step 5, the limits: depth, aliases, root fields, directives, variables and the cost of
// the operation (gateway/limits/), checked on the one parsed document before any planning
// or subgraph call. A refusal is HTTP 400 listing every limit exceeded, each with its own
// code, `limit` and `actual`; the cost travels on to `extensions.cost` of the answer.
import type { GraphQLError } from 'graphql';
import { LIMIT_ERROR_HTTP_STATUS, type LimitErrorCode } from '../../lib/errors.js';
import { HttpError } from '../../lib/http-server.js';
import type { OperationLimiter } from '../limits/operation-limiter.js';
import type { Audience } from '../limits/settings.js';
import type { DocumentParser } from './document.js';
import type { GatewayStep } from './step.js';

function refusal(errors: readonly GraphQLError[], cost?: number): HttpError {
  const [first, ...rest] = errors.map((error) => error.toJSON());
  const code = String(first.extensions?.code) as LimitErrorCode;
  return new HttpError(LIMIT_ERROR_HTTP_STATUS[code] ?? 400, code, first.message, {
    extensions: first.extensions,
    moreErrors: rest,
    ...(cost === undefined ? {} : { responseExtensions: { cost } }),
  });
}

const audienceOf = (anonymous: boolean): Audience => (anonymous ? 'anonymous' : 'authenticated');

/** The document step's parser: the limiter's size and token limits, per audience. */
export function limitedParser(limiter: OperationLimiter): DocumentParser {
  return (query, anonymous) => {
    const parsed = limiter.parse(query, audienceOf(anonymous));
    if (parsed.error) {
      const code = String(parsed.error.extensions.code);
      if (code === 'GRAPHQL_PARSE_FAILED') throw new HttpError(400, code, parsed.error.message);
      throw refusal([parsed.error]);
    }
    return parsed.document;
  };
}

export function limitsStep(limiter: OperationLimiter): GatewayStep {
  return {
    name: 'limits',
    run: (state) => {
      if (!state.document || !state.principal) return;
      const check = limiter.check(state.document, state.parameters?.operationName, state.parameters?.variables, audienceOf(state.principal.kind === 'anonymous'));
      state.cost = check.cost;
      if (check.errors.length > 0) throw refusal(check.errors, check.cost);
    },
  };
}
