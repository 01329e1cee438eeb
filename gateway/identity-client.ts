// Calls identity's internal (non-GraphQL) endpoints, signed like every subgraph request
// so that identity knows the call came from a gateway.
import { ANONYMOUS_PRINCIPAL } from '../lib/principal.js';
import { PRINCIPAL_HEADER, signPrincipal } from '../lib/principal-signing.js';

export class IdentityUnavailableError extends Error {
  constructor(reason: string) {
    super(`identity is unavailable: ${reason}`);
  }
}

export interface IdentityClient {
  post<T>(path: string, payload: unknown): Promise<T>;
}

export function createIdentityClient(identityGraphqlUrl: string, signingSecrets: readonly string[], timeoutMs = 5000): IdentityClient {
  const origin = new URL(identityGraphqlUrl).origin;
  return {
    async post<T>(path: string, payload: unknown): Promise<T> {
      const body = JSON.stringify(payload);
      let response: Response;
      try {
        response = await fetch(`${origin}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: signPrincipal(ANONYMOUS_PRINCIPAL, body, signingSecrets) },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new IdentityUnavailableError((error as Error).message);
      }
      if (!response.ok) throw new IdentityUnavailableError(`HTTP ${response.status}`);
      return (await response.json()) as T;
    },
  };
}
