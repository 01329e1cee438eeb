// Identity's counts for a workspace: one statement whatever the number of counters.
import type { SubgraphEntityManager } from '../../../lib/orm.js';

export interface IdentityCounts {
  readonly members: number;
  /** Invitations, whatever their state. */
  readonly invitations: number;
  readonly roles: number;
  readonly memberGroups: number;
  /** Keys bound to or authorized for the workspace, whatever their state (what deletion removes). */
  readonly apiKeys: number;
  /** Of those, the keys that work now (what statistics show). */
  readonly liveApiKeys: number;
}

export async function countWorkspace(em: SubgraphEntityManager, workspaceId: string): Promise<IdentityCounts> {
  const [row] = await em.getConnection().execute<{ members: string; invitations: string; roles: string; groups: string; keys: string; live_keys: string }[]>(
    `select
       (select count(*) from "identity"."members" where workspace_id = ?::uuid) as members,
       (select count(*) from "identity"."invitations" where workspace_id = ?::uuid) as invitations,
       (select count(*) from "identity"."roles" where workspace_id = ?::uuid) as roles,
       (select count(*) from "identity"."member_groups" where workspace_id = ?::uuid) as groups,
       (select count(*) from "identity"."api_keys" where workspace_id = ?::uuid or ?::text = any(workspace_ids)) as keys,
       (select count(*) from "identity"."api_keys" where (workspace_id = ?::uuid or ?::text = any(workspace_ids))
          and (revoked_at is null or revoked_at > now()) and (expires_at is null or expires_at > now())) as live_keys`,
    [workspaceId, workspaceId, workspaceId, workspaceId, workspaceId, workspaceId, workspaceId, workspaceId],
  );
  return {
    members: Number(row.members),
    invitations: Number(row.invitations),
    roles: Number(row.roles),
    memberGroups: Number(row.groups),
    apiKeys: Number(row.keys),
    liveApiKeys: Number(row.live_keys),
  };
}
