// Delivers outbox events to their target subgraphs: signed POSTs to EVENTS_PATH, retried
// with backoff until each target acknowledges. At least once: a crash between delivery and
// acknowledgement means one more delivery, which the handlers take idempotently.
import type { Logger } from '../../../lib/logger.js';
import type { SubgraphOrm } from '../../../lib/orm.js';
import { postInternal } from '../../../lib/internal-call.js';
import { EVENTS_PATH, type DomainEvent } from '../../../lib/principal.js';
import type { SubgraphName } from '../../../lib/subgraph-list.js';

export interface OutboxRelayOptions {
  readonly orm: SubgraphOrm;
  readonly logger: Logger;
  readonly signingSecrets: readonly string[];
  readonly peers: Partial<Record<SubgraphName, string>>;
  readonly intervalMs?: number;
}

interface PendingRow {
  id: string;
  topic: DomainEvent['topic'];
  payload: DomainEvent['payload'];
  pending_targets: string[];
}

export function startOutboxRelay(options: OutboxRelayOptions): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const deliver = async (row: PendingRow, target: string): Promise<boolean> => {
    const url = options.peers[target as SubgraphName];
    if (!url) return false;
    const event: DomainEvent = { id: row.id, topic: row.topic, payload: row.payload };
    try {
      await postInternal(url, EVENTS_PATH, event, options.signingSecrets, 10_000);
      return true;
    } catch {
      return false;
    }
  };

  const tick = async (): Promise<void> => {
    const connection = options.orm.em.getConnection();
    const rows = await connection.execute<PendingRow[]>(
      'select id, topic, payload, pending_targets from "identity"."outbox_events" where cardinality(pending_targets) > 0 order by created_at limit 50',
    );
    for (const row of rows) {
      for (const target of row.pending_targets) {
        if (stopped) return;
        if (await deliver(row, target)) {
          await connection.execute('update "identity"."outbox_events" set pending_targets = array_remove(pending_targets, ?) where id = ?', [target, row.id]);
        } else {
          await connection.execute('update "identity"."outbox_events" set attempts = attempts + 1 where id = ?', [row.id]);
          options.logger.warn('outbox delivery failed; will retry', { event: row.id, topic: row.topic, target });
        }
      }
    }
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().then(
        () => schedule(options.intervalMs ?? 1000),
        (error: unknown) => {
          options.logger.error('outbox relay failed', { error });
          schedule(Math.min((options.intervalMs ?? 1000) * 8, 10_000));
        },
      );
    }, delay);
  };
  schedule(0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running.catch(() => undefined);
  };
}
