// Audit's records by id, for `node(id:)`: one query per tick, each record only where the
// caller could list it. Both tables are partitioned by day on created_at, and a lookup by
// id alone would probe every partition: a UUIDv7 tells when it was made, and a record is
// created within moments of its id (the gateway's request log, the change's transaction),
// so the lookup is bounded to a day either side and touches at most three partitions.
import DataLoader from 'dataloader';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { isId, timeOfId } from '../../lib/ids.js';
import type { SubgraphEntityManager } from '../../lib/orm.js';
import type { Principal } from '../../lib/principal.js';
import { AuditEvent } from './audit-events/audit-event.entity.js';
import { RequestLog } from './request-logs/request-log.entity.js';
import { requestLogVisibility } from './request-logs/request-log.visibility.js';

const DAY = 86_400_000;

function createPartitionedByIdLoader<T extends { id: string }>(em: SubgraphEntityManager, entity: EntityName<T>, visibility: FilterQuery<T>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const valid = [...new Set(ids.filter(isId))];
    if (valid.length === 0) return ids.map(() => null);
    const times = valid.map((id) => timeOfId(id).getTime());
    const where = { $and: [visibility, { id: { $in: valid } }, { createdAt: { $gte: new Date(Math.min(...times) - DAY), $lt: new Date(Math.max(...times) + DAY) } }] };
    const rows = await em.find(entity, where as unknown as FilterQuery<T>);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** As `auditEvents` and `User.auditEvents` list them: the current workspace's, and your own changes to your account and in the workspaces your credential may use. */
export function createAuditEventByIdLoader(em: SubgraphEntityManager, principal: Principal): DataLoader<string, AuditEvent | null> {
  const visible: FilterQuery<AuditEvent>[] = [];
  if (principal.workspaceId) visible.push({ workspaceId: principal.workspaceId });
  if (principal.userId) visible.push({ actorUserId: principal.userId, $or: [{ workspaceId: null }, { workspaceId: { $in: [...principal.workspaceIds] } }] });
  return createPartitionedByIdLoader(em, AuditEvent, visible.length > 0 ? { $or: visible } : { id: null });
}

/** As `requestLogs` lists them: the current workspace's; all of them with audit:read, else only your own requests. */
export function createRequestLogByIdLoader(em: SubgraphEntityManager, principal: Principal): DataLoader<string, RequestLog | null> {
  const rule = requestLogVisibility(principal);
  const own: FilterQuery<RequestLog> = !rule.own ? { id: null } : rule.own.by === 'user' ? { userId: rule.own.id } : { keyId: rule.own.id };
  const visibility: FilterQuery<RequestLog> = rule.wholeWorkspace ? { workspaceId: principal.workspaceId ?? null } : { workspaceId: principal.workspaceId ?? null, ...own };
  return createPartitionedByIdLoader(em, RequestLog, principal.workspaceId ? visibility : { id: null });
}
