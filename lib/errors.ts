// The error codes of DESIGN.md and the helpers that raise them, so every service
// speaks the same `extensions.code` vocabulary.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from './logger.js';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  WORKSPACE_REQUIRED: 'WORKSPACE_REQUIRED',
  FORBIDDEN: 'FORBIDDEN',
  INSUFFICIENT_SCOPE: 'INSUFFICIENT_SCOPE',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  OPERATION_NOT_ALLOWED: 'OPERATION_NOT_ALLOWED',
  INVALID_TOKEN: 'INVALID_TOKEN',
  EMAIL_NOT_VERIFIED: 'EMAIL_NOT_VERIFIED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCodeName = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status of a response in which nothing ran because of this error. */
export const ERROR_HTTP_STATUS: Record<ErrorCodeName, number> = {
  UNAUTHENTICATED: 401,
  WORKSPACE_REQUIRED: 400,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  BAD_USER_INPUT: 200,
  NOT_FOUND: 200,
  RATE_LIMITED: 429,
  // The gateway answers what the other subgraphs gave; the fields of the missing one are null.
  SUBGRAPH_UNAVAILABLE: 200,
  // 403, not 400: the request is well formed, this credential is just not allowed to run it
  // (as a mutation refused up front); sending it again unchanged never helps.
  OPERATION_NOT_ALLOWED: 403,
  // A token from an identity provider (an ID token, a Bearer JWT) that does not prove who sent it.
  INVALID_TOKEN: 401,
  EMAIL_NOT_VERIFIED: 403,
  INTERNAL_SERVER_ERROR: 500,
};

/** Apollo Server's own request checks (syntax, validation, persisted queries): shown to clients as they are. */
export const APOLLO_ERROR_HTTP_STATUS = {
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PERSISTED_QUERY_NOT_FOUND: 200,
  PERSISTED_QUERY_NOT_SUPPORTED: 200,
} as const;

/** Refusals of the HTTP layer before GraphQL runs (lib/http-server.ts, gateway/server.ts). */
export const TRANSPORT_ERROR_HTTP_STATUS = {
  PAYLOAD_TOO_LARGE: 413,
  SERVICE_UNAVAILABLE: 503,
} as const;

/**
 * Operation limits the gateway checks before planning or calling any subgraph
 * (gateway/limits/): each refusal has its own code, with `extensions.limit` and
 * `extensions.actual`. Nothing ran.
 */
export const LIMIT_ERROR_HTTP_STATUS = {
  DOCUMENT_TOO_LARGE: 400,
  TOKEN_LIMIT_EXCEEDED: 400,
  DEPTH_LIMIT_EXCEEDED: 400,
  ALIAS_LIMIT_EXCEEDED: 400,
  ROOT_FIELD_LIMIT_EXCEEDED: 400,
  DIRECTIVE_LIMIT_EXCEEDED: 400,
  COST_LIMIT_EXCEEDED: 400,
  VARIABLES_LIMIT_EXCEEDED: 400,
} as const;

export type LimitErrorCode = keyof typeof LIMIT_ERROR_HTTP_STATUS;

/** Every `extensions.code` a client of the gateway can see. */
export type ClientErrorCode = ErrorCodeName | keyof typeof APOLLO_ERROR_HTTP_STATUS | keyof typeof TRANSPORT_ERROR_HTTP_STATUS | LimitErrorCode;

export interface ErrorGuidance {
  readonly when: string;
  readonly whatToDo: string;
}

/**
 * What each code means and what a client should do about it. docs/errors.md is written
 * from this (`npm run docs`); a code added without guidance does not compile.
 */
