// Delivers a subgraph's outbox events to their targets: signed POSTs of batches to
// EVENTS_PATH, retried with backoff until each target acknowledges. At least once: a crash
// between delivery and acknowledgement means one more delivery, which handlers take
// idempotently. A delivered event is deleted, so the outbox keeps no copy of the data
// it carried. The relay wakes after every committed transaction of its ORM (so events
// leave within milliseconds) and polls besides, for events a crashed process left behind.
import type { Logger } from '../logger.js';
import type { SubgraphOrm } from '../orm.js';
import { postInternal } from '../internal-call.js';
import { EVENTS_PATH, MAX_EVENTS_PER_DELIVERY, type DomainEvent } from '../domain-events.js';
import type { SubgraphName } from '../subgraph-list.js';

export interface OutboxRelayOptions {
  readonly orm: SubgraphOrm;
  /** The schema whose outbox_events table this relay drains. */
  readonly schema: SubgraphName;
  readonly logger: Logger;
  readonly signingSecrets: readonly string[];
  readonly peers: Partial<Record<SubgraphName, string>>;
  /** Poll interval when idle; default 1 s. */
  readonly intervalMs?: number;
}

interface PendingRow {
  id: string;
  topic: DomainEvent['topic'];
  payload: DomainEvent['payload'];
  pending_targets: string[];
}

const MAX_BACKOFF_MS = 10_000;
/**
 * A target that fails for less than this is only noted at debug level: at start, the
 * services come up together and the first deliveries often run before audit listens.
 * Past it, every failed attempt warns, until the target acknowledges again.
 */
const QUIET_FAILURE_MS = 15_000;

export function startOutboxRelay(options: OutboxRelayOptions): () => Promise<void> {
  const table = `"${options.schema}"."outbox_events"`;
  const interval = options.intervalMs ?? 1000;
  const connection = () => options.orm.em.getConnection();
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  /** When each currently failing target began to fail. */
  const failingSince = new Map<string, number>();

  /** One target's share of the rows; true when it acknowledged them. */
  const deliver = async (target: string, rows: PendingRow[]): Promise<boolean> => {
    const url = options.peers[target as SubgraphName];
    try {
      if (!url) throw new Error('no URL configured');
      const events = rows.map((row) => ({ id: row.id, topic: row.topic, payload: row.payload }) as DomainEvent);
      await postInternal(target as SubgraphName, url, EVENTS_PATH, { events }, options.signingSecrets, 10_000);
    } catch (error) {
      await connection().execute(`update ${table} set attempts = attempts + 1 where id = any(?::uuid[])`, [`{${rows.map((row) => row.id).join(',')}}`]);
      const since = failingSince.get(target) ?? performance.now();
      failingSince.set(target, since);
      const level = performance.now() - since < QUIET_FAILURE_MS ? 'debug' : 'warn';
      options.logger[level]('outbox delivery failed; will retry', { schema: options.schema, target, events: rows.length, reason: (error as Error).message });
      return false;
    }
    failingSince.delete(target);
    const ids = `{${rows.map((row) => row.id).join(',')}}`;
    await connection().execute(`update ${table} set pending_targets = array_remove(pending_targets, ?) where id = any(?::uuid[])`, [target, ids]);
    await connection().execute(`delete from ${table} where id = any(?::uuid[]) and cardinality(pending_targets) = 0`, [ids]);
    return true;
  };

  /** Delivers everything pending, oldest first, each target on its own (one that fails holds back no other); false on any failure. */
  const drain = async (): Promise<boolean> => {
    const targets = await connection().execute<{ target: string }[]>(`select distinct unnest(pending_targets) as target from ${table}`);
    let delivered = true;
    for (const { target } of targets) {
      for (;;) {
        if (stopped) return true;
        const rows = await connection().execute<PendingRow[]>(`select id, topic, payload, pending_targets from ${table} where ? = any(pending_targets) order by created_at, id limit ?`, [
          target,
          MAX_EVENTS_PER_DELIVERY,
        ]);
        if (rows.length === 0) break;
        if (!(await deliver(target, rows))) {
          delivered = false;
          break;
        }
        if (rows.length < MAX_EVENTS_PER_DELIVERY) break;
      }
    }
    return delivered;
  };

  const schedule = (delay: number) => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(run, delay);
  };

  /** Runs one drain; a wake-up during it runs another right after. */
  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    again = false;
    running = drain()
      .then(
        (delivered) => {
          failures = delivered ? 0 : failures + 1;
        },
        (error: unknown) => {
          failures += 1;
          options.logger.error('outbox relay failed', { schema: options.schema, error });
        },
      )
      .finally(() => {
        running = undefined;
        if (failures > 0) schedule(Math.min(interval * 2 ** failures, MAX_BACKOFF_MS));
        else if (again) schedule(0);
        else schedule(interval);
      });
  }

  // Every fork shares the ORM's event manager: any commit may have written an event.
  // While a target is failing, wake-ups wait for the backoff instead of hammering it.
  options.orm.em.getEventManager().registerSubscriber({
    afterTransactionCommit: () => {
      if (stopped || failures > 0) return;
      if (running) again = true;
      else schedule(0);
    },
  });
  schedule(0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
