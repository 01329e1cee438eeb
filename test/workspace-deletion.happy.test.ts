// Deleting a workspace: identity's rows and an outbox event in one transaction, the
// workspace's keys refused at once, then content and audit remove their rows when the
// event reaches them, even when the relay dies between the two deliveries.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { initORM, type SubgraphOrm } from '../lib/orm.js';
import { EVENTS_PATH } from '../lib/domain-events.js';
import { PRINCIPAL_HEADER, signPrincipal } from '../lib/principal-signing.js';
import { ANONYMOUS_PRINCIPAL } from '../lib/principal.js';
import { ensureDayPartitions } from '../subgraphs/audit/retention/day-partitions.js';
import { identityOrm } from '../subgraphs/identity/orm.js';
import { startOutboxRelay } from '../lib/outbox/outbox-relay.js';
import { bearer, createUserKey, createWorkspaceAs, signUp } from './identity-seeds.js';
import { errorCodes, selectRows, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let orm: SubgraphOrm;

beforeAll(async () => {
  // The subgraphs run without their relay: the test runs it, and stops it, itself.
  stack = await startStack({ runWorkers: false });
  orm = await initORM(identityOrm, { databaseUrl: stack.database.url, poolSize: 2 });
});
afterAll(async () => {
  await orm?.close();
  await stack?.stop();
});

const sql = <T = Record<string, unknown>>(text: string, values: unknown[] = []) => selectRows<T>(stack.database.url, text, values);

/**
 * Rows in any schema whose text mentions the workspace (partitioned tables counted once,
 * through their parent). Left out: the outbox events and audit's tombstone, which record
 * the deletion itself, and users' own account trails (audit events without a workspace,
 * such as the deleting user's `workspace.deleted`), which may name the workspace's id.
 */
async function rowsOf(workspaceId: string): Promise<Record<string, number>> {
  const tables = await sql<{ table_schema: string; table_name: string }>(
    `select table_schema, table_name from information_schema.tables t where table_schema in ('identity', 'content', 'audit') and table_type = 'BASE TABLE'
        and table_name not in ('mikro_orm_migrations', 'outbox_events', 'deleted_workspaces')
        and not exists (select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_namespace n on n.oid = c.relnamespace where c.relname = t.table_name and n.nspname = t.table_schema)`,
  );
  const counts: Record<string, number> = {};
  for (const { table_schema: schema, table_name: table } of tables) {
    const accountTrail = table === 'audit_events' ? ' and t.workspace_id is not null' : '';
    const [row] = await sql<{ count: string }>(`select count(*) from "${schema}"."${table}" t where t::text like $1${accountTrail}`, [`%${workspaceId}%`]);
    if (Number(row.count) > 0) counts[`${schema}.${table}`] = Number(row.count);
  }
  return counts;
}

it('removes every row of the workspace in every schema, resuming after the relay dies between deliveries', async () => {
  const owner = await signUp(stack, 'Leaving');
  const workspaceId = await createWorkspaceAs(stack, owner.token, 'Doomed');
  const headers = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  const key = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
  const type = await stack.query({ query: 'mutation { createContentType(input: { name: "Post", key: "post" }) { contentType { id } } }', headers });
  await stack.query({
    query: 'mutation($t: ID!) { createContentField(contentTypeId: $t, input: { name: "Title", key: "title", kind: TEXT, unique: true }) { contentField { id } } }',
    variables: { t: type.createContentType.contentType.id },
    headers,
  });
  await stack.query({
    query: 'mutation($t: ID!) { createItem(contentTypeId: $t, values: { title: "Last words" }) { item { id } } }',
    variables: { t: type.createContentType.contentType.id },
    headers,
  });
  // Without its workers audit has made no day partition yet; ingest would make this one.
  await ensureDayPartitions(orm.em.getConnection(), 'request_logs', [new Date()]);
  await sql(
    "insert into audit.request_logs (id, workspace_id, correlation_id, root_fields, outcome, http_status, duration_ms, created_at) values (gen_random_uuid(), $1, 'c', '{}', 'OK', 200, 1, now())",
    [workspaceId],
  );
  const keyHeaders = { 'x-api-key': key.secret, 'x-workspace-id': workspaceId };
  expect((await stack.request({ query: '{ workspace { id } }', headers: keyHeaders })).status).toBe(200);

  const wrongName = await stack.request({ query: 'mutation { deleteWorkspace(confirmName: "doomed") { deletedId } }', headers });
  expect(errorCodes(wrongName)).toEqual(['BAD_USER_INPUT']);
  expect(await rowsOf(workspaceId)).toHaveProperty(['identity.workspaces'], 1);

  expect((await stack.query({ query: 'mutation { deleteWorkspace(confirmName: "Doomed") { deletedId } }', headers })).deleteWorkspace).toEqual({ deletedId: workspaceId });
  // At once: the workspace's key is refused and identity holds nothing of it.
  const refused = await stack.request({ query: '{ workspace { id } }', headers: keyHeaders });
  expect(refused.status).toBe(403);
  expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
  const waiting = await rowsOf(workspaceId);
  expect(Object.keys(waiting).filter((table) => table.startsWith('identity.'))).toEqual([]);
  expect(waiting['content.items']).toBe(1);
  const [event] = await sql<{ id: string; pending_targets: string[] }>("select id, pending_targets from identity.outbox_events where topic = 'workspace.deleted' and payload->>'workspaceId' = $1", [
    workspaceId,
  ]);
  expect(event.pending_targets.sort()).toEqual(['audit', 'content']);

  // A relay that can reach content only, killed once content has acknowledged.
  const logger = createLogger('silent');
  const partial = startOutboxRelay({ orm, schema: 'identity', logger, signingSecrets: stack.signingSecrets, peers: { content: stack.subgraphUrls.content }, intervalMs: 20 });
  await expect
    .poll(async () => (await sql<{ pending_targets: string[] }>('select pending_targets from identity.outbox_events where id = $1', [event.id]))[0].pending_targets, { timeout: 5000 })
    .toEqual(['audit']);
  await partial();
  expect(Object.keys(await rowsOf(workspaceId))).toEqual(['audit.request_logs']);

  // A new relay resumes with what is left.
  const resumed = startOutboxRelay({ orm, schema: 'identity', logger, signingSecrets: stack.signingSecrets, peers: stack.subgraphUrls, intervalMs: 20 });
  // Delivered everywhere, the event leaves the outbox.
  await expect.poll(async () => (await sql('select 1 from identity.outbox_events where id = $1', [event.id])).length, { timeout: 5000 }).toBe(0);
  await resumed();
  expect(await rowsOf(workspaceId)).toEqual({});

  // Delivered again (at least once means maybe twice), it is handled without harm.
  const body = JSON.stringify({ events: [{ id: event.id, topic: 'workspace.deleted', payload: { workspaceId } }] });
  const again = await fetch(new URL(EVENTS_PATH, stack.subgraphUrls.content), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: signPrincipal(ANONYMOUS_PRINCIPAL, 'content', body, stack.signingSecrets) },
    body,
  });
  expect(again.status).toBe(200);
});
