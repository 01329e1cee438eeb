// Audit's ingest of the gateway's request-log batches on a real PostgreSQL: every column
// arrives as sent, whatever characters a value holds (the batch travels as one bound
// array per column), entries of a deleted workspace are dropped, and a batch sent again
// is stored once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUBGRAPH_SETTINGS } from '../../../lib/config.js';
import { newId } from '../../../lib/ids.js';
import { createLogger } from '../../../lib/logger.js';
import { initORM, type SubgraphOrm } from '../../../lib/orm.js';
import type { RequestLogEntry } from '../../../lib/request-log.js';
import { createTestDatabase, selectRows, type TestDatabase } from '../../../test/testkit.js';
import { auditOrm } from '../orm.js';
import { ingestRequestLogs } from './request-log.ingest.js';
import { documentHash } from '../../../lib/trusted-documents.js';

let database: TestDatabase;
let orm: SubgraphOrm;
beforeAll(async () => {
  database = await createTestDatabase();
  orm = await initORM(auditOrm, { databaseUrl: database.url, poolSize: 2 });
});
afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

const ingest = (entries: unknown[], operations?: unknown[]) =>
  ingestRequestLogs({ body: operations ? { entries, operations } : { entries }, orm, settings: DEFAULT_SUBGRAPH_SETTINGS, logger: createLogger('silent') });

function entry(correlationId: string, changes: Partial<RequestLogEntry> = {}): RequestLogEntry {
  return {
    id: newId(),
    correlationId,
    time: new Date().toISOString(),
    credentialKind: 'user_key',
    keyId: newId(),
    userId: newId(),
    workspaceId: newId(),
    operationName: 'Named',
    operationType: 'query',
    rootFields: ['workspace', 'contentTypes'],
    outcome: 'OK',
    httpStatus: 200,
    durationMs: 12.6,
    clientIp: '203.0.113.7',
    userAgent: 'atrium-test/1.0',
    ...changes,
  };
}

const rowsOf = (prefix: string) =>
  selectRows(
    database.url,
    `select id, correlation_id, created_at, credential_kind, key_id, user_id, workspace_id, operation_name, operation_type, root_fields,
            outcome, http_status, duration_ms, client_ip, user_agent
       from audit.request_logs where correlation_id like $1 order by correlation_id`,
    [`${prefix}%`],
  );

it('stores every column as sent, values that an array literal must quote included', async () => {
  const awkward = ['quote " inside', 'back\\slash', 'comma, and {braces}', 'NULL', '', 'ünïcødé ✓', "it's"];
  const entries = [
    ...awkward.map((userAgent, index) => entry(`columns-${index}`, { userAgent, operationName: userAgent === '' ? null : `Op${index}` })),
    entry('columns-nulls', { credentialKind: null, keyId: null, userId: null, workspaceId: null, operationName: null, operationType: null, rootFields: [], clientIp: null, userAgent: null }),
  ];
  expect(await ingest(entries)).toEqual({ stored: entries.length, expired: 0 });

  const rows = await rowsOf('columns-');
  expect(rows.map((row) => row.user_agent)).toEqual([...awkward, null]);
  const first = entries[0];
  expect(rows[0]).toEqual({
    id: first.id,
    correlation_id: 'columns-0',
    created_at: new Date(first.time),
    credential_kind: 'user_key',
    key_id: first.keyId,
    user_id: first.userId,
    workspace_id: first.workspaceId,
    operation_name: 'Op0',
    operation_type: 'query',
    root_fields: ['workspace', 'contentTypes'],
    outcome: 'OK',
    http_status: 200,
    duration_ms: 13,
    client_ip: '203.0.113.7',
    user_agent: 'quote " inside',
  });
  expect(rows.at(-1)).toMatchObject({ credential_kind: null, key_id: null, user_id: null, workspace_id: null, operation_name: null, operation_type: null, root_fields: [], client_ip: null });
});

it('drops the entries of a workspace audit knows is deleted, and stores a batch sent again once', async () => {
  const deleted = newId();
  await orm.em.getConnection().execute('insert into audit.deleted_workspaces (workspace_id, deleted_at) values (?, now())', [deleted]);
  const batch = [entry('deleted-gone', { workspaceId: deleted }), entry('deleted-kept'), entry('deleted-no-workspace', { workspaceId: null })];

  expect(await ingest(batch)).toEqual({ stored: 2, expired: 0 });
  expect(await ingest(batch)).toEqual({ stored: 0, expired: 0 });
  expect((await rowsOf('deleted-')).map((row) => row.correlation_id)).toEqual(['deleted-kept', 'deleted-no-workspace']);
});

