// Changing one setting of the current workspace (its trusted-documents mode, its
// rate-limit budget): the workspace's row, an audit event and the invalidation of every
// cached principal of the workspace, in one transaction, so that every gateway applies the
// setting from the next request. One place for what each setting's mutation shares.
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import { notFound, requireWorkspace } from '../../../lib/errors.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';
import { announceInvalidation } from '../invalidation.js';
import { Workspace } from './workspace.entity.js';

/** The settings principals carry (principal-lookup.ts), hence the invalidation. */
export type WorkspaceSetting = 'trustedDocumentsOnly' | 'rateLimit';

export async function changeWorkspaceSetting<K extends WorkspaceSetting>(em: SubgraphEntityManager, principal: Principal, setting: K, value: Workspace[K]): Promise<Workspace> {
  const workspaceId = requireWorkspace(principal.workspaceId);
  const workspace = await em.findOne(Workspace, { id: workspaceId });
  if (!workspace) throw notFound('Workspace');
  if (workspace[setting] === value) return workspace;
  await em.transactional(async (transaction) => {
    const before = workspace[setting];
    workspace[setting] = value;
    recordAuditEvent(transaction, principal, { targetType: 'Workspace', verb: 'updated', targetId: workspaceId, workspaceId, changes: changedFields({ [setting]: before }, { [setting]: value }) });
    await transaction.flush();
    await announceInvalidation(transaction, { workspaceIds: [workspaceId] });
  });
  return workspace;
}
