// Step 7, the pre-checks: what the principal can never run is refused before any
// subgraph is called (anonymous callers were confined to the public fields by the document
// step). Introspection may be switched off; a mutation field whose @scopes the principal cannot
// satisfy is refused with 403 INSUFFICIENT_SCOPE (queries go on and return partial data).
import { ERROR_HTTP_STATUS, ErrorCode } from '../../lib/errors.js';
import { HttpError } from '../../lib/http-server.js';
import { insufficientScope, type ScopeRequirement } from '../../lib/scopes-directive.js';
import { firstDeniedMutation } from '../mutation-scopes.js';
import type { GatewayStep } from './step.js';

/** Apollo's own code for a refused introspection, with a message that says what is going on. */
const INTROSPECTION_DISABLED = new HttpError(400, 'GRAPHQL_VALIDATION_FAILED', 'Introspection is disabled on this gateway');
const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

export interface PreChecksOptions {
  /** Mutation field → the scopes it needs, in the supergraph running now (it may be replaced while the gateway runs). */
  readonly mutationScopes: () => ReadonlyMap<string, ScopeRequirement>;
  readonly introspection: boolean;
}

export function preChecksStep(options: PreChecksOptions): GatewayStep {
  return {
    name: 'pre-checks',
    run: (state) => {
      const { operation, principal } = state;
      if (!operation || !principal) return;
      if (!options.introspection && operation.rootFields.some((field) => INTROSPECTION_FIELDS.has(field))) throw INTROSPECTION_DISABLED;
      if (operation.type !== 'mutation') return;
      const denied = firstDeniedMutation(options.mutationScopes(), operation.rootFields, principal.scopes);
      if (denied) {
        const error = insufficientScope(denied.requiredScopes);
        throw new HttpError(ERROR_HTTP_STATUS.INSUFFICIENT_SCOPE, ErrorCode.INSUFFICIENT_SCOPE, error.message, { path: [denied.field], extensions: error.extensions });
      }
    },
  };
}