export const ERROR_GUIDANCE: Record<ClientErrorCode, ErrorGuidance> = {
  UNAUTHENTICATED: {
    when: 'No credential, or a malformed, unknown, expired or revoked one; one message for all ("Invalid or missing API key"). Also a wrong email or password in `createSession` (HTTP 200).',
    whatToDo:
      'Check the header form and that the key is current (`apiKeys` shows `status` and `expiresAt`); create a new key or session if it expired or was revoked. Retrying unchanged will not help.',
  },
  WORKSPACE_REQUIRED: {
    when: 'A field that works inside a workspace, without `x-workspace-id` (an API key authorized for exactly one workspace selects it by itself; a session, the workspace it was started in with `createSession(input: { workspaceId })`). HTTP 200 when other fields of the operation answered.',
    whatToDo: 'Send `x-workspace-id` with the id of one of your workspaces (`workspaces { nodes { id name } }`).',
  },
  FORBIDDEN: {
    when: 'The workspace is not one the credential may use, or its user left it ("Token not authorized for this workspace"). Also, with HTTP 200: managing a key that has scopes you lack, a workspace key calling a field only users may, an API key accepting an invitation (only a signed-in person, with a session, may), granting what you do not hold (a permission you lack, the owner role or workspaces:delete without being an owner, a change of your own role), or a field of a `Workspace` (members, roles, memberGroups, apiKeys, contentTypes, statistics, deletionPreview) asked of a workspace other than the one the request acts in: that field is null, the rest answers.',
    whatToDo:
      'Use a workspace the key is authorized for, or a key made for that workspace; if you were removed, ask a workspace admin. A refused grant names what you lack: ask someone who holds it (an owner for the owner role and workspaces:delete). For a field of another workspace, send its id in `x-workspace-id` (one request per workspace).',
  },
  INVALID_TOKEN: {
    when: 'A token from an identity provider was refused: an ID token given to `createSessionFromIdToken`, an OpenID sign-in callback, or a Bearer JWT from an issuer a workspace trusts. `extensions.reason` says which check failed (`malformed`, `signature`, `expired`, `audience`, `issuer`, `nonce`, `untrusted_issuer`, `email_not_verified`, `domain_not_allowed`, `unknown_user`). HTTP 401 when nothing else answered.',
    whatToDo:
      "Get a fresh token from the provider (tokens expire in minutes) for the right client id (audience); an issuer must be configured (OIDC_PROVIDERS) or trusted by the workspace (`trustIssuer`). For `email_not_verified`, verify the address with the provider; for `unknown_user`, the token's email must be the verified email of a member.",
  },
  EMAIL_NOT_VERIFIED: {
    when: 'The signed-in user has not verified their email address yet, and the operation needs it: creating an API key, accepting an invitation. HTTP 200 with the field null.',
    whatToDo: 'Open the link in the verification mail (`resendVerification` sends a new one), then retry.',
  },
  INSUFFICIENT_SCOPE: {
    when: 'A field needs scopes the credential lacks in this workspace. In a query the field is null and the rest answers (HTTP 200); a mutation the credential can never run is refused before anything runs (HTTP 403).',
    whatToDo:
      "Read `extensions.requiredScopes` (any one set, every scope in it) and use a key with those scopes, or ask for a role that grants them. `schema/api.graphql` states each field's requirement.",
  },
  BAD_USER_INPUT: {
    when: 'An argument or input value is invalid: `extensions.fieldErrors` lists every bad field, `extensions.argumentName` names a bad argument. Variables that do not fit their declared types get HTTP 400.',
    whatToDo: 'Fix the values named and send again; nothing was written.',
  },
  NOT_FOUND: {
    when: 'No such record in the current workspace; a record of another workspace is not found either.',
    whatToDo: 'Check the id and the `x-workspace-id` header.',
  },
  RATE_LIMITED: {
    when: 'The credential (or, without one, your address) has spent its cost budget for the current window: HTTP 429 with `Retry-After`, and `extensions.retryAfter` (seconds), `limit` (points per window) and `cost` (what this request would have cost). Nothing ran. Also `createSession` and `register` over a sign-in limit (too many tries at one account from your address, at one account from everywhere, or from your address; see README "Rate limits"), or while the server is busy checking other passwords: HTTP 429 with `Retry-After` and `extensions.retryAfter`; the password was not checked. Also any request without a credential while your address already has `GATEWAY_ANONYMOUS_MAX_CONCURRENT` (8) of them in progress: HTTP 429 with `Retry-After: 1`.',
    whatToDo:
      'Wait `Retry-After` seconds and send again; watch `RateLimit-Remaining` and `extensions.cost` to pace requests (cheaper operations spend less). A sign-in limit lasts up to 15 minutes (one hour for register); signing in successfully from your address resets your count for that account. Automate with an API key, not a password.',
  },
  SUBGRAPH_UNAVAILABLE: {
    when: 'One of the services behind the gateway did not answer in time (`GATEWAY_SUBGRAPH_TIMEOUT_MS`, default 5 s) or could not be reached. Its fields are `null`, `extensions.serviceName` names it, and what the other services answered is still in `data` (HTTP 200).',
    whatToDo: 'Keep the data that arrived and retry the missing fields with backoff; if it persists, report the `x-correlation-id`.',
  },
  OPERATION_NOT_ALLOWED: {
    when: 'Trusted-documents mode: the workspace (for API keys) or the key itself accepts only registered operations, and the operation sent is not one of them. Nothing ran.',
    whatToDo:
      "Register your client build's operations (`npm run documents:register <manifest.json>`, or `registerTrustedDocuments`) and send the `documentId` (or the exact registered text). An admin can list them with `trustedDocuments` and change the mode with `setTrustedDocumentsOnly`.",
  },
  INTERNAL_SERVER_ERROR: {
    when: "An unexpected failure. The message is masked; `extensions.correlationId` (when the operation ran) and the `x-correlation-id` response header name the server's log entry. HTTP 200 when other fields answered.",
    whatToDo: 'Retry once; if it persists, report the correlation id.',
  },
  GRAPHQL_PARSE_FAILED: {
    when: 'The operation is not valid GraphQL syntax; `locations` points at the problem.',
    whatToDo: 'Fix the syntax. Validating operations against `schema/api.graphql` at build time (GraphQL Code Generator does) catches this before a request.',
  },
  GRAPHQL_VALIDATION_FAILED: {
    when: 'The operation does not fit the schema: an unknown field or argument, a wrong type, an undeclared variable.',
    whatToDo: 'Regenerate your client types from `schema/api.graphql` and fix the operation.',
  },
  BAD_REQUEST: {
    when: 'Not a GraphQL request: a body that is not JSON, no `query`, a mutation sent with GET (HTTP 405), or a request without `content-type: application/json` blocked as possible cross-site request forgery. Also an `x-workspace-id` header that is not a workspace id at all (a credential that is itself invalid still gets 401).',
    whatToDo: 'POST JSON `{"query": ..., "variables": ...}` with `content-type: application/json`; send one workspace id from `workspaces { nodes { id } }` in `x-workspace-id`.',
  },
  OPERATION_RESOLUTION_FAILURE: {
    when: '`operationName` names no operation of the document, or the document holds several operations and none is named. Nothing runs.',
    whatToDo: 'Send an `operationName` that matches one operation of the document.',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    when: 'A `documentId` (or an automatic persisted query hash) that names no document: not registered in the workspace the request works in, and not sent to this gateway with its text before.',
    whatToDo:
      "Register the document (`npm run documents:register`) in that workspace, or send the query text with the hash once (Apollo Client's persisted-queries link does so by itself). Check `x-workspace-id`: documents belong to one workspace.",
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    when: 'Automatic persisted queries are turned off. Atrium keeps them on, so you should not see it.',
    whatToDo: 'Send the full query text.',
  },
  PAYLOAD_TOO_LARGE: {
    when: 'The request body is larger than 1 MiB.',
    whatToDo: 'Send a smaller request: split a large import into several mutations.',
  },
  SERVICE_UNAVAILABLE: {
    when: 'The gateway cannot check credentials or trusted documents right now, or is already serving as many requests at once as it may (`GATEWAY_MAX_CONCURRENT_REQUESTS`, then with `Retry-After: 1`); nothing ran.',
    whatToDo: 'Retry with backoff, after `Retry-After` seconds when it is given.',
  },
  DOCUMENT_TOO_LARGE: {
    when: 'The query text is longer than the gateway accepts (`extensions.limit` bytes; 64 KiB by default, 2 KiB without a credential).',
    whatToDo: 'Send a shorter document: drop unused fragments and operations, or split it into several requests.',
  },
  TOKEN_LIMIT_EXCEEDED: {
    when: 'The query text has more lexical tokens (names, punctuation, values) than `extensions.limit`; parsing stopped there.',
    whatToDo: 'Send a smaller document: select fewer fields, pass values as variables, split it into several requests.',
  },
  DEPTH_LIMIT_EXCEEDED: {
    when: 'Selections are nested deeper than `extensions.limit` levels (fragments followed).',
    whatToDo: 'Select less deeply: fetch what sits deeper with a second query starting from its id.',
  },
  ALIAS_LIMIT_EXCEEDED: {
    when: 'The operation uses more aliases than `extensions.limit` (`__typename` included).',
    whatToDo: 'Use fewer aliases: a list field with a filter, or several requests, instead of the same field under many names.',
  },
  ROOT_FIELD_LIMIT_EXCEEDED: {
    when: 'The operation selects more root fields than `extensions.limit`.',
    whatToDo: 'Split the operation into several requests.',
  },
  DIRECTIVE_LIMIT_EXCEEDED: {
    when: 'The operation uses more directives (`@include`, `@skip`, …) than `extensions.limit`.',
    whatToDo: 'Use fewer directives: build the operation you need instead of switching parts off.',
  },
  COST_LIMIT_EXCEEDED: {
    when: 'The operation could answer more values than `extensions.limit`: every field counts 1 and a list multiplies what it holds by its `first` (20 when not given), so nested lists grow fast. `extensions.actual` is the computed cost; every response carries it in `extensions.cost`.',
    whatToDo: 'Ask for smaller pages (`first`), nest fewer lists, or fetch the inner lists with separate queries by id.',
  },
  VARIABLES_LIMIT_EXCEEDED: {
    when: 'The variables are nested deeper, or hold more values, than `extensions.limit` (`extensions.limitName` says which).',
    whatToDo: 'Send flatter, smaller variables: split a large input into several requests.',
  },
};

