// Reads of memberships with their role permissions: what access decisions are made of.
import type { SubgraphEntityManager } from '../../../lib/orm.js';

export interface Membership {
  readonly workspaceId: string;
  readonly roleId: string;
  readonly roleKey: string;
  readonly permissions: string[];
}

/** Every workspace the user belongs to, with the role's permissions there: one statement. */
export async function membershipsOf(em: SubgraphEntityManager, userId: string): Promise<Membership[]> {
  const rows = await em.getConnection().execute<{ workspace_id: string; role_id: string; key: string; permissions: string[] }[]>(
    `select m.workspace_id, m.role_id, r.key, r.permissions
       from "identity"."members" m
       join "identity"."roles" r on r.workspace_id = m.workspace_id and r.id = m.role_id
      where m.user_id = ?`,
    [userId],
    'all',
    em.getTransactionContext(),
  );
  return rows.map((row) => ({ workspaceId: row.workspace_id, roleId: row.role_id, roleKey: row.key, permissions: row.permissions }));
}
