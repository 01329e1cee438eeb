// `npm run bench:content`: seeds one content type with 1,000,000 items (once; kept in the
// atrium_bench database) and times, through HTTP against the real content subgraph, the
// queries a client makes: first page, filtered page, a deep page by cursor, and
// totalCount with and without a filter. Prints median and p95 of 30 runs each.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../lib/config.js';
import { ensureDatabaseExists, withDatabase } from '../lib/database.js';
import { migrateAll, openDatabase } from '../lib/database-runtime.js';
import { createLogger } from '../lib/logger.js';
import type { Principal } from '../lib/principal.js';
import { PRINCIPAL_HEADER, signPrincipal } from '../lib/principal-signing.js';
import { SUBGRAPHS } from '../lib/subgraph-list.js';
import { startSubgraphServer } from '../lib/subgraph-server.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';
import { contentSubgraph } from '../subgraphs/content/server.js';
import { percentile } from './percentile.js';
import { runMain } from './run-main.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WORKSPACE_ID = '01000000-0000-7000-8000-000000000001';
const TYPE_ID = '01000000-0000-7000-8000-000000000002';

async function seed(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const existing = await client.query<{ item_count: number; counted: string }>(
      `select t.item_count, (select coalesce(sum(count), 0) from content.item_value_counts c where c.workspace_id = t.workspace_id and c.content_type_id = t.id) as counted
         from content.content_types t where t.workspace_id = $1 and t.id = $2`,
      [WORKSPACE_ID, TYPE_ID],
    );
    if (existing.rows[0]?.item_count === ITEMS && Number(existing.rows[0]?.counted) === ITEMS) return;
    console.log(`seeding ${ITEMS.toLocaleString('en')} items (once)…`);
    const started = Date.now();
    await client.query('begin');
    await client.query('delete from content.items where workspace_id = $1', [WORKSPACE_ID]);
    await client.query('delete from content.item_value_counts where workspace_id = $1', [WORKSPACE_ID]);
    await client.query('delete from content.content_fields where workspace_id = $1', [WORKSPACE_ID]);
    await client.query('delete from content.content_types where workspace_id = $1', [WORKSPACE_ID]);
    await client.query(
      `insert into content.content_types (workspace_id, id, name, key, description, created_at, updated_at, item_count)
       values ($1, $2, 'Bench', 'bench', 'Benchmark data', now(), now(), $3)`,
      [WORKSPACE_ID, TYPE_ID, ITEMS],
    );
    await client.query(
      `insert into content.content_fields (workspace_id, id, content_type_id, key, name, kind, required, "unique", options, position, created_at) values
         ($1, gen_random_uuid(), $2, 'title', 'Title', 'TEXT', true, false, '{}', 1, now()),
         ($1, gen_random_uuid(), $2, 'status', 'Status', 'SINGLE_SELECT', false, false, '{"choices":["draft","published","archived"]}', 2, now()),
         ($1, gen_random_uuid(), $2, 'rating', 'Rating', 'NUMBER', false, false, '{}', 3, now())`,
      [WORKSPACE_ID, TYPE_ID],
    );
    // Ids in creation order, like the application's UUIDv7: time in the leading bits.
    await client.query(
      `insert into content.items (workspace_id, id, content_type_id, "values", created_at, updated_at)
       select $1,
              (lpad(to_hex(1700000000000 + g), 12, '0') || '7' || substr(md5(g::text), 1, 3) || '8' || substr(md5(g::text), 4, 15))::uuid,
              $2,
              jsonb_build_object('title', 'Item ' || g, 'status', (array['draft', 'published', 'archived'])[1 + g % 3], 'rating', g % 100),
              to_timestamp((1700000000000 + g) / 1000.0),
              to_timestamp((1700000000000 + g) / 1000.0)
       from generate_series(1, $3) as g`,
      [WORKSPACE_ID, TYPE_ID, ITEMS],
    );
    await client.query(
      `insert into content.item_value_counts (workspace_id, content_type_id, field_key, value, count)
       select workspace_id, content_type_id, 'status', to_jsonb("values"->>'status')::text, count(*)
         from content.items where workspace_id = $1 and content_type_id = $2 group by 1, 2, 4`,
      [WORKSPACE_ID, TYPE_ID],
    );
    await client.query('commit');
    await client.query('analyze content.items');
    console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}

await runMain(async () => {
  const config = loadConfig();
  const logger = createLogger('warn');
  const database = await openDatabase(config, logger);
  const benchUrl = withDatabase(database.databaseUrl, 'atrium_bench');
  await ensureDatabaseExists(withDatabase(database.databaseUrl, 'postgres'), 'atrium_bench');
  await migrateAll(
    benchUrl,
    SUBGRAPHS.map(({ name }) => SUBGRAPH_DEFINITIONS[name].orm),
  );
  await seed(benchUrl);

  const secret = randomBytes(32).toString('base64url');
  const server = await startSubgraphServer(contentSubgraph, { databaseUrl: benchUrl, port: 0, signingSecrets: [secret], logger, poolSize: 10 });
  const principal: Principal = { kind: 'workspace_key', keyId: TYPE_ID, workspaceId: WORKSPACE_ID, scopes: ['items:read', 'types:read'], workspaceIds: [WORKSPACE_ID] };
  const call = async <TData = unknown>(query: string, variables: Record<string, unknown>): Promise<TData> => {
    const body = JSON.stringify({ query, variables });
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: signPrincipal(principal, 'content', body, [secret]) },
      body,
    });
    // Without errors, data is there (GraphQL over HTTP).
    const json = (await response.json()) as { data: TData; errors?: unknown[] };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data;
  };
  const page = 'query($t: ID!, $f: ItemFilter, $first: Int, $after: String) { items(contentTypeId: $t, filter: $f, first: $first, after: $after) { pageInfo { endCursor } nodes { id values } } }';
  const count = 'query($t: ID!, $f: ItemFilter) { items(contentTypeId: $t, filter: $f, first: 1) { totalCount } }';
  const published = { equals: { status: 'published' } };

  // A cursor 50 pages of 100 deep, reached by following endCursor as a client would.
  let deepCursor: string | undefined;
  for (let index = 0; index < 50; index += 1) {
    deepCursor = (await call<{ items: { pageInfo: { endCursor: string } } }>(page, { t: TYPE_ID, first: 100, after: deepCursor })).items.pageInfo.endCursor;
  }
  const cases: [string, () => Promise<unknown>][] = [
    ['first page (20)', () => call(page, { t: TYPE_ID, first: 20 })],
    ['filtered page (status = published, 20)', () => call(page, { t: TYPE_ID, f: published, first: 20 })],
    ['deep page by cursor (after 5,000, 20)', () => call(page, { t: TYPE_ID, first: 20, after: deepCursor })],
    ['totalCount, no filter', () => call(count, { t: TYPE_ID })],
    ['totalCount, status = published', () => call(count, { t: TYPE_ID, f: published })],
  ];
  console.log(`\n${ITEMS.toLocaleString('en')} items, ${RUNS} runs each, content subgraph over HTTP on the embedded PostgreSQL\n`);
  console.log(`${'case'.padEnd(42)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(10)}`);
  for (const [name, run] of cases) {
    await run(); // warm-up
    const times: number[] = [];
    for (let index = 0; index < RUNS; index += 1) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(42)} ${percentile(times, 0.5).toFixed(1).padStart(10)} ${percentile(times, 0.95).toFixed(1).padStart(10)}`);
  }
  await server.stop();
  await database.stop();
});