/**
 * Every key an error's `extensions` may carry besides `code`, as the client sees it. The
 * GraphQL type `ErrorExtensions` (lib/error-extensions.ts) declares one field per key with
 * this description, so GraphQL Code Generator can type `errors[].extensions`;
 * lib/error-extensions.test.ts fails when the code emits a key not listed here.
 */
export interface ErrorExtensionFields {
  readonly fieldErrors?: readonly FieldProblem[];
  readonly argumentName?: string;
  /** Enum names of the `Scope` enum (`ITEMS_READ`), never the wire form. */
  readonly requiredScopes?: readonly (readonly string[])[];
  readonly retryAfter?: number;
  readonly limit?: number;
  readonly actual?: number;
  readonly limitName?: 'depth' | 'values';
  readonly cost?: number;
  readonly correlationId?: string;
  readonly serviceName?: string;
  readonly workspaceId?: string;
  readonly reason?: string;
}

export const ERROR_EXTENSION_DESCRIPTIONS: Readonly<Record<keyof ErrorExtensionFields, string>> = {
  fieldErrors: '`BAD_USER_INPUT`: every invalid input field at once, each with what is wrong with it.',
  argumentName: '`BAD_USER_INPUT`: the argument whose value is invalid (`first`, `after`, `token`, …), when the problem is an argument rather than a field of an input.',
  requiredScopes:
    '`INSUFFICIENT_SCOPE`: the scope sets that would have allowed the field: any one set, every scope in it (`[[ITEMS_READ, TYPES_READ], [READ]]` is items:read and types:read, or read).',
  retryAfter: '`RATE_LIMITED`: seconds to wait before sending again (at least 1; the same as the `Retry-After` header).',
  limit:
    '`RATE_LIMITED`: the budget in points per window. The operation limit codes (`DEPTH_LIMIT_EXCEEDED`, `COST_LIMIT_EXCEEDED`, …): the limit that was exceeded (bytes, tokens, levels, aliases, root fields, directives, cost or variable values).',
  actual: 'The operation limit codes: what the operation measured (same unit as `limit`). A Float, because a cost can exceed 32 bits.',
  limitName: '`VARIABLES_LIMIT_EXCEEDED`: which variables limit was exceeded, `depth` (nesting) or `values` (how many values).',
  cost: '`RATE_LIMITED`: what this request would have cost, in points.',
  correlationId: "`INTERNAL_SERVER_ERROR`: names the server's log entry (also in the `x-correlation-id` response header); quote it when you report the problem.",
  serviceName: '`SUBGRAPH_UNAVAILABLE`: the service behind the gateway that did not answer (`identity`, `content` or `audit`).',
  workspaceId: '`FORBIDDEN` on a field under `Workspace`: the workspace it hangs from, which is not the one the request acts in; send this id in the workspace header to read it.',
  reason:
    '`INVALID_TOKEN`: which check refused the token (`malformed`, `signature`, `expired`, `audience`, `issuer`, `nonce`, `untrusted_issuer`, `email_not_verified`, `domain_not_allowed`, `unknown_user`).',
};

