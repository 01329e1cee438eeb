// Announces that some principals changed, from inside the transaction that changes them,
// two ways: a PostgreSQL NOTIFY (delivered on commit) that every gateway LISTENs to, and,
// for the gateway whose request made the change, the response's extensions (see
// INVALIDATIONS_EXTENSION), applied before that gateway answers: its next request already
// sees the change, however late the NOTIFY arrives.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphEntityManager } from '../../lib/orm.js';
import { INVALIDATIONS_EXTENSION, INVALIDATION_CHANNEL, type PrincipalInvalidation } from '../../lib/principal.js';

/** What the GraphQL request being executed has announced so far. */
const announcedInRequest = new AsyncLocalStorage<PrincipalInvalidation[]>();

export async function announceInvalidation(em: SubgraphEntityManager, message: PrincipalInvalidation): Promise<void> {
  await em.getConnection().execute('select pg_notify(?, ?)', [INVALIDATION_CHANNEL, JSON.stringify(message)], 'all', em.getTransactionContext());
  // Should the transaction still roll back, the gateway drops a cache entry it did not need
  // to: a lookup more, never a stale answer.
  announcedInRequest.getStore()?.push(message);
}

/** Runs one GraphQL request with its own list of announcements. */
export function collectingInvalidations<T>(work: () => Promise<T>): Promise<T> {
  return announcedInRequest.run([], work);
}

/** Puts the request's announcements into its response, for the gateway that sent it. */
export const invalidationsInResponse: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const announced = announcedInRequest.getStore();
        if (!announced?.length || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, [INVALIDATIONS_EXTENSION]: [...announced] };
      },
    };
  },
};
