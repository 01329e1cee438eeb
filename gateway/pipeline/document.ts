// Step 4, the document, in two parts: the GraphQL parameters read from the body or the
// query string with an automatic persisted query (APQ) resolved to its text; then the text
// parsed ONCE (token-limited, cached) for every later step. Because APQ is resolved here, a hash-only
// request goes through the same limits, pre-checks and request log as any other. Between the
// two parts the trusted-documents step (trusted-documents.ts) turns a `documentId`, or an APQ
// hash this gateway has not seen, into the body registered for the workspace.
import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { APOLLO_ERROR_HTTP_STATUS } from '../../lib/errors.js';
import { HttpError } from '../../lib/http-server.js';
import { jsonNestsDeeperThan } from '../../lib/json-depth.js';
import type { PublicRootFields } from '../../lib/scopes-directive.js';
import { DOCUMENT_HASH, documentHash, normalizeDocumentId } from '../../lib/trusted-documents.js';
import { summarizeDocument } from '../operation.js';
import { INVALID_CREDENTIAL } from './credential.js';
import type { GatewayRequest, GraphQLParameters } from './gateway-request.js';
import type { GatewayStep } from './step.js';

/** Parses a query within the caller's limits; throws an HttpError for a refusal. */
export type DocumentParser = (query: string, anonymous: boolean) => DocumentNode;

export interface DocumentStepOptions {
  readonly parse: DocumentParser;
  /** The root fields marked @public in the supergraph running now (it may be replaced while the gateway runs). */
  readonly publicRootFields: () => PublicRootFields;
}

const OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE';
const badRequest = (message: string) => new HttpError(APOLLO_ERROR_HTTP_STATUS.BAD_REQUEST, 'BAD_REQUEST', message);
/** An APQ hash or `documentId` that names no known document; Apollo Client's persisted-queries link then sends the text. */
export const PERSISTED_QUERY_NOT_FOUND = new HttpError(APOLLO_ERROR_HTTP_STATUS.PERSISTED_QUERY_NOT_FOUND, 'PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deepest JSON a request may carry, checked on the raw bytes before parsing: well above
 * what the variables limit allows (the limits step checks that precisely), low enough
 * that no body can make parsing or serialising it costly.
 */
const MAX_JSON_DEPTH = 64;
const TOO_DEEP = new HttpError(400, 'VARIABLES_LIMIT_EXCEEDED', `Request JSON nests more than ${MAX_JSON_DEPTH} levels deep`, { extensions: { limit: MAX_JSON_DEPTH, limitName: 'depth' } });

/** A JSON value from a query-string parameter (GET), or a 400. */
function jsonParameter(text: string | null, name: string): unknown {
  if (text === null) return undefined;
  if (jsonNestsDeeperThan(Buffer.from(text), MAX_JSON_DEPTH)) throw TOO_DEEP;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(`The ${name} parameter is not valid JSON`);
  }
}

/**
 * The parameters of the request, or undefined when they are not a GraphQL request the
 * gateway reads (a non-JSON POST, refused by Apollo's CSRF prevention further on).
 */
export function readParameters(state: GatewayRequest): GraphQLParameters | undefined {
  let raw: Record<string, unknown>;
  if (state.request.method === 'GET') {
    const search = new URL(state.request.url ?? '/', 'http://localhost').searchParams;
    raw = {
      query: search.get('query') ?? undefined,
      operationName: search.get('operationName') ?? undefined,
      variables: jsonParameter(search.get('variables'), 'variables'),
      extensions: jsonParameter(search.get('extensions'), 'extensions'),
      documentId: search.get('documentId') ?? undefined,
    };
  } else {
    const contentType = state.request.headers['content-type'] ?? '';
    if (!contentType.includes('json') || !state.body?.length) return undefined;
    if (jsonNestsDeeperThan(state.body, MAX_JSON_DEPTH)) throw TOO_DEEP;
    let parsed: unknown;
    try {
      parsed = JSON.parse(state.body.toString('utf8'));
    } catch {
      throw badRequest('Request body is not valid JSON');
    }
    if (Array.isArray(parsed)) throw badRequest('Batched requests are not supported: send one operation per request');
    if (!isRecord(parsed)) throw badRequest('Request body must be a JSON object');
    raw = parsed;
  }
  const { query, operationName, variables, extensions, documentId } = raw;
  if (query !== undefined && query !== null && typeof query !== 'string') throw badRequest('query must be a string');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') throw badRequest('operationName must be a string');
  if (variables !== undefined && variables !== null && !isRecord(variables)) throw badRequest('variables must be a JSON object');
  if (extensions !== undefined && extensions !== null && !isRecord(extensions)) throw badRequest('extensions must be a JSON object');
  // A trusted document's id (GraphQL over HTTP's persisted documents, Hive, Relay): `sha256:<hex>` or bare hex.
  let id: string | undefined;
  if (documentId !== undefined && documentId !== null) {
    id = typeof documentId === 'string' ? normalizeDocumentId(documentId) : undefined;
    if (id === undefined) throw badRequest('documentId must be sha256:<64 hex characters> (or the 64 hex characters alone)');
    // With its text as well, the text runs; it must be the document the id names.
    if (typeof query === 'string' && documentHash(query) !== id) throw badRequest('documentId does not match query');
  }
  // Absent stays absent: Apollo refuses a body whose keys are present but undefined.
  return {
    ...(typeof query === 'string' ? { query } : {}),
    // An empty name means none (GraphQL over HTTP); Apollo would look for an operation named "" and fail with a 500.
    ...(typeof operationName === 'string' && operationName !== '' ? { operationName } : {}),
    ...(isRecord(variables) ? { variables } : {}),
    ...(isRecord(extensions) ? { extensions } : {}),
    ...(id !== undefined && typeof query !== 'string' ? { documentId: id } : {}),
  };
}