export const WORKSPACE_HEADER = 'x-workspace-id';
export const CORRELATION_HEADER = 'x-correlation-id';

/** One message for every credential problem, so that none tells a prober which part was wrong. */
export const INVALID_CREDENTIAL_MESSAGE = 'Invalid or missing API key';

/** UNAUTHENTICATED raised inside a subgraph: a field that needs a credential, asked for without one. */
export function unauthenticated(): GraphQLError {
  return new GraphQLError(INVALID_CREDENTIAL_MESSAGE, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function workspaceRequired(header = WORKSPACE_HEADER): GraphQLError {
  return new GraphQLError(`Missing required header: ${header}`, { extensions: { code: ErrorCode.WORKSPACE_REQUIRED } });
}

/**
 * FORBIDDEN raised inside a subgraph: the credential is known and the field exists, but
 * this principal may not do it (a grant beyond its own, a workspace key where a user is
 * needed, a workspace other than the request's). The message says what would be allowed.
 */
export function forbidden(message: string, extensions: Pick<ErrorExtensionFields, 'workspaceId'> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, ...extensions } });
}

export function badUserInput(message: string, extensions: Pick<ErrorExtensionFields, 'fieldErrors' | 'argumentName'> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions } });
}

export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

/** One BAD_USER_INPUT listing every problem (in `extensions.fieldErrors`), so a client fixes them in one go. */
export function invalidInput(problems: readonly FieldProblem[]): GraphQLError {
  return badUserInput(`Invalid input: ${problems.map((problem) => `${problem.field} ${problem.reason}`).join('; ')}`, { fieldErrors: problems });
}

