// The one parse of a request's query text, refused before any work that grows with it:
// its size in bytes first, then its tokens, which graphql-js counts while parsing and
// stops at (`maxTokens`), so a huge or deeply nested document is never fully built. A
// selection nested 2,000 levels deep takes at least 6,000 tokens, so the token limit
// also bounds the parser's recursion. Not always far enough from the stack's end: before
// V8 has optimised graphql-js's parser its frames are larger, and a fresh process has
// overflowed the stack under the limit (a RangeError, which was answered as an unexpected
// error). An overflow is therefore refused like the limit it stands for: tokens past the
// limit, or else nesting too deep to parse.
import { GraphQLError, Lexer, Source, TokenKind, parse, type DocumentNode } from 'graphql';
import { APOLLO_ERROR_HTTP_STATUS } from '../../lib/errors.js';
import { limitExceeded } from './limit-error.js';
import type { OperationLimits } from './settings.js';

export type ParsedDocument = { readonly document: DocumentNode; readonly error?: undefined } | { readonly document?: undefined; readonly error: GraphQLError };

/** graphql-js's message when it stops at `maxTokens` (graphql/language/parser.js, advanceLexer). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more that \d+ tokens/;

/** What the refusal of a document too deep to parse names as the limit; any nesting this deep is far past GATEWAY_MAX_DEPTH. */
const MAX_PARSABLE_NESTING = 1000;

/**
 * A text's tokens and its deepest nesting of braces, parentheses and brackets (strings and
 * comments do not count), in one pass of the lexer without building anything; stops at the
 * first lexical error, so both are lower bounds, which is all a refusal needs.
 */
function measureTokens(query: string): { readonly count: number; readonly deepest: number } {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  let depth = 0;
  let deepest = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      count += 1;
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.PAREN_L || token.kind === TokenKind.BRACKET_L) deepest = Math.max(deepest, ++depth);
      else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.PAREN_R || token.kind === TokenKind.BRACKET_R) depth -= 1;
    }
  } catch {
    // As far as it lexes.
  }
  return { count, deepest };
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
    if (error instanceof RangeError) {
      // The parser's recursion ran out of stack (nothing else in parse throws a RangeError).
      const { count, deepest } = measureTokens(query);
      if (count > limits.maxTokens) return { error: limitExceeded('TOKEN_LIMIT_EXCEEDED', 'Document token count', count, limits.maxTokens) };
      return { error: limitExceeded('DEPTH_LIMIT_EXCEEDED', 'Document nesting', deepest, MAX_PARSABLE_NESTING) };
    }
    if (!(error instanceof GraphQLError)) throw error;
    if (TOKEN_LIMIT_MESSAGE.test(error.message)) {
      // Lexing the rest is linear and bounded by the size limit checked above.
      return { error: limitExceeded('TOKEN_LIMIT_EXCEEDED', 'Document token count', measureTokens(query).count, limits.maxTokens) };
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
