// Step 9, the response: what every GraphQL answer carries besides data. The computed cost
// in `extensions.cost`; no field suggestions for anonymous callers; the error codes for
// the request log; and, when nothing answered and one code is all there is to say, its
// status (DESIGN.md "Errors"): 400 for WORKSPACE_REQUIRED, 429 with Retry-After for a
// subgraph's RATE_LIMITED (identity's sign-in throttle), 401 for INVALID_TOKEN (an ID token
// identity refused). An Apollo plugin, because these
// are read off Apollo's own result before it is written.
import type { ApolloServerPlugin } from '@apollo/server';
import { ERROR_HTTP_STATUS, ErrorCode, errorCodeOf } from '../../lib/errors.js';
import type { GatewayContext } from '../context.js';
import { hideSuggestions } from '../limits/field-suggestions.js';

export const responsePlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (contextValue.cost !== undefined) result.extensions = { ...result.extensions, cost: contextValue.cost };
        // Anonymous callers get no "Did you mean …": one guess at a time, it maps the schema.
        if (result.errors && contextValue.principal?.kind === 'anonymous') result.errors = result.errors.map(hideSuggestions);
        const { data, errors } = result;
        for (const error of errors ?? []) contextValue.errorCodes?.add(errorCodeOf(error) ?? 'UNKNOWN');
        const code = errors?.[0]?.extensions?.code;
        if (code !== ErrorCode.WORKSPACE_REQUIRED && code !== ErrorCode.RATE_LIMITED && code !== ErrorCode.INVALID_TOKEN) return;
        if (!errors!.every((error) => error.extensions?.code === code)) return;
        const nothingAnswered = !data || Object.values(data).every((value) => value === null);
        if (!nothingAnswered) return;
        response.http.status = ERROR_HTTP_STATUS[code];
        if (code === ErrorCode.RATE_LIMITED) {
          const waits = errors!.map((error) => Number(error.extensions?.retryAfter)).filter((seconds) => Number.isInteger(seconds) && seconds > 0);
          response.http.headers.set('retry-after', String(waits.length > 0 ? Math.max(...waits) : 1));
        }
      },
    };
  },
};
