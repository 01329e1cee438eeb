// "Did you mean …" hints of graphql-js validation and variable coercion name fields,
// arguments, types and enum values a caller did not ask about: for anonymous callers they
// map the schema one guess at a time, so their messages lose them. graphql-armor's
// block-field-suggestions plugin does this for Envelop/Yoga only, and its pattern
// (/Did you mean ".+"\?/) misses "Did you mean to use an inline fragment on "Member"?" and
// "Did you mean the enum value "OWNER"?"; GraphQL names never contain "?", so this one
// removes every form.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** The message without its suggestions: `Cannot query field "nmae" on type "User".` */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '').trim();
}

/** The same error without suggestions in its message (formatted or not), for anonymous callers. */
export function hideSuggestions<T extends GraphQLError | GraphQLFormattedError>(error: T): T {
  const message = withoutSuggestions(error.message);
  if (message === error.message) return error;
  if (error instanceof GraphQLError) {
    return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: error.extensions }) as T;
  }
  return { ...error, message };
}
