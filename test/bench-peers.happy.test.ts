// The check behind `npm run bench:gateway`, at a tiny size and without timing: over one test
// stack, a stock Apollo gateway and Hive Gateway (with and without its deduplication), each
// adding only the signed principal, and direct signed calls to the subgraphs answer each
// of the benchmark's queries with the same data as Atrium's gateway; and the SQL each query
// causes per request through Atrium is read from PostgreSQL and printed as the benchmark prints it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../lib/http-server.js';
import { startApolloGateway } from '../scripts/bench-peers/apollo-gateway.js';
import { startHiveGateway } from '../scripts/bench-peers/hive-gateway.js';
import type { PeerOptions } from '../scripts/bench-peers/peer-options.js';
import { sqlPerRequest } from '../scripts/bench-peers/sql-statistics.js';
import { benchQueries, directTarget, disagreements, gatewayTarget, lookUpPrincipal, requestBody, seedBenchWorkspace, type BenchTarget } from '../scripts/bench-peers/workload.js';
import { postGraphQL, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
const peers: RunningServer[] = [];
beforeAll(async () => {
  // The benchmark's seed makes a key for a user with no mailbox, as the benchmark's services allow (bench-services.ts).
  stack = await startStack({ settings: { accounts: { allowUnverifiedKeys: true } } });
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

it('prints, for each benchmark query, the SQL statements and database time one request through Atrium causes', async () => {
  const workspace = await seedBenchWorkspace(stack.gatewayUrl);
  const queries = benchQueries(workspace.typeId);
  const lines = await sqlPerRequest(stack.database.url, gatewayTarget('Atrium', stack.gatewayUrl, workspace.headers), queries, 5);
  const printed = lines.join('\n');
  // Only a server of DATABASE_URL may lack pg_stat_statements: the embedded one loads it.
  if (printed.startsWith('SQL per request: not measured')) {
    expect(process.env.DATABASE_URL, printed).toBeDefined();
    return;
  }
  expect(lines[1]).toMatch(/^query\s+statements\/req\s+DB ms\/req/);
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const query of queries) {
    // A row per query: at least one statement and some time per request…
    expect(printed).toMatch(new RegExp(`^${escaped(query.name)}\\s+[1-9]\\d*\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{2}$`, 'm'));
    // …and the statements behind it.
    expect(printed).toContain(`${query.name}: the statements of each request`);
  }
  // Those of the items query are the item page itself, as PostgreSQL saw it.
  // (as the paging layer's QueryBuilder writes it: the rows of an alias, the workspace from the filter).
  expect(printed).toMatch(/^ {2}1 × +\d+\.\d{3} {2}select (?:"\w+"\.)?\* from "content"\."items"(?: as "\w+")? where .*"?workspace_id"? = \$\d/m);
});
