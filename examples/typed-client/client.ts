// A typed GraphQL client in a few lines: each operation is a TypedDocumentString that
// GraphQL Code Generator typed from schema/api.graphql, so its variables and its answer are
// checked by the compiler. Errors come back beside the data, never instead of it: a denied
// field is null with an error whose `path` names it, and the rest of the answer stands.
import type { TypedDocumentString } from './gql/graphql.js';

/** An error of the answer, as docs/errors.md describes it. */
export interface AnswerError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly [name: string]: unknown };
}

export interface Answer<TResult> {
  readonly status: number;
  /** Whatever answered: partial data when some fields were denied. */
  readonly data: TResult | null;
  readonly errors: readonly AnswerError[];
}

export interface Credentials {
  /** An API key (`x-api-key`) or a session token (`Authorization: Bearer`). */
  readonly apiKey?: string;
  readonly sessionToken?: string;
  /** The workspace the request acts in (`x-workspace-id`). */
  readonly workspaceId?: string;
}

export class AtriumClient {
  constructor(
    private readonly url: string,
    private readonly credentials: Credentials = {},
  ) {}

  /** The same client acting with other credentials. */
  with(credentials: Credentials): AtriumClient {
    return new AtriumClient(this.url, { ...this.credentials, ...credentials });
  }

  async run<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]): Promise<Answer<TResult>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.credentials.apiKey) headers['x-api-key'] = this.credentials.apiKey;
    if (this.credentials.sessionToken) headers.authorization = `Bearer ${this.credentials.sessionToken}`;
    if (this.credentials.workspaceId) headers['x-workspace-id'] = this.credentials.workspaceId;
    const response = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ query: document.toString(), variables }) });
    const body = (await response.json()) as { data?: TResult | null; errors?: AnswerError[] };
    return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
  }

  /** Like run, for answers that must be whole: throws with the errors otherwise. */
  async data<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, ...variables: TVariables extends Record<string, never> ? [] : [TVariables]): Promise<TResult> {
    const answer = await this.run(document, ...variables);
    if (answer.data === null || answer.errors.length > 0)
      throw new Error(`GraphQL errors (HTTP ${answer.status}): ${answer.errors.map((error) => `${error.extensions?.code ?? ''} ${error.message}`).join('; ')}`);
    return answer.data;
  }
}

/** The errors of one field of the answer (by its path), e.g. to show "you may not see this" in its place. */
export function errorsAt(answer: Answer<unknown>, ...path: (string | number)[]): AnswerError[] {
  return answer.errors.filter((error) => error.path !== undefined && path.every((part, index) => error.path?.[index] === part));
}
