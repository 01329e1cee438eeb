// Step 8, plan + execute: Apollo Server with @apollo/gateway plans the operation over the
// supergraph and calls the subgraphs (signed principal per call). It gets the parameters
// the document step already read, so the body is parsed once.
import type { ApolloServer } from '@apollo/server';
import { withCorrelationId } from '../../lib/correlation.js';
import { executeApolloRequest } from '../../lib/http-server.js';
import type { GatewayContext } from '../context.js';
import type { GraphQLParameters } from './gateway-request.js';
import type { GatewayStep } from './step.js';

function searchOf(parameters: GraphQLParameters): string {
  const search = new URLSearchParams();
  if (parameters.query !== undefined) search.set('query', parameters.query);
  if (parameters.operationName !== undefined) search.set('operationName', parameters.operationName);
  if (parameters.variables !== undefined) search.set('variables', JSON.stringify(parameters.variables));
  if (parameters.extensions !== undefined) search.set('extensions', JSON.stringify(parameters.extensions));
  return `?${search}`;
}

export function executeStep(apollo: ApolloServer<GatewayContext>): GatewayStep {
  return {
    name: 'execute',
    run: async (state) => {
      const context: GatewayContext = {
        correlationId: state.correlationId,
        principal: state.principal!,
        clientIp: state.clientIp,
        errorCodes: state.errorCodes,
        cost: state.cost,
        signal: state.signal,
      };
      await withCorrelationId(state.correlationId, () =>
        executeApolloRequest({
          server: apollo,
          request: state.request,
          response: state.response,
          body: state.body ?? Buffer.alloc(0),
          // Resolved parameters (an APQ hash became its text), as a body or a query string.
          ...(state.request.method === 'GET' ? { search: state.parameters && searchOf(state.parameters) } : { parsedBody: state.parameters }),
          context: async () => context,
        }),
      );
    },
  };
}
