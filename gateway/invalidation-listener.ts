// Hears identity's announcements (PostgreSQL LISTEN on the invalidation channel) so that
// a revoked key, an ended rotation, a removed member or a changed role take effect on
// the next request at every gateway instance. While the connection is down, the
// resolver caches nothing; it reconnects with backoff.
import pg from 'pg';
import { INVALIDATION_CHANNEL, type PrincipalInvalidation } from '../lib/principal.js';
import type { Logger } from '../lib/logger.js';
import { describeDatabaseUrl } from '../lib/database.js';

export interface InvalidationListenerOptions {
  readonly databaseUrl: string;
  readonly logger: Logger;
  readonly onInvalidation: (message: PrincipalInvalidation) => void;
  /** Called with false when the connection is lost, true when (re)established. */
  readonly onListening: (listening: boolean) => void;
}

export async function startInvalidationListener(options: InvalidationListenerOptions): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retryDelay = 250;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: 5000 });
    next.on('notification', (notification) => {
      if (notification.channel !== INVALIDATION_CHANNEL || !notification.payload) return;
      try {
        options.onInvalidation(JSON.parse(notification.payload) as PrincipalInvalidation);
      } catch {
        options.logger.warn('ignored a malformed invalidation message');
      }
    });
    const lost = () => {
      if (client !== next) return;
      client = undefined;
      options.onListening(false);
      next.end().catch(() => undefined);
      schedule();
    };
    next.on('error', lost);
    next.on('end', lost);
    await next.connect();
    await next.query(`listen ${INVALIDATION_CHANNEL}`);
    client = next;
    retryDelay = 250;
    options.onListening(true);
  };

  const schedule = () => {
    if (stopped) return;
    retryTimer = setTimeout(() => {
      connect().catch((error: unknown) => {
        options.logger.warn('invalidation listener cannot connect', { database: describeDatabaseUrl(options.databaseUrl), reason: (error as Error).message });
        retryDelay = Math.min(retryDelay * 2, 5000);
        schedule();
      });
    }, retryDelay);
  };

  options.onListening(false);
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    const current = client;
    client = undefined;
    await current?.end().catch(() => undefined);
  };
}
