// /ready: the gateway is ready when every subgraph answers its own /ready.
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';

/** A subgraph's /ready endpoint, derived from its GraphQL URL. */
function readinessUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = '/ready';
  url.search = '';
  return url.toString();
}

export async function readinessOf(subgraphUrls: Readonly<Record<SubgraphName, string>>): Promise<{ ready: boolean; subgraphs: Record<string, string> }> {
  const checks = await Promise.all(
    SUBGRAPHS.map(async ({ name }) => {
      try {
        const answer = await fetch(readinessUrl(subgraphUrls[name]), { signal: AbortSignal.timeout(2000) });
        return [name, answer.ok ? 'ready' : `unavailable (HTTP ${answer.status})`] as const;
      } catch {
        return [name, 'unreachable'] as const;
      }
    }),
  );
  return { ready: checks.every(([, state]) => state === 'ready'), subgraphs: Object.fromEntries(checks) };
}
