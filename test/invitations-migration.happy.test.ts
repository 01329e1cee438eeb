// The migration that gave invitations their own table: pending members of before (no user,
// an invited email) become PENDING invitations that no token opens (an admin revokes and
// invites again), joined members stay, and members.user_id is required from then on.
import { randomUUID } from 'node:crypto';
import { afterAll, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabaseExists, withDatabase } from '../lib/database.js';
import { migrateAll } from '../lib/database-runtime.js';
import { identityOrm } from '../subgraphs/identity/orm.js';
import { selectRows } from './testkit.js';

const MIGRATION = 'Migration20261201110942';
const name = `atrium_test_migration_${randomUUID().slice(0, 8)}`;
const adminUrl = inject('postgresAdminUrl');
const url = withDatabase(adminUrl, name);

afterAll(async () => {
  await dropDatabase(adminUrl, name);
});

it('moves pending members into pending invitations and makes members.user_id required', async () => {
  await ensureDatabaseExists(adminUrl, name);
  const index = identityOrm.migrations.findIndex((migration) => migration.name === MIGRATION);
  expect(index).toBeGreaterThan(0);
  await migrateAll(url, [{ ...identityOrm, migrations: identityOrm.migrations.slice(0, index) }]);

  const [workspaceId, roleId, userId, joinedId, pendingId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const created = new Date('2026-11-20T10:00:00Z');
  await selectRows(url, `insert into identity.workspaces (id, name, created_at) values ($1, 'Old', now())`, [workspaceId]);
  await selectRows(url, `insert into identity.roles (workspace_id, id, key, name, built_in, permissions, created_at) values ($1, $2, 'viewer', 'Viewer', true, '{workspaces:read}', now())`, [
    workspaceId,
    roleId,
  ]);
  await selectRows(url, `insert into identity.users (id, email, name, password_hash, created_at) values ($1, 'joined@example.com', 'Joined', 'x', now())`, [userId]);
  await selectRows(url, 'insert into identity.members (workspace_id, id, user_id, role_id, created_at) values ($1, $2, $3, $4, now())', [workspaceId, joinedId, userId, roleId]);
  await selectRows(url, `insert into identity.members (workspace_id, id, user_id, invited_email, role_id, created_at) values ($1, $2, null, 'Later@Example.com', $3, $4)`, [
    workspaceId,
    pendingId,
    roleId,
    created,
  ]);

  await migrateAll(url, [identityOrm]);

  expect(await selectRows(url, 'select id, user_id from identity.members order by id')).toEqual([{ id: joinedId, user_id: userId }]);
  const [invitation, ...others] = await selectRows(url, 'select * from identity.invitations');
  expect(others).toEqual([]);
  expect(invitation).toMatchObject({
    workspace_id: workspaceId,
    id: pendingId,
    email: 'later@example.com',
    role_id: roleId,
    created_at: created,
    accepted_at: null,
    revoked_at: null,
    invited_by_user_id: null,
  });
  expect(invitation.token_hash).toMatch(/^[0-9a-f]{64}$/);
  expect((invitation.expires_at as Date).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3_600_000);
  const [column] = await selectRows(url, "select is_nullable from information_schema.columns where table_schema = 'identity' and table_name = 'members' and column_name = 'user_id'");
  expect(column).toEqual({ is_nullable: 'NO' });
});
