// A stock gateway for `npm run bench:gateway`: `@apollo/gateway` and `@apollo/server` (the
// versions Atrium runs) over the committed supergraph, with their defaults, and only the
// one thing Atrium's subgraphs require added: each subgraph call carries the signed
// principal header (lib/principal-signing.ts), signed over the exact body sent. It calls
// subgraphs with Node's fetch, as Atrium's gateway does, so that the comparison is of
// what each gateway does around the call, not of HTTP clients.
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { PRINCIPAL_HEADER, signPrincipal } from '../../lib/principal-signing.js';
import type { RunningServer } from '../../lib/http-server.js';
import { readCommittedSupergraph } from '../../gateway/supergraph.js';
import { subgraphAudience } from '../../gateway/subgraph-data-source.js';
import type { PeerOptions } from './peer-options.js';

export async function startApolloGateway(options: PeerOptions): Promise<RunningServer> {
  const gateway = new ApolloGateway({
    supergraphSdl: readCommittedSupergraph(),
    buildService: ({ name, url }) => {
      const audience = subgraphAudience(name);
      return new RemoteGraphQLDataSource({
        url: options.subgraphUrls[audience] ?? url,
        fetcher: ((input: string, init?: RequestInit) => {
          const headers = new Headers(init?.headers);
          headers.set(PRINCIPAL_HEADER, signPrincipal(options.principal, audience, typeof init?.body === 'string' ? init.body : '', options.signingSecrets));
          return fetch(input, { ...init, headers });
        }) as never,
      });
    },
  });
  const server = new ApolloServer({ gateway, stopOnTerminationSignals: false });
  const { url } = await startStandaloneServer(server, { listen: { port: options.port, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
