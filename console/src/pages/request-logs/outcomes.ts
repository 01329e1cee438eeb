// How each request outcome is shown: a badge colour by who can fix it (none for OK, the
// caller for a refused request, the service for a failure), grouped the same way in the
// outcome filter. A Record over the generated RequestOutcome type: a new outcome in the
// schema fails the console's type check until it is placed here.
import type { RequestOutcome } from '../../gql/graphql';

export type OutcomeKind = 'ok' | 'refused' | 'failed';

export const OUTCOME_KINDS: Record<RequestOutcome, OutcomeKind> = {
  OK: 'ok',
  UNAUTHENTICATED: 'refused',
  WORKSPACE_REQUIRED: 'refused',
  FORBIDDEN: 'refused',
  INVALID_TOKEN: 'refused',
  EMAIL_NOT_VERIFIED: 'refused',
  INSUFFICIENT_SCOPE: 'refused',
  BAD_USER_INPUT: 'refused',
  NOT_FOUND: 'refused',
  RATE_LIMITED: 'refused',
  OPERATION_NOT_ALLOWED: 'refused',
  GRAPHQL_PARSE_FAILED: 'refused',
  GRAPHQL_VALIDATION_FAILED: 'refused',
  BAD_REQUEST: 'refused',
  OPERATION_RESOLUTION_FAILURE: 'refused',
  PERSISTED_QUERY_NOT_FOUND: 'refused',
  PERSISTED_QUERY_NOT_SUPPORTED: 'refused',
  PAYLOAD_TOO_LARGE: 'refused',
  DOCUMENT_TOO_LARGE: 'refused',
  TOKEN_LIMIT_EXCEEDED: 'refused',
  DEPTH_LIMIT_EXCEEDED: 'refused',
  ALIAS_LIMIT_EXCEEDED: 'refused',
  ROOT_FIELD_LIMIT_EXCEEDED: 'refused',
  DIRECTIVE_LIMIT_EXCEEDED: 'refused',
  COST_LIMIT_EXCEEDED: 'refused',
  VARIABLES_LIMIT_EXCEEDED: 'refused',
  CLIENT_CLOSED: 'refused',
  HTTP_ERROR: 'failed',
  SUBGRAPH_UNAVAILABLE: 'failed',
  SERVICE_UNAVAILABLE: 'failed',
  INTERNAL_SERVER_ERROR: 'failed',
  UNKNOWN: 'failed',
};

export const OUTCOME_GROUPS: readonly { readonly kind: OutcomeKind; readonly label: string }[] = [
  { kind: 'ok', label: 'Succeeded' },
  { kind: 'refused', label: 'Refused (fix the request or the credential)' },
  { kind: 'failed', label: 'Failed (on the service side)' },
];

/** Every outcome of a group, in the schema's order. */
export function outcomesOf(kind: OutcomeKind): RequestOutcome[] {
  return (Object.keys(OUTCOME_KINDS) as RequestOutcome[]).filter((outcome) => OUTCOME_KINDS[outcome] === kind);
}

const BADGE: Record<OutcomeKind, string> = { ok: 'badge badge-ok', refused: 'badge badge-warning', failed: 'badge badge-error' };

export function outcomeBadgeClass(outcome: RequestOutcome): string {
  return BADGE[OUTCOME_KINDS[outcome]];
}
