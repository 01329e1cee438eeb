// The gateway's operation limits behind one small object: built once from the supergraph
// and the settings, then `parse` (size, tokens) and `check` (depth, aliases, root fields,
// directives, variables, cost) per request, per audience. No HTTP here: the pipeline
// step that calls it turns the errors into a 400 and the cost into `extensions.cost`.
import { Supergraph } from '@apollo/federation-internals';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { checkOperation, type OperationCheck } from './check-operation.js';
import { parseDocument, type ParsedDocument } from './parse-document.js';
import { DEFAULT_OPERATION_LIMITS, type Audience, type OperationLimitsByAudience } from './settings.js';

export interface OperationLimiterOptions {
  readonly supergraphSdl: string;
  /** Defaults: DEFAULT_OPERATION_LIMITS (settings.ts); config.gateway.operationLimits in the gateway. */
  readonly settings?: OperationLimitsByAudience;
  /** Parsed documents kept, by query text (default 1,000); 0 keeps none. */
  readonly documentCacheSize?: number;
}

export interface OperationLimiter {
  /** The client-facing API schema the cost is computed over (the supergraph without federation internals). */
  readonly schema: GraphQLSchema;
  readonly settings: OperationLimitsByAudience;
  /**
   * The document of a query text, or the error refusing it: DOCUMENT_TOO_LARGE,
   * TOKEN_LIMIT_EXCEEDED, or GRAPHQL_PARSE_FAILED for bad syntax. Successful parses are
   * cached by text, so the same text gives the same DocumentNode (and `check` reuses
   * what it learnt about it). Never throws for any string.
   */
  parse(query: string, audience: Audience): ParsedDocument;
  /** The operation's cost and one error per limit exceeded (none: it may run). Never throws. */
  check(document: DocumentNode, operationName: string | undefined | null, variables: Readonly<Record<string, unknown>> | undefined | null, audience: Audience): OperationCheck;
}

/** Longer texts are parsed every time rather than kept: the cache holds what clients repeat. */
const MAX_CACHED_QUERY_LENGTH = 16_384;

export function createOperationLimiter({ supergraphSdl, settings = DEFAULT_OPERATION_LIMITS, documentCacheSize = 1000 }: OperationLimiterOptions): OperationLimiter {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const documents = documentCacheSize > 0 ? new LRUCache<string, DocumentNode>({ max: documentCacheSize }) : undefined;
  return {
    schema,
    settings,
    parse(query, audience) {
      const limits = settings[audience];
      const cacheable = documents !== undefined && query.length <= MAX_CACHED_QUERY_LENGTH;
      const key = `${audience}\u0000${query}`;
      const cached = cacheable ? documents.get(key) : undefined;
      if (cached) return { document: cached };
      const parsed = parseDocument(query, limits);
      if (cacheable && parsed.document) documents.set(key, parsed.document);
      return parsed;
    },
    check(document, operationName, variables, audience) {
      return checkOperation(schema, document, operationName, variables, settings[audience]);
    },
  };
}
