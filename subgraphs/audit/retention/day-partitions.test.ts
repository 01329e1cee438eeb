// Day partitions on a real PostgreSQL: the migration moves existing request logs into
// them, creating them is idempotent even when two processes race, and retention drops
// exactly the partitions whose whole day is older than the window.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { dropDatabase, ensureDatabaseExists, withDatabase } from '../../../lib/database.js';
import { initORM, migrateSchema, type SubgraphOrm } from '../../../lib/orm.js';
import { auditOrm } from '../orm.js';
import { DAY_MS, dropExpiredPartitions, ensureDayPartitions, listPartitions, partitionDay, partitionName, type SqlConnection } from './day-partitions.js';

interface AuditDatabase {
  readonly url: string;
  readonly orm: SubgraphOrm;
  readonly client: pg.Client;
  readonly drop: () => Promise<void>;
}

/** A new database with the audit schema, not yet migrated. */
async function emptyAuditDatabase(): Promise<AuditDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `atrium_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabaseExists(adminUrl, name);
  const url = withDatabase(adminUrl, name);
  const orm = await initORM(auditOrm, { databaseUrl: url, poolSize: 4 });
  await orm.em.getConnection().execute('create schema if not exists "audit"');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    url,
    orm,
    client,
    drop: async () => {
      await client.end();
      await orm.close();
      await dropDatabase(adminUrl, name);
    },
  };
}

let database: AuditDatabase;
let orm: SubgraphOrm;
let client: pg.Client;
beforeAll(async () => {
  database = await emptyAuditDatabase();
  ({ orm, client } = database);
  await migrateSchema(orm, 'audit');
});
afterAll(async () => {
  await database?.drop();
});

it('names a partition after its UTC day and reads the day back', () => {
  const day = new Date('2026-11-23T23:59:59.999Z');
  expect(partitionName('request_logs', day)).toBe('request_logs_p20261123');
  expect(partitionDay('request_logs', 'request_logs_p20261123')).toEqual(new Date('2026-11-23T00:00:00Z'));
  expect(partitionDay('request_logs', 'request_logs_p2026112')).toBeUndefined();
  expect(partitionDay('request_logs', 'audit_events_p20261123')).toBeUndefined();
});

describe('the migration to day partitions', () => {
  it('keeps every existing row, each in the partition of its day, and leaves no drift', async () => {
    const fresh = await emptyAuditDatabase();
    try {
      await fresh.orm.migrator.up({ to: 'Migration20261122172324' });
      await fresh.client.query(
        `insert into audit.request_logs (id, correlation_id, outcome, http_status, duration_ms, created_at, root_fields)
         values ('01000000-0000-7000-8000-00000000000a', 'before-1', 'OK', 200, 3, '2026-11-20T23:59:59Z', '{}'),
                ('01000000-0000-7000-8000-00000000000b', 'before-2', 'OK', 200, 4, '2026-11-21T00:00:00Z', '{}')`,
      );
      expect(await migrateSchema(fresh.orm, 'audit')).toContain('Migration20261123070000');

      const kind = await fresh.client.query("select relkind from pg_class where oid = 'audit.request_logs'::regclass");
      expect(kind.rows[0].relkind).toBe('p');
      expect(await listPartitions(fresh.orm.em.getConnection(), 'request_logs')).toEqual(['request_logs_p20261120', 'request_logs_p20261121']);
      const rows = await fresh.client.query('select tableoid::regclass::text as partition, correlation_id from audit.request_logs order by correlation_id');
      expect(rows.rows).toEqual([
        { partition: 'audit.request_logs_p20261120', correlation_id: 'before-1' },
        { partition: 'audit.request_logs_p20261121', correlation_id: 'before-2' },
      ]);
      // Partition children are not unknown tables to MikroORM: the entity still matches.
      expect((await fresh.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
    } finally {
      await fresh.drop();
    }
  });
});

/**
 * The connection, with its first statement (the read of existing partitions) reported by
 * `onRead`, and every CREATE held until `mayCreate` resolves: the test decides the order
 * of the race instead of the timing.
 */
function gated(connection: SqlConnection, onRead: () => void, mayCreate: Promise<unknown>): SqlConnection {
  let first = true;
  const execute = async (...args: unknown[]): Promise<unknown> => {
    if (/^\s*create table/i.test(String(args[0]))) await mayCreate;
    const result: unknown = await (connection.execute as (...rest: unknown[]) => Promise<unknown>).apply(connection, args);
    if (first) {
      first = false;
      onRead();
    }
    return result;
  };
  return new Proxy(connection, { get: (target, property, receiver) => (property === 'execute' ? execute : Reflect.get(target, property, receiver)) as unknown });
}

describe('ensureDayPartitions', () => {
  it('creates each missing day once, even when two processes race for the same days', async () => {
    const other = await initORM(auditOrm, { databaseUrl: database.url, poolSize: 4 });
    try {
      const days = [0, 1, 2, 3].map((offset) => new Date(Date.UTC(2026, 11, 1) + offset * DAY_MS));
      const names = days.map((day) => partitionName('request_logs', day));
      const before = await listPartitions(orm.em.getConnection(), 'request_logs');
      expect(
        before.filter((name) => names.includes(name)),
        'days that exist before the test',
      ).toEqual([]);
      // The worst order, every run: both read that no day exists, then one creates them all,
      // then the other tries to (it must find each one taken and claim none).
      let read!: () => void;
      const bothRead = new Promise<void>((resolve) => (read = resolve));
      let reads = 0;
      const onRead = () => (reads += 1) === 2 && read();
      const mineDone = ensureDayPartitions(gated(orm.em.getConnection(), onRead, bothRead), 'request_logs', days);
      const theirsDone = ensureDayPartitions(gated(other.em.getConnection(), onRead, Promise.all([bothRead, mineDone])), 'request_logs', days);
      const [mine, theirs] = await Promise.all([mineDone, theirsDone]);
      // Between them, the two processes report every day, and each day by one of them only.
      expect([...mine, ...theirs].sort()).toEqual(names);
      expect(await ensureDayPartitions(orm.em.getConnection(), 'request_logs', days)).toEqual([]);
      expect(await listPartitions(orm.em.getConnection(), 'request_logs')).toEqual([...before, ...names].sort());
    } finally {
      await other.close();
    }
  });

  it('refuses a table that is not day-partitioned', async () => {
    await expect(ensureDayPartitions(orm.em.getConnection(), 'deleted_workspaces', [new Date()])).rejects.toThrow(/not a day-partitioned table/);
  });
});

describe('dropExpiredPartitions', () => {
  it('drops whole days before the window and keeps the day the window starts in', async () => {
    const connection = orm.em.getConnection();
    const days = ['2026-12-10', '2026-12-11', '2026-12-12'].map((day) => new Date(`${day}T00:00:00Z`));
    await ensureDayPartitions(connection, 'request_logs', days);
    await client.query(
      `insert into audit.request_logs (id, correlation_id, outcome, http_status, duration_ms, created_at, root_fields)
       values ('01000000-0000-7000-8000-0000000000c1', 'dec-11', 'OK', 200, 1, '2026-12-11T12:00:00Z', '{}'),
              ('01000000-0000-7000-8000-0000000000c2', 'dec-12', 'OK', 200, 1, '2026-12-12T12:00:00Z', '{}')`,
    );
    // 30 days before 2027-01-10T06:00Z is 2026-12-11T06:00Z: Dec 11 still holds kept hours.
    const dropped = await dropExpiredPartitions(connection, new Date('2027-01-10T06:00:00Z'), 30);
    expect(dropped).toContain('request_logs_p20261210');
    expect(dropped).not.toContain('request_logs_p20261211');
    const partitions = await listPartitions(connection, 'request_logs');
    expect(partitions).not.toContain('request_logs_p20261210');
    expect(partitions).toEqual(expect.arrayContaining(['request_logs_p20261211', 'request_logs_p20261212']));
    const tables = await client.query("select tablename from pg_tables where schemaname = 'audit' and tablename = 'request_logs_p20261210'");
    expect(tables.rowCount).toBe(0);
    const kept = await client.query("select correlation_id from audit.request_logs where correlation_id like 'dec-%' order by 1");
    expect(kept.rows.map((row) => row.correlation_id)).toEqual(['dec-11', 'dec-12']);
    expect(await dropExpiredPartitions(connection, new Date('2027-01-10T06:00:00Z'), 30)).toEqual([]);
  });
});
