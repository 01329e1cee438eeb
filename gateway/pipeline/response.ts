// Step 9, the response: what every GraphQL answer carries besides data. The computed cost
// in `extensions.cost`; no field suggestions for anonymous callers; the error codes for
// the request log; and HTTP 400 when
// WORKSPACE_REQUIRED is all there is to say (DESIGN.md "Errors"). An Apollo plugin,
// because these are read off Apollo's own result before it is written.
import type { ApolloServerPlugin } from '@apollo/server';
import { ERROR_HTTP_STATUS, ErrorCode } from '../../lib/errors.js';
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
        for (const error of errors ?? []) contextValue.errorCodes?.add(String(error.extensions?.code ?? 'UNKNOWN'));
        if (!errors?.length || !errors.every((error) => error.extensions?.code === ErrorCode.WORKSPACE_REQUIRED)) return;
        const nothingAnswered = !data || Object.values(data).every((value) => value === null);
        if (nothingAnswered) response.http.status = ERROR_HTTP_STATUS.WORKSPACE_REQUIRED;
      },
    };
  },
};
