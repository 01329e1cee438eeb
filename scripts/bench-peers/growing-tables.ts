// The tables that grow with use (request logs, items), filled to a size where a sequential
// scan would show in a plan: request logs of the last day for the bench workspace and for
// many other workspaces, items in the bench workspace's `product` type and in many other
// workspaces, so that the bench workspace is a small share of each table as one tenant is.
// Written with SQL in bulk (the API would take minutes); the bench workspace's rows are
// what its key, its user and its type would have made. Then VACUUM ANALYZE, as autovacuum would.
import pg from 'pg';
import { initORM } from '../../lib/orm.js';
import { DAY_MS, daysBetween, ensureDayPartitions, startOfDay } from '../../subgraphs/audit/retention/day-partitions.js';
import { SUBGRAPH_DEFINITIONS } from '../../subgraphs/registry.js';
import { benchGraphql } from '../bench-graphql.js';
import type { BenchWorkspace } from './workload.js';

export interface GrowingTableSizes {
  readonly requestLogs: number;
  /** Of requestLogs, the bench workspace's (made with its key by its user). */
  readonly benchWorkspaceRequestLogs: number;
  /** Of benchWorkspaceRequestLogs, one in this many ended RATE_LIMITED: a rare outcome. */
  readonly rateLimitedEvery: number;
  readonly items: number;
  /** Of items, the bench workspace's `product` type's. */
  readonly benchTypeItems: number;
  /** Other workspaces the rest is spread over. */
  readonly otherWorkspaces: number;
}

export const GROWING_TABLE_SIZES: GrowingTableSizes = {
  requestLogs: 50_000,
  benchWorkspaceRequestLogs: 5_000,
  rateLimitedEvery: 500,
  items: 20_000,
  benchTypeItems: 2_000,
  otherWorkspaces: 40,
};

/** Operation name of one in a hundred of the bench workspace's filled request logs: a filter that matches few. */
export const RARE_OPERATION = 'ExportCatalog';

/** A UUID made of a prefix and a number: the same row always gets the same id. */
const NUMBERED_ID = (prefix: string, number: string) =>
  `(substr(md5('${prefix}' || ${number}), 1, 8) || '-' || substr(md5('${prefix}' || ${number}), 9, 4) || '-7' || substr(md5('${prefix}' || ${number}), 14, 3) || '-8' || substr(md5('${prefix}' || ${number}), 18, 3) || '-' || substr(md5('${prefix}' || ${number}), 21, 12))::uuid`;

/**
 * Fills request_logs and items of the database at databaseUrl; `url` is a gateway, through
 * which the bench workspace's `product` type gets its fields (name, price) as a user would.
 */
