// Announces, inside the transaction that makes a change, that some principals changed:
// every gateway LISTENs and drops what it cached for them (delivered on commit only).
import type { SubgraphEntityManager } from '../../lib/orm.js';
import { INVALIDATION_CHANNEL, type PrincipalInvalidation } from '../../lib/principal.js';

export async function announceInvalidation(em: SubgraphEntityManager, message: PrincipalInvalidation): Promise<void> {
  await em.getConnection().execute('select pg_notify(?, ?)', [INVALIDATION_CHANNEL, JSON.stringify(message)], 'all', em.getTransactionContext());
}
