// How the gateway talks to a subgraph: the request's principal (with the client's address)
// and correlation id go along, the principal is signed over the exact body bytes that are sent, every call has a
// deadline (gateway/subgraph-timeouts.ts), and what identity's answer says it invalidated
// is applied before the gateway answers.
//
// A GraphQLDataSource of its own rather than Apollo's RemoteGraphQLDataSource: that one
// builds node-fetch Headers, a legacy url.parse and a node-fetch Request for every call and
// hands them to fetch, which builds WHATWG ones again. This does what it did for the calls
// the gateway makes (the body, the headers, the subgraph's Cache-Control applied to the
// response's cache policy, the error for a non-2xx answer) over gateway/subgraph-client.ts.
import type { OutgoingHttpHeaders } from 'node:http';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { CORRELATION_HEADER } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { ANONYMOUS_PRINCIPAL, INVALIDATIONS_EXTENSION, invalidationsIn, type Principal, type PrincipalInvalidation } from '../lib/principal.js';
import { PRINCIPAL_HEADER, encodePrincipal, signEncodedPrincipal } from '../lib/principal-signing.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import type { GatewayContext } from './context.js';
import type { SubgraphAnswer, SubgraphCallLimits, SubgraphClient } from './subgraph-client.js';
import type { FetchDeduplication } from './subgraph-deduplication.js';
import { callSubgraph } from './subgraph-timeouts.js';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource<GatewayContext>['process']>>;

/**
 * Codes a subgraph answers with a 4xx for a request it refuses as a whole (a value its own
 * scalars reject in variable coercion, say): the client's mistake, passed on as it is.
 */
const CLIENT_REQUEST_CODES: ReadonlySet<string> = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

export interface SubgraphDataSourceOptions {
  readonly url: string;
  /** The subgraph the principal is signed for: each data source signs for its own audience only. */
  readonly audience: SubgraphName;
  readonly signingSecrets: readonly string[];
  readonly timeoutMs: number;
  readonly client: SubgraphClient;
  /** Shares identical query fetches in flight (one per gateway, for every subgraph); none sends every fetch. */
  readonly deduplication?: FetchDeduplication;
}