export async function fillGrowingTables(url: string, databaseUrl: string, workspace: BenchWorkspace, sizes: GrowingTableSizes = GROWING_TABLE_SIZES): Promise<void> {
  const productTypeId = workspace.typeIds.product;
  for (const input of [
    { key: 'name', name: 'Name', kind: 'TEXT' },
    { key: 'price', name: 'Price', kind: 'NUMBER' },
  ]) {
    await benchGraphql(
      url,
      'mutation($typeId: ID!, $input: CreateContentFieldInput!) { createContentField(contentTypeId: $typeId, input: $input) { contentField { id } } }',
      { typeId: productTypeId, input },
      workspace.ownerHeaders,
    );
  }

  // The last 24 hours, which requestLogs reads by default, span two day partitions (UTC):
  // today's and yesterday's. Each gets about half the rows whatever the time of day, so that
  // neither is a near-empty partition the planner rightly reads whole (at 23:30, rows spread
  // over the last 23 hours would leave yesterday's empty; at 00:30, today's nearly so). Today's
  // rows lie between midnight and now; yesterday's in the part of it the last 24 hours cover,
  // 10 minutes in from the edge (its last 10 minutes when less is covered: a plan reads the
  // partition whole anyway).
  const now = Date.now();
  const midnight = startOfDay(new Date(now)).getTime();
  const todaySeconds = Math.max(1, Math.floor((now - midnight) / 1000));
  const yesterdayFrom = Math.min(midnight - 600_000, now - DAY_MS + 600_000);
  const yesterdaySeconds = Math.max(1, Math.floor((midnight - yesterdayFrom) / 1000));
  const audit = await initORM(SUBGRAPH_DEFINITIONS.audit.orm, { databaseUrl, poolSize: 1 });
  try {
    await ensureDayPartitions(audit.em.getConnection(), 'request_logs', daysBetween(new Date(now - DAY_MS), new Date(now)));
  } finally {
    await audit.close();
  }

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ours = sizes.benchWorkspaceRequestLogs;
    await client.query(
      `insert into audit.request_logs (id, correlation_id, created_at, credential_kind, key_id, user_id, workspace_id, operation_name, operation_type,
                                       root_fields, outcome, http_status, duration_ms, client_ip, user_agent)
       select ${NUMBERED_ID('log', 'g')}, 'fill-' || g,
              case when g % 7 < 4 then to_timestamp($1::double precision / 1000) + ((g * 7919) % $9) * interval '1 second'
                   else to_timestamp($1::double precision / 1000) - (1 + (g * 7919) % $10) * interval '1 second' end,
              'user_key',
              case when g <= $2 then $3::uuid else ${NUMBERED_ID('key', 'g % $4')} end,
              case when g <= $2 then $5::uuid else ${NUMBERED_ID('user', 'g % $4')} end,
              case when g <= $2 then $6::uuid else ${NUMBERED_ID('workspace', 'g % $4')} end,
              case when g % 100 = 0 then '${RARE_OPERATION}' else 'BenchPeers' end, 'query', '{workspace}',
              case when g % $7 = 0 then 'RATE_LIMITED' when g % 40 = 0 then 'INSUFFICIENT_SCOPE' else 'OK' end,
              case when g % $7 = 0 then 429 else 200 end, g % 50, '127.0.0.1', 'bench:gateway'
         from generate_series(1, $8) as g`,
      [midnight, ours, workspace.keyId, sizes.otherWorkspaces, workspace.userId, workspace.workspaceId, sizes.rateLimitedEvery, sizes.requestLogs, todaySeconds, yesterdaySeconds],
    );
    // Ids in creation order, as the application's UUIDv7 are: time in the leading bits.
    await client.query(
      `insert into content.items (workspace_id, id, content_type_id, "values", created_by, created_at, updated_at)
       select case when g <= $1 then $2::uuid else ${NUMBERED_ID('workspace', 'g % $3')} end,
              (lpad(to_hex($4::bigint - 86400000 + g), 12, '0') || '7' || substr(md5('item' || g), 1, 3) || '8' || substr(md5('item' || g), 4, 15))::uuid,
              case when g <= $1 then $5::uuid else ${NUMBERED_ID('type', 'g % $3')} end,
              jsonb_build_object('name', 'Product ' || g, 'price', g % 500),
              $6::uuid,
              to_timestamp(($4::bigint - 86400000 + g) / 1000.0),
              to_timestamp(($4::bigint - 86400000 + g) / 1000.0)
         from generate_series(1, $7) as g`,
      [sizes.benchTypeItems, workspace.workspaceId, sizes.otherWorkspaces, now, productTypeId, workspace.userId, sizes.items],
    );
    // What createItem keeps beside each item: the type's counter (name and price are neither unique nor counted kinds).
    await client.query('update content.content_types set item_count = item_count + $1 where workspace_id = $2 and id = $3', [sizes.benchTypeItems, workspace.workspaceId, productTypeId]);
    // As autovacuum would after so many inserts: statistics for the planner, and the
    // visibility map that lets a count read the index alone.
    await client.query('vacuum (analyze) audit.request_logs, content.items');
  } finally {
    await client.end();
  }
}
