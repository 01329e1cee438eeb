// Durable events between subgraphs: what an outbox relay delivers (in batches, at least
// once) and how a receiving subgraph takes them (each topic's handler, idempotently, all
// of a batch in one transaction).
import type { EntityManager } from '@mikro-orm/postgresql';
import { HttpError } from './http-server.js';
import { isId } from './ids.js';
import type { SubgraphName } from './subgraph-list.js';
import type { InternalRequest } from './subgraph-server.js';
import { currentAuditAction, isAuditAction, isAuditTargetType, type AuditAction, type AuditTargetType } from './audit-vocabulary.js';
import type { CredentialKind } from './principal.js';

/** Subgraphs' internal endpoint for durable events (the outbox relay posts here, signed). Body: `{ events: DomainEvent[] }`. */
export const EVENTS_PATH = '/internal/events';

/** The most events one delivery carries. */
export const MAX_EVENTS_PER_DELIVERY = 200;

export interface WorkspaceDeletedEvent {
  readonly id: string;
  readonly topic: 'workspace.deleted';
  readonly payload: { readonly workspaceId: string };
}

/** One change's entry in the audit trail (see lib/audit-trail.ts), delivered to audit. */
export interface AuditRecordedEvent {
  readonly id: string;
  readonly topic: 'audit.recorded';
  readonly payload: AuditEventPayload;
}

export type DomainEvent = WorkspaceDeletedEvent | AuditRecordedEvent;
export type DomainEventTopic = DomainEvent['topic'];

/** Which subgraphs receive each topic. */
export const EVENT_TARGETS: Record<DomainEventTopic, readonly SubgraphName[]> = {
  'workspace.deleted': ['content', 'audit'],
  'audit.recorded': ['audit'],
};

/** What changed in one field: its key, and old and new values unless the field is sensitive. */
export interface AuditChange {
  readonly field: string;
  readonly old?: unknown;
  readonly new?: unknown;
}

export interface AuditEventPayload {
  /** The workspace the change belongs to; null for a user's own account, sessions and user keys used outside one. */
  readonly workspaceId: string | null;
  readonly actorUserId: string | null;
  readonly actorKeyId: string | null;
  /** `user_key`, `workspace_key`, `session` or `jwt`; null when nobody was signed in (register, sign-in). */
  readonly credentialKind: CredentialKind | null;
  /** `<targetType in camelCase>.<verb>`, e.g. `apiKey.created`, `member.roleChanged`, `item.updated`. */
  readonly action: AuditAction;
  readonly targetType: AuditTargetType;
  readonly targetId: string;
  readonly changes: readonly AuditChange[];
  readonly correlationId: string | null;
  /** ISO time of the change (its transaction). */
  readonly time: string;
}

function validEvent(value: unknown): value is DomainEvent {
  const event = value as Partial<DomainEvent> | null;
  if (!event || typeof event.id !== 'string' || !isId(event.id) || typeof event.payload !== 'object' || event.payload === null) return false;
  if (event.topic === 'workspace.deleted') return isId(String(event.payload.workspaceId));
  if (event.topic === 'audit.recorded') {
    const payload = event.payload;
    return (
      typeof payload.action === 'string' &&
      isAuditAction(currentAuditAction(payload.action)) &&
      isAuditTargetType(payload.targetType) &&
      typeof payload.targetId === 'string' &&
      Array.isArray(payload.changes) &&
      !Number.isNaN(Date.parse(String(payload.time))) &&
      (payload.workspaceId === null || isId(String(payload.workspaceId)))
    );
  }
  return false;
}

export type EventHandlers = {
  readonly [Topic in DomainEventTopic]?: (events: Extract<DomainEvent, { topic: Topic }>[], em: EntityManager) => Promise<void>;
};

/** Consecutive events of the same topic, in delivery order. */
function runsByTopic(events: readonly DomainEvent[]): DomainEvent[][] {
  const runs: DomainEvent[][] = [];
  for (const event of events) {
    const last = runs.at(-1);
    if (last && last[0].topic === event.topic) last.push(event);
    else runs.push([event]);
  }
  return runs;
}

/**
 * The EVENTS_PATH handler of a subgraph: the batch's events, in order, each topic by its
 * handler, all in one transaction (a failure means the relay delivers the batch again,
 * which idempotent handlers take). A malformed batch is refused whole; an event of a
 * topic this subgraph has no handler for is a misrouted delivery and is refused too.
 */
export function eventsRoute(handlers: EventHandlers) {
  return async ({ body, orm }: InternalRequest): Promise<{ handled: number }> => {
    const events = (body as { events?: unknown } | null)?.events;
    if (!Array.isArray(events) || events.length === 0 || events.length > MAX_EVENTS_PER_DELIVERY || !events.every(validEvent)) {
      throw new HttpError(400, 'BAD_REQUEST', `Malformed events: a list of 1 to ${MAX_EVENTS_PER_DELIVERY} well-formed events is expected`);
    }
    const unhandled = events.find((event) => !handlers[event.topic]);
    if (unhandled) throw new HttpError(400, 'BAD_REQUEST', `No handler here for ${unhandled.topic}`);
    await orm.em.fork().transactional(async (em) => {
      for (const run of runsByTopic(events)) await (handlers[run[0].topic] as (events: DomainEvent[], em: EntityManager) => Promise<void>)(run, em);
    });
    return { handled: events.length };
  };
}

/**
 * The `workspace.deleted` handler of a subgraph that owns workspace rows: deletes them
 * from the given tables (children first). Idempotent: a second delivery finds nothing.
 * `remember` names a table that keeps the workspace id, so rows arriving late for it can
 * be refused.
 */
export function workspaceDeletionHandler(schema: SubgraphName, tables: readonly string[], options: { remember?: string } = {}) {
  return async (events: WorkspaceDeletedEvent[], em: EntityManager): Promise<void> => {
    const connection = em.getConnection();
    // MikroORM types the transaction `any`; it is only handed back to execute().
    const context: unknown = em.getTransactionContext();
    for (const event of events) {
      const { workspaceId } = event.payload;
      if (options.remember) {
        await connection.execute(`insert into "${schema}"."${options.remember}" (workspace_id, deleted_at) values (?::uuid, now()) on conflict do nothing`, [workspaceId], 'all', context);
      }
      for (const table of tables) {
        await connection.execute(`delete from "${schema}"."${table}" where workspace_id = ?::uuid`, [workspaceId], 'all', context);
      }
    }
  };
}
