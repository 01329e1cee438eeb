// One createSession call as `npm run bench:sign-in` and its burst client
// (sign-in-burst-client.ts) send it: from a client address given in X-Forwarded-For (the
// gateway trusts the bench's loopback proxy), read back as status, error code and Retry-After.
const CREATE_SESSION = 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }';

export interface SignInAnswer {
  readonly status: number;
  /** The first error's code, or OK. */
  readonly code: string;
  /** Seconds, from the Retry-After header (0 without one). */
  readonly retryAfter: number;
}

export async function signIn(url: string, email: string, password: string, address: string): Promise<SignInAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query: CREATE_SESSION, variables: { input: { email, password } } }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code ?? 'OK', retryAfter: Number(response.headers.get('retry-after') ?? 0) };
}
