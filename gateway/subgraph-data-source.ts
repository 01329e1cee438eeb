// How the gateway talks to a subgraph: the request's principal and correlation id go
// along, and the principal is signed over the exact body bytes that are sent. What
// identity's answer says it invalidated is applied before the gateway answers.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CORRELATION_HEADER } from '../lib/errors.js';
import { ANONYMOUS_PRINCIPAL, INVALIDATIONS_EXTENSION, invalidationsIn, type Principal, type PrincipalInvalidation } from '../lib/principal.js';
import { PRINCIPAL_HEADER, signPrincipal } from '../lib/principal-signing.js';
import type { GatewayContext } from './context.js';

type SubgraphResponse = Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]['response'];

/** Header on which willSendRequest hands the principal to the signing fetcher; never sent. */
const UNSIGNED_PRINCIPAL = 'x-atrium-unsigned-principal';

/** Passes the request's principal and correlation id on to the subgraph request. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** Given for identity only: drops the cached principals a response says changed. */
  readonly onInvalidation?: (message: PrincipalInvalidation) => void;

  constructor(config: Partial<SubgraphDataSource> & object) {
    super(config);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!request.http) return;
    // Requests the gateway makes on its own (dev-mode introspection) carry the anonymous principal.
    const principal = 'principal' in context ? context.principal : ANONYMOUS_PRINCIPAL;
    request.http.headers.set(UNSIGNED_PRINCIPAL, JSON.stringify(principal));
    if ('correlationId' in context) request.http.headers.set(CORRELATION_HEADER, context.correlationId);
  }

  /**
   * Read-your-writes revocation: a mutation's invalidations are applied here, before the
   * gateway answers, so the next request through this gateway cannot meet a stale principal.
   * The extension is internal and removed (@apollo/gateway forwards no subgraph extensions
   * today; this keeps it so).
   */
  override didReceiveResponse({ response }: { response: SubgraphResponse }): SubgraphResponse {
    if (!response.extensions || !(INVALIDATIONS_EXTENSION in response.extensions)) return response;
    if (this.onInvalidation) for (const message of invalidationsIn(response.extensions)) this.onInvalidation(message);
    const { [INVALIDATIONS_EXTENSION]: _applied, ...extensions } = response.extensions;
    return { ...response, extensions };
  }
}

/**
 * fetch that signs the principal over the exact body bytes being sent, the last moment
 * the body is known; the unsigned copy never leaves the process.
 */
export function signingFetcher(signingSecrets: readonly string[]): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    const principal = headers.get(UNSIGNED_PRINCIPAL);
    headers.delete(UNSIGNED_PRINCIPAL);
    const body = typeof init?.body === 'string' ? init.body : '';
    headers.set(PRINCIPAL_HEADER, signPrincipal(principal ? (JSON.parse(principal) as Principal) : ANONYMOUS_PRINCIPAL, body, signingSecrets));
    return fetch(input, { ...init, headers });
  };
}