/** The workspace a request works in, for what only makes sense inside one. */
export function requireWorkspace(workspaceId: string | undefined): string {
  if (!workspaceId) throw workspaceRequired();
  return workspaceId;
}

/**
 * RATE_LIMITED raised inside a subgraph (sign-in throttles): `extensions.retryAfter` is in
 * whole seconds, at least 1. When nothing else in the operation answered, the gateway
 * sends it as HTTP 429 with that Retry-After (gateway/pipeline/response.ts).
 */
export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)) } });
}

/** Which check refused a token from an identity provider (`extensions.reason` of INVALID_TOKEN). */
export type InvalidTokenReason = 'malformed' | 'signature' | 'expired' | 'audience' | 'issuer' | 'nonce' | 'untrusted_issuer' | 'email_not_verified' | 'domain_not_allowed' | 'unknown_user';

/** INVALID_TOKEN: an ID token or Bearer JWT that does not prove who sent it. The message says what to do; it never quotes the token. */
export function invalidToken(reason: InvalidTokenReason, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.INVALID_TOKEN, reason } });
}

/** EMAIL_NOT_VERIFIED: what needs a proven address, asked by a user who has not proven theirs. */
export function emailNotVerified(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.EMAIL_NOT_VERIFIED } });
}

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} not found`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

/** An error's `extensions.code` when it is a string (GraphQL types extensions as `unknown`). */
export function errorCodeOf(error: { readonly extensions?: Readonly<Record<string, unknown>> }): string | undefined {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));
// Apollo's own request-validation codes and the gateway's limit refusals are safe to show as they are.
const APOLLO_CLIENT_CODES = new Set<string>([...Object.keys(APOLLO_ERROR_HTTP_STATUS), ...Object.keys(LIMIT_ERROR_HTTP_STATUS)]);

/**
 * Apollo `formatError`: errors the code raised on purpose pass through; anything else
 * is logged in full and reaches the client as a masked INTERNAL_SERVER_ERROR carrying
 * the correlation id, so support can find the log line.
 */
/**
 * Formats every error an Apollo server answers with. `workspaceHeader` is the header the
 * gateway reads the workspace from (WORKSPACE_HEADER): subgraphs never see HTTP headers, so
 * their messages (WORKSPACE_REQUIRED, and FORBIDDEN for another workspace's field in
 * lib/current-workspace.ts) name the default one; the gateway, which knows the configured
 * name, says that one instead, in every message of ours that names it.
 */
export function createErrorFormatter(logger: Logger, correlationIdOf: () => string | undefined = () => undefined, workspaceHeader: string = WORKSPACE_HEADER) {
  const nameHeader = workspaceHeader === WORKSPACE_HEADER ? (message: string) => message : (message: string) => message.replaceAll(WORKSPACE_HEADER, workspaceHeader);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && (KNOWN_CODES.has(code) || APOLLO_CLIENT_CODES.has(code))) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: nameHeader(formatted.message), extensions };
    }
    const original = unwrapResolverError(error);
    const correlationId = correlationIdOf();
    logger.error('unexpected error', { error: original, path: formatted.path, correlationId });
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(correlationId ? { correlationId } : {}) },
    };
  };
}
