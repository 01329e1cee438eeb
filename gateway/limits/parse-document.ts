// The one parse of a request's query text, refused before any work that grows with it:
// its size in bytes first, then its tokens, which graphql-js counts while parsing and
// stops at (`maxTokens`), so a huge or deeply nested document is never fully built. A
// selection nested 2,000 levels deep takes at least 6,000 tokens: the token limit is also
// what keeps the parser's recursion far from the stack's end.
import { GraphQLError, Lexer, Source, TokenKind, parse, type DocumentNode } from 'graphql';
import { APOLLO_ERROR_HTTP_STATUS } from '../../lib/errors.js';
import { limitExceeded } from './limit-error.js';
import type { OperationLimits } from './settings.js';

export type ParsedDocument = { readonly document: DocumentNode; readonly error?: undefined } | { readonly document?: undefined; readonly error: GraphQLError };

/** graphql-js's message when it stops at `maxTokens` (graphql/language/parser.js, advanceLexer). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more that \d+ tokens/;

/** Tokens of a text, counted without building anything; stops at the first lexical error. */
function countTokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // The count so far is a lower bound, which is all a refusal needs.
  }
  return count;
}

/** The document of a query, or the error refusing it (a limit, or GRAPHQL_PARSE_FAILED for bad syntax). */
export function parseDocument(query: string, limits: Pick<OperationLimits, 'maxDocumentBytes' | 'maxTokens'>): ParsedDocument {
  // A UTF-8 character takes at most 3 bytes per UTF-16 unit: short texts skip the count.
  if (query.length * 3 > limits.maxDocumentBytes) {
    const bytes = Buffer.byteLength(query, 'utf8');
    if (bytes > limits.maxDocumentBytes) return { error: limitExceeded('DOCUMENT_TOO_LARGE', 'Document size in bytes', bytes, limits.maxDocumentBytes) };
  }
  try {
    return { document: parse(query, { maxTokens: limits.maxTokens }) };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    if (TOKEN_LIMIT_MESSAGE.test(error.message)) {
      // Lexing the rest is linear and bounded by the size limit checked above.
      return { error: limitExceeded('TOKEN_LIMIT_EXCEEDED', 'Document token count', countTokens(query), limits.maxTokens) };
    }
    return {
      error: new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        extensions: { code: 'GRAPHQL_PARSE_FAILED' satisfies keyof typeof APOLLO_ERROR_HTTP_STATUS },
      }),
    };
  }
}
