// Audit events of the request's workspace, and a user's own trail across the workspaces
// their credential may use, newest first within a checked time range.
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Connection, PageArgs } from '../../../lib/connection.js';
import { newestFirstOrder, pageQuery } from '../../../lib/paging.js';
import { requireWorkspace } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import type { Principal } from '../../../lib/principal.js';
import { timeWindow } from '../time-window.js';
import { AuditEvent } from './audit-event.entity.js';
import { storedAuditActions, type AuditAction } from '../../../lib/audit-vocabulary.js';
import type { AuditEventFilter } from './audit-event.input.js';

/** `auditEvents` and `User.auditEvents`: newest first, each list with its own cursors. */
const WORKSPACE_EVENT_ORDER = newestFirstOrder<AuditEvent>('auditEvents');
const USER_EVENT_ORDER = newestFirstOrder<AuditEvent>('User.auditEvents');

export class AuditEventService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
    private readonly retentionDays: number,
  ) {}

  private where(scope: Record<string, unknown>, filter: AuditEventFilter | undefined, now: Date): Record<string, unknown> {
    const { from, to } = timeWindow(filter, now, this.retentionDays, 'audit events');
    const conditions: Record<string, unknown>[] = [scope, { createdAt: { $gte: from, $lt: to } }];
    if (filter?.actorId) {
      const actorId = isId(filter.actorId) ? filter.actorId : null;
      conditions.push({ $or: [{ actorUserId: actorId }, { actorKeyId: actorId }] });
    }
    if (filter?.action) conditions.push({ action: { $in: storedAuditActions(filter.action as AuditAction) } });
    if (filter?.targetType) conditions.push({ targetType: filter.targetType });
    if (filter?.targetId) conditions.push({ targetId: filter.targetId });
    return { $and: conditions };
  }

  /** Every change in the current workspace. */
  inWorkspace(filter: AuditEventFilter | undefined, page: PageArgs, now = new Date()): Promise<Connection<AuditEvent>> {
    const workspaceId = requireWorkspace(this.principal.workspaceId);
    return pageQuery(this.em, { entity: AuditEvent, where: this.where({ workspaceId }, filter, now), order: WORKSPACE_EVENT_ORDER, page });
  }

  /**
   * What the calling user did: changes to their account, and changes in the workspaces
   * their credential may use now (a key authorized for one workspace sees that one only).
   */
  ofUser(userId: string, filter: AuditEventFilter | undefined, page: PageArgs, now = new Date()): Promise<Connection<AuditEvent>> {
    const scope = { actorUserId: userId, $or: [{ workspaceId: null }, { workspaceId: { $in: [...this.principal.workspaceIds] } }] };
    return pageQuery(this.em, { entity: AuditEvent, where: this.where(scope, filter, now), order: USER_EVENT_ORDER, page });
  }
}