it('stores only values of the API enums: an unknown credential kind or operation type is null, an unknown outcome UNKNOWN', async () => {
  const hostile = { credentialKind: 'root', operationType: 'QUERY', outcome: 'OK,DROP TABLE' } as unknown as Partial<RequestLogEntry>;
  await ingest([
    entry('vocabulary-hostile', hostile),
    entry('vocabulary-known', { credentialKind: 'workspace_key', operationType: 'mutation', outcome: 'NOT_FOUND,INSUFFICIENT_SCOPE' }),
    entry('vocabulary-legacy', { outcome: 'HTTP_408' }),
  ]);
  const rows = await rowsOf('vocabulary-');
  expect(rows.map((row) => [row.correlation_id, row.credential_kind, row.operation_type, row.outcome])).toEqual([
    ['vocabulary-hostile', null, null, 'OK,UNKNOWN'],
    ['vocabulary-known', 'workspace_key', 'mutation', 'INSUFFICIENT_SCOPE,NOT_FOUND'],
    ['vocabulary-legacy', 'user_key', 'query', 'HTTP_ERROR'],
  ]);
});

describe('schema usage', () => {
  const hash = documentHash(`query Usage { me { id } } # ${newId()}`);
  const workspaceId = newId();
  const registration = { documentHash: hash, operationName: 'Usage', operationType: 'query', coordinates: ['Query.me', 'Query', 'User.id', 'User', 'ID'] };
  const used = (changes: Partial<RequestLogEntry> = {}) => entry('usage', { workspaceId, documentHash: hash, operationName: 'Usage', clientName: 'web', clientVersion: '1.2.0', ...changes });
  const usageRows = () =>
    selectRows<{ workspace_id: string | null; client_name: string; client_version: string; requests: string; day: Date }>(
      database.url,
      'select workspace_id, client_name, client_version, requests::text, day from audit.schema_usage where document_hash = $1 order by client_name, client_version, workspace_id nulls first',
      [hash],
    );

  it('registers the operation and counts the stored entries per workspace, client, version and day; a batch sent again counts once', async () => {
    const batch = [used(), used(), used({ clientVersion: '1.3.0' }), used({ clientName: 'ios', clientVersion: null }), used({ workspaceId: null, clientName: null, clientVersion: null })];
    expect(await ingest(batch, [registration])).toEqual({ stored: 5, expired: 0 });
    expect(await ingest(batch, [registration])).toEqual({ stored: 0, expired: 0 });
    const day = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
    expect(await usageRows()).toEqual([
      { workspace_id: null, client_name: '', client_version: '', requests: '1', day },
      { workspace_id: workspaceId, client_name: 'ios', client_version: '', requests: '1', day },
      { workspace_id: workspaceId, client_name: 'web', client_version: '1.2.0', requests: '2', day },
      { workspace_id: workspaceId, client_name: 'web', client_version: '1.3.0', requests: '1', day },
    ]);
    const [operation] = await selectRows<{ coordinates: string[]; operation_type: string }>(database.url, 'select coordinates, operation_type from audit.schema_operations where document_hash = $1', [
      hash,
    ]);
    expect(operation).toEqual({ coordinates: ['ID', 'Query', 'Query.me', 'User', 'User.id'], operation_type: 'query' });
    // Counted again in a new batch: added to the same rows.
    await ingest([used(), used({ workspaceId: null, clientName: null, clientVersion: null })]);
    expect((await usageRows()).map((row) => row.requests)).toEqual(['2', '1', '3', '1']);
    const [logged] = await selectRows(database.url, 'select document_hash, client_name, client_version from audit.request_logs where id = $1', [batch[0].id]);
    expect(logged).toEqual({ document_hash: hash, client_name: 'web', client_version: '1.2.0' });
  });

  it('drops malformed registrations and client names, and refuses a batch with too many operations', async () => {
    const other = documentHash(`query Other { me { id } } # ${newId()}`);
    const hostile = [
      { ...registration, documentHash: 'not-a-hash' },
      { ...registration, documentHash: other, coordinates: ['Query.me', 'DROP TABLE x; --'] },
      { ...registration, documentHash: other, operationName: 'bad name' },
      { ...registration, documentHash: other, operationType: 'QUERY' },
      null,
      'text',
    ];
    const odd = used({ id: newId(), documentHash: 'nope', clientName: 'x\u0000y', clientVersion: '1'.repeat(33) });
    expect(await ingest([odd], hostile)).toEqual({ stored: 1, expired: 0 });
    expect(await selectRows(database.url, 'select document_hash, client_name, client_version from audit.request_logs where id = $1', [odd.id])).toEqual([
      { document_hash: null, client_name: null, client_version: null },
    ]);
    expect(await selectRows(database.url, 'select 1 from audit.schema_operations where document_hash = $1', [other])).toEqual([]);
    await expect(ingest([], new Array(201).fill(registration))).rejects.toThrow(/operations must be a list of at most 200/);
  });
});