function isJson(answer: SubgraphAnswer): boolean {
  const contentType = answer.headers['content-type'];
  return contentType !== undefined && (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json'));
}

/** The answer's body as the JSON it says it is, or its text (Apollo's parseBody, over a whole answer). */
function parseBody(answer: SubgraphAnswer): unknown {
  return isJson(answer) ? JSON.parse(answer.body) : answer.body;
}

/** The part of a response's cache policy a subgraph's answer narrows. */
interface CachePolicy {
  restrict(hint: { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' }): void;
}

/** Apollo's parseCacheControlHeader: directive → value, or true for a directive without one. */
function parseCacheControl(header: string | undefined): Record<string, string | true> {
  const directives: Record<string, string | true> = {};
  if (!header) return directives;
  for (const part of header.trim().split(/\s*,\s*/)) {
    const [name, value] = part.split(/\s*=\s*/, 2) as [string, string | undefined];
    directives[name] = value === undefined ? true : value.replace(/^"|"$/g, '');
  }
  return directives;
}

/**
 * Each principal's encoding, with the client address it was encoded with. Principals are
 * immutable and the resolver hands out its cached object to every request of a credential,
 * so a principal is encoded once per client address rather than once per subgraph call.
 */
const encodings = new WeakMap<Principal, { readonly clientIp: string | null; readonly payload: string }>();

/** The principal with the client's address (identity throttles sign-ins by it), encoded as the header carries it. */
function encodedPrincipal(principal: Principal, clientIp: string | null): string {
  const known = encodings.get(principal);
  if (known && known.clientIp === clientIp) return known.payload;
  const payload = encodePrincipal(clientIp ? { ...principal, clientIp } : principal);
  encodings.set(principal, { clientIp, payload });
  return payload;
}

/** Sends each of the gateway's calls to one subgraph, with the request's principal signed for it. */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly url: URL;

  constructor(
    readonly subgraph: string,
    private readonly logger: Logger,
    private readonly options: SubgraphDataSourceOptions,
    /** Given for identity only: drops the cached principals a response says changed. */
    private readonly onInvalidation?: (message: PrincipalInvalidation) => void,
  ) {
    this.url = new URL(options.url);
  }

  /** A subgraph that times out, refuses or resets the call answers SUBGRAPH_UNAVAILABLE for its fields. */
  process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    return callSubgraph({ subgraph: this.subgraph, context: options.context, logger: this.logger }, () => this.send(options));
  }

  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { http: given, query, ...rest } = options.request;
    if (!query) throw new Error('Missing query');
    const body = JSON.stringify({ query, ...rest });
    const headers: OutgoingHttpHeaders = {};
    if (given?.headers) for (const [name, value] of given.headers) headers[name] = value;
    headers['content-type'] = 'application/json';
    // Requests the gateway makes on its own (dev-mode introspection) have a context of no
    // known shape (Apollo types it `Record<string, any>`), hence Partial: they carry the anonymous principal.
    const context: Partial<GatewayContext> = options.context;
    if (context.correlationId !== undefined) headers[CORRELATION_HEADER] = context.correlationId;
    const principal = encodedPrincipal(context.principal ?? ANONYMOUS_PRINCIPAL, context.clientIp ?? null);
    const post = (limits: SubgraphCallLimits) => {
      // Signed over the exact body bytes being sent, the last moment the body is known.
      headers[PRINCIPAL_HEADER] = signEncodedPrincipal(principal, this.options.audience, body, this.options.signingSecrets);
      return this.options.client.post(this.url, headers, body, limits);
    };
    // The call, its answer's body included, stops after the timeout or when the client hangs up.
    const limits: SubgraphCallLimits = { timeoutMs: this.options.timeoutMs, signal: context.signal };
    const answer = await this.fetch(options, principal, body, limits, post);
    if (answer.status < 200 || answer.status > 299) throw this.errorFromAnswer(answer);
    const parsed = parseBody(answer);
    if (typeof parsed !== 'object' || parsed === null) throw new Error(`Expected JSON response body, but received: ${String(parsed)}`);
    // Only a client's operation has a response, hence a cache policy (Apollo does not export the kind's enum).
    if ('incomingRequestContext' in options) this.restrictCachePolicy(options, answer);
    return this.applyInvalidations(parsed);
  }

  /**
   * The call, shared with identical fetches in flight when the operation is a query
   * (gateway/subgraph-deduplication.ts: the same subgraph, principal and body); a
   * mutation's fetches make those in flight unjoinable before and after they run.
   */
  private async fetch(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    principal: string,
    body: string,
    limits: SubgraphCallLimits,
    post: (limits: SubgraphCallLimits) => Promise<SubgraphAnswer>,
  ): Promise<SubgraphAnswer> {
    const { deduplication } = this.options;
    if (!deduplication || !('incomingRequestContext' in options)) return post(limits);
    // OperationTypeNode's values are the strings themselves.
    const operation: string | undefined = options.incomingRequestContext.operation?.operation;
    if (operation === 'query') return deduplication.share(`${this.options.audience}\n${principal}\n${body}`, limits, post);
    deduplication.closeEpoch();
    try {
      return await post(limits);
    } finally {
      deduplication.closeEpoch();
    }
  }

  /**
   * A subgraph's 4xx whose body names a client error becomes that error, message and code
   * (never the subgraph's URL); anything else stays the generic failure.
   */
  private errorFromAnswer(answer: SubgraphAnswer): GraphQLError {
    let body: unknown;
    try {
      body = parseBody(answer);
    } catch {
      body = undefined;
    }
    const first = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)?.errors?.[0];
    const code = first?.extensions?.code;
    if (answer.status >= 400 && answer.status < 500 && typeof code === 'string' && CLIENT_REQUEST_CODES.has(code) && typeof first?.message === 'string') {
      return new GraphQLError(first.message, { extensions: { code } });
    }
    return new GraphQLError(`${answer.status}: ${answer.statusText}`, { extensions: { response: { status: answer.status, body } } });
  }

  /** The subgraph's Cache-Control narrows the response's cache policy, as Apollo's data source does. */
  private restrictCachePolicy(options: Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { incomingRequestContext: unknown }>, answer: SubgraphAnswer): void {
    // Typed `any` by Apollo: a policy that can be narrowed has restrict().
    const policy: unknown = options.incomingRequestContext.overallCachePolicy;
    if (typeof policy !== 'object' || policy === null || !('restrict' in policy)) return;
    const parsed = parseCacheControl(answer.headers['cache-control']);
    const maxAge = parsed['max-age'];
    (policy as CachePolicy).restrict({
      maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0,
      ...(parsed.private === true ? { scope: 'PRIVATE' as const } : {}),
      ...(parsed.public === true ? { scope: 'PUBLIC' as const } : {}),
    });
  }

  /**
   * Read-your-writes revocation: a mutation's invalidations are applied here, before the
   * gateway answers, so the next request through this gateway cannot meet a stale principal.
   * The extension is internal and removed (@apollo/gateway forwards no subgraph extensions
   * today; this keeps it so).
   */
  private applyInvalidations(response: GatewayGraphQLResponse): GatewayGraphQLResponse {
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
