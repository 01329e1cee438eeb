// Hive Gateway for `npm run bench:gateway`: `@graphql-hive/gateway-runtime` over the committed
// supergraph, served by node:http, with one plugin added: each subgraph call carries the
// signed principal header Atrium's subgraphs require (lib/principal-signing.ts), signed
// over the exact body sent. `deduplicate: false` turns off its in-flight deduplication of
// identical subgraph calls (keyed on URL and body: on these identical concurrent requests
// it answers many clients with one subgraph call, which Atrium cannot do without keying on
// the principal); true keeps its defaults.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { PRINCIPAL_HEADER, signPrincipal } from '../../lib/principal-signing.js';
import type { RunningServer } from '../../lib/http-server.js';
import { SUBGRAPHS, type SubgraphName } from '../../lib/subgraph-list.js';
import { readCommittedSupergraph } from '../../gateway/supergraph.js';
import type { PeerOptions } from './peer-options.js';

/** Adds the signed principal header to every subgraph call, for the subgraph the URL names. */
function principalSigningPlugin(options: PeerOptions): GatewayPlugin {
  const audienceByUrl = new Map(SUBGRAPHS.map(({ name }) => [options.subgraphUrls[name], name] as [string, SubgraphName]));
  return {
    onFetch(payload) {
      const audience = audienceByUrl.get(payload.url);
      if (!audience) throw new Error(`Hive Gateway called an unknown subgraph URL ${payload.url}`);
      const { options: init } = payload;
      const body = typeof init.body === 'string' ? init.body : '';
      payload.setOptions({ ...init, headers: { ...init.headers, [PRINCIPAL_HEADER]: signPrincipal(options.principal, audience, body, options.signingSecrets) } });
    },
  };
}

export async function startHiveGateway(options: PeerOptions & { readonly deduplicate: boolean }): Promise<RunningServer> {
  const runtime = createGatewayRuntime({
    supergraph: readCommittedSupergraph(),
    logging: 'error',
    transportEntries: {
      ...Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, { location: options.subgraphUrls[name] }])),
      ...(options.deduplicate ? {} : { '*.http': { options: { deduplicateInflightRequests: false } } }),
    },
    plugins: () => [principalSigningPlugin(options)],
  });
  const server = createServer((request, response) => void runtime(request, response));
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await runtime.dispose();
    },
  };
}
