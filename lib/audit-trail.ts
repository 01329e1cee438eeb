// The audit trail's writing side: a mutation records what it changed as an outbox event
// in its own transaction (the event is persisted by the same flush as the change, or not
// at all), and the outbox relay delivers it to audit. Values of sensitive fields never
// enter an event: only that they changed.
import { auditAction, type AuditTargetType, type AuditVerb } from './audit-vocabulary.js';
import { currentCorrelationId } from './correlation.js';
import { EVENT_TARGETS, type AuditChange, type AuditEventPayload } from './domain-events.js';
import { newId } from './ids.js';
import { NODE_TYPE_TAGS } from './node-types.js';
import type { SubgraphEntityManager } from './orm.js';
import { OutboxEvent } from './outbox/outbox-event.entity.js';
import type { Principal } from './principal.js';

interface AuditEventFields<T extends AuditTargetType> {
  /** The type of the changed record, as the API names it: `ApiKey`, `Member`, `Item`. */
  readonly targetType: T;
  /** What happened to it, in camelCase: `created`, `roleChanged`; the action is `apiKey.created`. */
  readonly verb: AuditVerb<T>;
  readonly targetId: string;
  /** Defaults (when undefined) to the principal's workspace, or none; null says none. */
  readonly workspaceId?: string | null;
  readonly changes?: readonly AuditChange[];
  /** The acting user when the principal has none yet (register, sign-in). */
  readonly actorUserId?: string;
}

/** One event: a target type with one of its verbs (lib/audit-vocabulary.ts); any other pair does not compile. */
export type AuditEventInput = { [T in AuditTargetType]: AuditEventFields<T> }[AuditTargetType];

/** The longest text kept of one value in a change summary. */
const MAX_VALUE_LENGTH = 500;

function summarized(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && value.length > MAX_VALUE_LENGTH) return `${value.slice(0, MAX_VALUE_LENGTH)}…`;
  if (Array.isArray(value)) return value.map(summarized);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, summarized(inner)]));
  return value ?? null;
}

/**
 * The fields whose values differ between two snapshots (a create has no `before`, a
 * delete no `after`), with old and new values except for the `sensitive` ones.
 */
export function changedFields(before: Readonly<Record<string, unknown>> | null, after: Readonly<Record<string, unknown>> | null, sensitive: readonly string[] = []): AuditChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const old = summarized(before?.[field]);
    const next = summarized(after?.[field]);
    if (before && after && JSON.stringify(old) === JSON.stringify(next)) continue;
    if (sensitive.includes(field)) changes.push({ field });
    else changes.push({ field, ...(before ? { old } : {}), ...(after ? { new: next } : {}) });
  }
  return changes;
}

/** Adds the change's audit event to `em`: it is written by the flush that writes the change. */
export function recordAuditEvent(em: SubgraphEntityManager, principal: Principal, event: AuditEventInput): void {
  const createdAt = new Date();
  const payload: AuditEventPayload = {
    workspaceId: event.workspaceId === undefined ? (principal.workspaceId ?? null) : event.workspaceId,
    actorUserId: principal.userId ?? event.actorUserId ?? null,
    actorKeyId: principal.keyId ?? null,
    credentialKind: principal.kind === 'anonymous' ? null : principal.kind,
    action: auditAction(event.targetType, event.verb as never),
    targetType: event.targetType,
    targetId: event.targetId,
    changes: event.changes ?? [],
    correlationId: currentCorrelationId() ?? null,
    time: createdAt.toISOString(),
  };
  // The event's id becomes the AuditEvent's: tagged so that node(id) finds it.
  em.create(OutboxEvent, {
    id: newId(NODE_TYPE_TAGS.AuditEvent),
    topic: 'audit.recorded',
    payload: payload as unknown as Record<string, unknown>,
    pendingTargets: [...EVENT_TARGETS['audit.recorded']],
    createdAt,
  });
}
