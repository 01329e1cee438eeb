// Whose requests the page shows (a token) and the RequestLogFilter the chart and the table
// share: the same token and range, so the two always agree.
import type { RequestLogFilter, RequestOutcome } from '../../gql/graphql';
import type { TimeRange } from './periods';

/** `mine`: every request made as you; `workspace`: everyone's (audit:read); `key:<id>`: one of your keys. */
export type TokenChoice = 'mine' | 'workspace' | `key:${string}`;

export function keyChoice(keyId: string): TokenChoice {
  return `key:${keyId}`;
}

export function requestLogFilter(token: TokenChoice, range: TimeRange, outcome?: RequestOutcome): RequestLogFilter {
  const filter: RequestLogFilter = { createdAfter: range.from.toISOString(), createdBefore: range.to.toISOString() };
  if (token === 'mine') filter.mine = true;
  else if (token.startsWith('key:')) filter.apiKeyId = token.slice('key:'.length);
  if (outcome) filter.outcome = outcome;
  return filter;
}
