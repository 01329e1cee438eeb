// Audit's handler for `audit.recorded` events from the identity and content outboxes.
// Idempotent: an event delivered again (at least once means maybe twice) keeps its id and
// time, and `on conflict do nothing` stores it once. Events of a workspace deleted
// meanwhile, and events older than retention, are dropped. The partitions of the events'
// days exist already (see server.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import { currentAuditAction } from '../../../lib/audit-vocabulary.js';
import type { AuditRecordedEvent } from '../../../lib/domain-events.js';

const COLUMNS: [string, string][] = [
  ['id', 'uuid'],
  ['created_at', 'timestamptz'],
  ['workspace_id', 'uuid'],
  ['actor_user_id', 'uuid'],
  ['actor_key_id', 'uuid'],
  ['credential_kind', 'text'],
  ['action', 'text'],
  ['target_type', 'text'],
  ['target_id', 'text'],
  ['changes', 'jsonb'],
  ['correlation_id', 'text'],
];
const NAMES = COLUMNS.map(([name]) => name).join(', ');

/** The days of a delivery's audit events (their partitions must exist before it is stored). */
export function auditEventDays(body: unknown): Date[] {
  const events = (body as { events?: unknown } | null)?.events;
  return (Array.isArray(events) ? (events as { topic?: unknown; payload?: { time?: unknown } }[]) : [])
    .filter((event) => event?.topic === 'audit.recorded')
    .map((event) => new Date(String(event.payload?.time)))
    .filter((day) => !Number.isNaN(day.getTime()));
}

/** Stores `audit.recorded` events from `oldest` on (older ones are past retention: dropped). */
export function auditEventIngest(oldest: Date) {
  return async (events: AuditRecordedEvent[], em: EntityManager): Promise<void> => {
    const kept = events.filter((event) => new Date(event.payload.time) >= oldest);
    if (kept.length === 0) return;
    const rows = kept.map(({ id, payload }) => [
      id,
      payload.time,
      payload.workspaceId,
      payload.actorUserId,
      payload.actorKeyId,
      payload.credentialKind,
      currentAuditAction(payload.action),
      payload.targetType,
      payload.targetId,
      JSON.stringify(payload.changes),
      payload.correlationId,
    ]);
    const placeholders = rows.map(() => `(${COLUMNS.map(([, type]) => `?::${type}`).join(', ')})`).join(', ');
    await em.getConnection().execute(
      `insert into "audit"."audit_events" (${NAMES})
       select * from (values ${placeholders}) as event (${NAMES})
        where event.workspace_id is null or not exists (select 1 from "audit"."deleted_workspaces" d where d.workspace_id = event.workspace_id)
       on conflict do nothing`,
      rows.flat(),
      'all',
      em.getTransactionContext(),
    );
  };
}
