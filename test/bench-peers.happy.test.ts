// The check behind `npm run bench:peers`, at a tiny size and without timing: over one test
// stack, a stock Apollo gateway and Hive Gateway (with and without its deduplication), each
// adding only the signed principal, and direct signed calls to the subgraphs answer each
// of the benchmark's queries with the same data as Atrium's gateway.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../lib/http-server.js';
import { startApolloGateway } from '../scripts/bench-peers/apollo-gateway.js';
import { startHiveGateway } from '../scripts/bench-peers/hive-gateway.js';
import type { PeerOptions } from '../scripts/bench-peers/peer-options.js';
import { benchQueries, directTarget, disagreements, gatewayTarget, lookUpPrincipal, requestBody, seedBenchWorkspace, type BenchTarget } from '../scripts/bench-peers/workload.js';
import { postGraphQL, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
const peers: RunningServer[] = [];
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  for (const peer of peers) await peer.stop();
  await stack?.stop();
});

it('every peer and direct call answers the benchmark queries with the data Atrium answers', async () => {
  const workspace = await seedBenchWorkspace(stack.gatewayUrl);
  const principal = await lookUpPrincipal(stack.subgraphUrls.identity, stack.signingSecrets, workspace);
  const options: PeerOptions = { subgraphUrls: stack.subgraphUrls, signingSecrets: stack.signingSecrets, principal, port: 0 };
  peers.push(await startApolloGateway(options), await startHiveGateway({ ...options, deduplicate: false }), await startHiveGateway({ ...options, deduplicate: true }));
  const targets: BenchTarget[] = [
    gatewayTarget('Atrium', stack.gatewayUrl, workspace.headers),
    gatewayTarget('Apollo', peers[0].url, {}),
    gatewayTarget('Hive', peers[1].url, {}),
    gatewayTarget('Hive (dedup)', peers[2].url, {}),
    directTarget('identity', stack.subgraphUrls.identity, principal, stack.signingSecrets),
    directTarget('content', stack.subgraphUrls.content, principal, stack.signingSecrets),
  ];
  const queries = benchQueries(workspace.typeId);
  // Audit events of the seeding are still being relayed at first: the targets agree once they settle.
  // A target that cannot answer yet counts as a disagreement, named in the failure.
  await expect.poll(() => disagreements(targets, queries).catch((error: Error) => [error.message]), { timeout: 15_000, interval: 200 }).toEqual([]);

  // What they agree on is the seeded workspace, not an empty answer.
  const items = await postGraphQL(peers[1].url, { query: queries[2].query, variables: queries[2].variables });
  expect(items.body.data?.items.nodes).toHaveLength(20);
  expect(items.body.data?.items.nodes[0].values).toMatchObject({ title: expect.stringMatching(/^Article/) });
  const everything = await postGraphQL(peers[0].url, { query: queries[3].query });
  expect(everything.body.data?.workspace.contentTypes.nodes).toHaveLength(5);
  expect(everything.body.data?.auditEvents.nodes.length).toBeGreaterThan(0);
  // A direct call's signature is good once: the subgraph refuses a replayed header.
  const body = requestBody(queries[0]);
  const headers = { 'content-type': 'application/json', ...targets[4].headersFor(body) };
  expect((await fetch(stack.subgraphUrls.identity, { method: 'POST', headers, body })).status).toBe(200);
  expect((await fetch(stack.subgraphUrls.identity, { method: 'POST', headers, body })).status).not.toBe(200);
});