/** Automatic persisted queries: hash → query text, kept by this gateway. */
class PersistedQueries {
  private readonly store: LRUCache<string, string>;

  constructor(maxBytes: number) {
    this.store = new LRUCache({ maxSize: maxBytes, sizeCalculation: (query) => Math.max(1, query.length) });
  }

  /**
   * The query a request runs: its own text (remembered under its hash) or the text of its
   * hash; a hash not remembered here is left as `documentId`, for the trusted-documents
   * step to find among the workspace's registered documents (or answer PERSISTED_QUERY_NOT_FOUND).
   */
  resolve(parameters: GraphQLParameters): GraphQLParameters {
    const persisted = parameters.extensions?.persistedQuery;
    if (persisted === undefined) return parameters;
    if (!isRecord(persisted) || persisted.version !== 1 || typeof persisted.sha256Hash !== 'string' || !DOCUMENT_HASH.test(persisted.sha256Hash)) {
      throw badRequest('extensions.persistedQuery must be { version: 1, sha256Hash: <64 hex characters> }');
    }
    const hash = persisted.sha256Hash;
    if (parameters.documentId !== undefined && parameters.documentId !== hash) throw badRequest('documentId does not match extensions.persistedQuery.sha256Hash');
    const { persistedQuery: _persisted, ...otherExtensions } = parameters.extensions!;
    const { extensions: _extensions, ...rest } = parameters;
    const withoutHash = Object.keys(otherExtensions).length > 0 ? { ...rest, extensions: otherExtensions } : rest;
    if (parameters.query !== undefined) {
      if (documentHash(parameters.query) !== hash) throw badRequest('provided sha does not match query');
      this.store.set(hash, parameters.query);
      return withoutHash;
    }
    const query = this.store.get(hash);
    if (query === undefined) return { ...withoutHash, documentId: hash };
    const { documentId: _documentId, ...resolved } = withoutHash;
    return { ...resolved, query };
  }
}

/**
 * The parameters of the request, with an APQ hash resolved to its text. Anonymous
 * requests that are not a readable GraphQL request stop here (401, as for any private field).
 */
export function parametersStep(options: { readonly persistedQueryBytes?: number } = {}): GatewayStep {
  const persistedQueries = new PersistedQueries(options.persistedQueryBytes ?? 8 * 1024 * 1024);
  return {
    name: 'parameters',
    run: (state) => {
      const read = readParameters(state);
      if (!read) {
        // Without a credential only a readable public operation may go on.
        if (state.principal?.kind === 'anonymous') throw INVALID_CREDENTIAL;
        return;
      }
      state.parameters = persistedQueries.resolve(read);
    },
  };
}

/** Parses the query of the request once (within the caller's token limit) and reads its operation. */
export function documentStep(options: DocumentStepOptions): GatewayStep {
  return {
    name: 'document',
    run: (state) => {
      const anonymous = state.principal?.kind === 'anonymous';
      const parameters = state.parameters;
      if (!parameters) return;
      // Only when no trusted-documents step ran before: an id nobody resolved.
      if (parameters.documentId !== undefined && parameters.query === undefined) throw PERSISTED_QUERY_NOT_FOUND;
      if (parameters.query === undefined || parameters.query.trim() === '') {
        if (anonymous) throw INVALID_CREDENTIAL;
        throw badRequest('GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.');
      }
      // The parser keeps what it parsed by text: clients send the same few documents over and over.
      const document = options.parse(parameters.query, anonymous);
      state.document = document;
      state.operation = summarizeDocument(document, parameters.operationName);
      // Without a credential only the public root fields may be asked for: refused here,
      // before any limit is counted, as the cheapest answer (and the same for any document).
      if (anonymous && !options.publicRootFields().allows(state.operation.type, state.operation.rootFields)) throw INVALID_CREDENTIAL;
      if (state.operation.type === 'subscription') {
        // The federated executor has no subscriptions; it would fail with a 500.
        throw new HttpError(APOLLO_ERROR_HTTP_STATUS.GRAPHQL_VALIDATION_FAILED, 'GRAPHQL_VALIDATION_FAILED', 'Subscriptions are not supported by this API');
      }
      if (state.operation.unresolved) {
        // Without a credential nothing is said about a document that runs nothing.
        if (anonymous) throw INVALID_CREDENTIAL;
        throw new HttpError(APOLLO_ERROR_HTTP_STATUS[OPERATION_RESOLUTION_FAILURE], OPERATION_RESOLUTION_FAILURE, state.operation.unresolved);
      }
    },
  };
}
