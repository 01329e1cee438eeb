// The console's one way to the API: a POST of a typed operation (GraphQL Code Generator
// typed it from schema/api.graphql) to the gateway's public /graphql, the same endpoint
// partners use. The session token lives in this module's memory only (never in
// localStorage or sessionStorage: a reload signs out); a browser signed in through an
// OpenID provider has no token here and sends the gateway's HttpOnly session cookie instead.
import type { TypedDocumentString } from './gql/graphql';

export interface ApiErrorDetail {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly [name: string]: unknown };
}

/** An answer that failed: its errors, with the code of the first as `code`. */
export class ApiError extends Error {
  readonly code: string;
  constructor(
    readonly status: number,
    readonly errors: readonly ApiErrorDetail[],
  ) {
    super(errors.map((error) => error.message).join('; ') || `The API answered HTTP ${status}`);
    this.code = errors[0]?.extensions?.code ?? (status === 0 ? 'NETWORK' : `HTTP_${status}`);
  }
}

interface Credentials {
  /** A session token from createSession; null: the session cookie, if any. */
  token: string | null;
  workspaceId: string | null;
}

const credentials: Credentials = { token: null, workspaceId: null };
const expiredListeners = new Set<() => void>();

export function setSessionToken(token: string | null): void {
  credentials.token = token;
}

export function setWorkspace(workspaceId: string | null): void {
  credentials.workspaceId = workspaceId;
}

export function currentWorkspace(): string | null {
  return credentials.workspaceId;
}

/** Called when the API says the session is no longer valid (expired, revoked, signed out elsewhere). */
export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

export interface RequestOptions {
  /** Send no workspace header (the workspace list, sign-in). */
  readonly withoutWorkspace?: boolean;
  /** Another workspace than the current one. */
  readonly workspaceId?: string;
  /** Answer partial data instead of throwing on errors (the caller reads `errors`). */
  readonly partial?: boolean;
}

export interface Answer<TResult> {
  readonly data: TResult;
  readonly errors: readonly ApiErrorDetail[];
}

async function post<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables | undefined, options: RequestOptions): Promise<Answer<TResult>> {
  // The console is a client like any other: its requests are counted in schema usage under its own name.
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'apollographql-client-name': 'atrium-console' };
  if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
  const workspaceId = options.workspaceId ?? (options.withoutWorkspace ? null : credentials.workspaceId);
  if (workspaceId) headers['x-workspace-id'] = workspaceId;
  let response: Response;
  try {
    // same-origin: the session cookie goes along when there is no token (OpenID sign-in).
    response = await fetch('/graphql', { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify({ query: document.toString(), variables }) });
  } catch {
    throw new ApiError(0, [{ message: 'The API could not be reached: check your connection, then try again.' }]);
  }
  let body: { data?: TResult | null; errors?: ApiErrorDetail[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(response.status, [{ message: `The API answered HTTP ${response.status} without a GraphQL answer: try again in a moment.` }]);
  }
  const errors = body.errors ?? [];
  if (errors.some((error) => error.extensions?.code === 'UNAUTHENTICATED') && (credentials.token || response.status === 401)) {
    for (const listener of expiredListeners) listener();
  }
  if (body.data == null || (errors.length > 0 && !options.partial)) throw new ApiError(response.status, errors);
  return { data: body.data, errors };
}

/** Runs an operation; throws an ApiError when the answer has any error. */
export async function request<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables?: TVariables, options: RequestOptions = {}): Promise<TResult> {
  return (await post(document, variables, options)).data;
}

/** Runs an operation and keeps what answered beside the errors (a field you may not read is null with its error). */
export function requestPartial<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables?: TVariables, options: RequestOptions = {}): Promise<Answer<TResult>> {
  return post(document, variables, { ...options, partial: true });
}

/** What to tell the user about a failed request: what happened and what to do. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return 'Your session has ended: sign in again.';
    case 'FORBIDDEN':
    case 'INSUFFICIENT_SCOPE':
      return `${error.message} Ask a workspace admin if you need this.`;
    case 'RATE_LIMITED':
      return `${error.message} Wait a moment, then try again.`;
    default:
      return error.message;
  }
}
