// Receiving events delivered by another subgraph's outbox relay.
import { HttpError } from './http-server.js';
import { isId } from './ids.js';
import type { DomainEvent } from './principal.js';
import type { InternalRequest } from './subgraph-server.js';

export function parseDomainEvent(body: unknown): DomainEvent {
  const event = body as Partial<DomainEvent> | null;
  if (!event || typeof event.id !== 'string' || event.topic !== 'workspace.deleted' || !isId(String(event.payload?.workspaceId))) {
    throw new HttpError(400, 'BAD_REQUEST', 'Malformed event');
  }
  return event as DomainEvent;
}

/**
 * The EVENTS_PATH handler of a subgraph that owns workspace rows: on `workspace.deleted`
 * it deletes the workspace's rows from the given tables (children first) in one
 * transaction. Idempotent: delivered twice, the second run finds nothing to delete.
 */
export function workspaceDeletionHandler(schema: string, tables: readonly string[], options: { remember?: string } = {}) {
  return async ({ body, orm }: InternalRequest): Promise<{ handled: string }> => {
    const event = parseDomainEvent(body);
    await orm.em.fork().transactional(async (em) => {
      if (options.remember) {
        // Remembered so that rows arriving late for the workspace can be refused.
        await em
          .getConnection()
          .execute(`insert into "${schema}"."${options.remember}" (workspace_id, deleted_at) values (?::uuid, now()) on conflict do nothing`, [event.payload.workspaceId], 'all', em.getTransactionContext());
      }
      for (const table of tables) {
        await em.getConnection().execute(`delete from "${schema}"."${table}" where workspace_id = ?::uuid`, [event.payload.workspaceId], 'all', em.getTransactionContext());
      }
    });
    return { handled: event.id };
  };
}
