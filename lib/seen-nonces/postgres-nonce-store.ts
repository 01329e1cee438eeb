// The NonceStore of a subgraph: its schema's seen_nonces table, shared by every instance.
// One insert per request ("on conflict do nothing" says whether the nonce is new); rows
// past their expiry are deleted every sweep interval.
import type { Logger } from '../logger.js';
import type { SubgraphOrm } from '../orm.js';
import type { NonceStore } from '../principal-signing.js';
import type { SubgraphName } from '../subgraph-list.js';

export interface PostgresNonceStore extends NonceStore {
  /** Deletes expired rows; returns how many. */
  sweep(): Promise<number>;
  /** Stops the periodic sweep. */
  stop(): void;
}

export function createPostgresNonceStore(orm: SubgraphOrm, schema: SubgraphName, logger: Logger, sweepIntervalMs = 60_000): PostgresNonceStore {
  const table = `"${schema}"."seen_nonces"`;
  const connection = () => orm.em.getConnection();
  const sweep = async () => {
    const deleted = await connection().execute<{ nonce: string }[]>(`delete from ${table} where expires_at < now() returning nonce`);
    return deleted.length;
  };
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => logger.warn('sweeping expired nonces failed; will retry', { reason: (error as Error).message }));
  }, sweepIntervalMs);
  timer.unref();
  return {
    async remember(nonce, expiresAt) {
      const inserted = await connection().execute<{ nonce: string }[]>(`insert into ${table} (nonce, expires_at) values (?, ?) on conflict (nonce) do nothing returning nonce`, [
        nonce,
        new Date(expiresAt),
      ]);
      return inserted.length === 1;
    },
    sweep,
    stop: () => clearInterval(timer),
  };
}
