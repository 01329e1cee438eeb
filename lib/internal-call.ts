// Calls between Atrium services outside GraphQL (principal lookups, key usage, outbox
// events, membership checks): a JSON POST signed like every subgraph request, so that
// the receiver knows it came from inside.
import { ANONYMOUS_PRINCIPAL } from './principal.js';
import { PRINCIPAL_HEADER, signPrincipal } from './principal-signing.js';
import type { SubgraphName } from './subgraph-list.js';

export class PeerUnavailableError extends Error {
  constructor(
    readonly target: string,
    reason: string,
  ) {
    super(`${target} is unavailable: ${reason}`);
  }
}

/** The headers of an internal call carrying `body` to the subgraph `audience`: JSON, signed for that audience only. */
export function internalCallHeaders(audience: SubgraphName, body: string, signingSecrets: readonly string[]): Record<string, string> {
  return { 'content-type': 'application/json', [PRINCIPAL_HEADER]: signPrincipal(ANONYMOUS_PRINCIPAL, audience, body, signingSecrets) };
}

/**
 * POSTs `payload` to `path` on the subgraph `audience`, whose GraphQL URL is `serviceUrl`;
 * returns the JSON answer. The signature names the audience, so only that subgraph accepts it.
 */
export async function postInternal<T>(audience: SubgraphName, serviceUrl: string, path: string, payload: unknown, signingSecrets: readonly string[], timeoutMs = 5000): Promise<T> {
  const body = JSON.stringify(payload);
  const target = new URL(path, serviceUrl);
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: internalCallHeaders(audience, body, signingSecrets),
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new PeerUnavailableError(target.origin, (error as Error).message);
  }
  if (!response.ok) throw new PeerUnavailableError(target.origin, `HTTP ${response.status}`);
  return (await response.json()) as T;
}
