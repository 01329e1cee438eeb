// Identity's counts for a workspace: one statement whatever the number of counters.
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { WorkspaceDeletionPreview, WorkspaceStatistics } from './workspace-statistics.js';

export async function countWorkspace(em: SubgraphEntityManager, workspaceId: string): Promise<WorkspaceStatistics & WorkspaceDeletionPreview> {
  const [row] = await em.getConnection().execute<{ members: string; roles: string; groups: string; keys: string; live_keys: string }[]>(
    `select
       (select count(*) from "identity"."members" where workspace_id = ?::uuid) as members,
       (select count(*) from "identity"."roles" where workspace_id = ?::uuid) as roles,
       (select count(*) from "identity"."member_groups" where workspace_id = ?::uuid) as groups,
       (select count(*) from "identity"."api_keys" where workspace_id = ?::uuid or ?::text = any(workspace_ids)) as keys,
       (select count(*) from "identity"."api_keys" where (workspace_id = ?::uuid or ?::text = any(workspace_ids))
          and (revoked_at is null or revoked_at > now()) and (expires_at is null or expires_at > now())) as live_keys`,
    [workspaceId, workspaceId, workspaceId, workspaceId, workspaceId, workspaceId, workspaceId],
  );
  return {
    workspaceId,
    members: Number(row!.members),
    roles: Number(row!.roles),
    memberGroups: Number(row!.groups),
    apiKeys: Number(row!.live_keys),
  } as WorkspaceStatistics & WorkspaceDeletionPreview;
}

export async function countKeysForDeletion(em: SubgraphEntityManager, workspaceId: string): Promise<number> {
  const [row] = await em.getConnection().execute<{ count: string }[]>(
    'select count(*) as count from "identity"."api_keys" where workspace_id = ?::uuid or ?::text = any(workspace_ids)',
    [workspaceId, workspaceId],
  );
  return Number(row!.count);
}
