// How the gateway talks to a subgraph: the request's principal (with the client's address)
// and correlation id go along, the principal is signed over the exact body bytes that are sent, every call has a
// deadline (gateway/subgraph-timeouts.ts), and what identity's answer says it invalidated
// is applied before the gateway answers.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { CORRELATION_HEADER } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { ANONYMOUS_PRINCIPAL, INVALIDATIONS_EXTENSION, invalidationsIn, type Principal, type PrincipalInvalidation } from '../lib/principal.js';
import { PRINCIPAL_HEADER, signPrincipal } from '../lib/principal-signing.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import type { GatewayContext } from './context.js';
import { callSubgraph, subgraphCallSignal } from './subgraph-timeouts.js';

type SubgraphResponse = Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]['response'];

/** Header on which willSendRequest hands the principal to the signing fetcher; never sent. */
const UNSIGNED_PRINCIPAL = 'x-atrium-unsigned-principal';

/**
 * Codes a subgraph answers with a 4xx for a request it refuses as a whole (a value its own
 * scalars reject in variable coercion, say): the client's mistake, passed on as it is.
 */
const CLIENT_REQUEST_CODES: ReadonlySet<string> = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/** Passes the request's principal and correlation id on to the subgraph request. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /**
   * A subgraph's 4xx whose body names a client error becomes that error, message and code
   * (never the subgraph's URL); anything else stays the generic failure.
   */
  override async errorFromResponse(response: Response): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => undefined);
    const first = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)?.errors?.[0];
    const code = first?.extensions?.code;
    if (response.status >= 400 && response.status < 500 && typeof code === 'string' && CLIENT_REQUEST_CODES.has(code) && typeof first?.message === 'string') {
      return new GraphQLError(first.message, { extensions: { code } });
    }
    return new GraphQLError(`${response.status}: ${response.statusText}`, { extensions: { response: { status: response.status, body } } });
  }

  constructor(
    readonly subgraph: string,
    private readonly logger: Logger,
    config: Partial<RemoteGraphQLDataSource<GatewayContext>>,
    /** Given for identity only: drops the cached principals a response says changed. */
    private readonly onInvalidation?: (message: PrincipalInvalidation) => void,
  ) {
    super(config);
  }

  /** A subgraph that times out, refuses or resets the call answers SUBGRAPH_UNAVAILABLE for its fields. */
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    return callSubgraph({ subgraph: this.subgraph, context: options.context, logger: this.logger }, () => super.process(options));
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!request.http) return;
    // Requests the gateway makes on its own (dev-mode introspection) have a context of no
    // known shape (Apollo types it `Record<string, any>`), hence Partial: they carry the anonymous principal.
    const requestContext: Partial<GatewayContext> = context;
    const principal = requestContext.principal ?? ANONYMOUS_PRINCIPAL;
    // The client's address travels in the signed principal (identity throttles sign-ins by it).
    const clientIp = requestContext.clientIp ?? null;
    request.http.headers.set(UNSIGNED_PRINCIPAL, JSON.stringify(clientIp ? { ...principal, clientIp } : principal));
    if (requestContext.correlationId !== undefined) request.http.headers.set(CORRELATION_HEADER, requestContext.correlationId);
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

/** The declared subgraph a supergraph names; anything else is refused rather than signed for. */
export function subgraphAudience(name: string): SubgraphName {
  const declared = SUBGRAPHS.find((subgraph) => subgraph.name === name);
  if (!declared) throw new Error(`The supergraph names an undeclared subgraph "${name}"`);
  return declared.name;
}

/**
 * fetch that signs the principal for the subgraph `audience` (one fetcher per subgraph)
 * over the exact body bytes being sent, the last moment the body is known; the unsigned
 * copy never leaves the process. The call, its answer's body included, stops after
 * timeoutMs or when the client hangs up.
 */
export function signingFetcher(audience: SubgraphName, signingSecrets: readonly string[], timeoutMs: number): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    const principal = headers.get(UNSIGNED_PRINCIPAL);
    headers.delete(UNSIGNED_PRINCIPAL);
    const body = typeof init?.body === 'string' ? init.body : '';
    headers.set(PRINCIPAL_HEADER, signPrincipal(principal ? (JSON.parse(principal) as Principal) : ANONYMOUS_PRINCIPAL, audience, body, signingSecrets));
    return fetch(input, { ...init, headers, signal: subgraphCallSignal(timeoutMs) });
  };
}
