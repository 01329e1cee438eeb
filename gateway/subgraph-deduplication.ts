// In-flight deduplication of subgraph fetches: a fetch identical to one already on its way
// (same subgraph, same principal, same body) waits for that one's answer instead of being
// sent again. Under a burst of identical queries (a dashboard open in many tabs, a client
// retrying, a CI job polling) the subgraphs then do the work once.
//
// Hive Gateway does this by default keyed on URL and body alone, which here would hand one
// workspace's answer to another: the principal (user, key, workspace, scopes, client
// address) decides what a subgraph answers, so it is part of the key, and only callers with
// the very same principal share an answer. Only fetches of query operations are shared;
// each waiter parses the shared answer's text itself, so no two requests hold the same objects.
//
// Read-your-writes: a query that starts after a mutation answered must see it. Every fetch
// of a mutation operation, when it starts and when it ends, makes every fetch then in
// flight unjoinable, so a fetch never joins one that was sent before a mutation through
// this gateway answered. (Across gateways, a fetch may join one sent up to one
// subgraph round trip before another gateway's mutation answered, as with any replica.)
//
// Written here: the packages that coalesce promises (p-memoize's in-flight cache,
// DataLoader) share one caller's cancellation with every waiter. Here a waiter whose client
// hangs up leaves on its own; the fetch is cancelled only when nobody waits for it any more.
import type { SubgraphAnswer, SubgraphCallLimits } from './subgraph-client.js';

interface Inflight {
  readonly controller: AbortController;
  readonly answer: Promise<SubgraphAnswer>;
  waiters: number;
}

export interface FetchDeduplication {
  /** The answer of `call` for this key: the one in flight for it, or a new one. */
  share(key: string, limits: SubgraphCallLimits, call: (limits: SubgraphCallLimits) => Promise<SubgraphAnswer>): Promise<SubgraphAnswer>;
  /** A fetch of a mutation starts or ends: nothing in flight now is shared from now on. */
  closeEpoch(): void;
  /** Fetches in flight that can still be joined (for tests and metrics). */
  readonly size: number;
}

export function createFetchDeduplication(): FetchDeduplication {
  const inflight = new Map<string, Inflight>();

  const wait = (key: string, entry: Inflight, signal: AbortSignal | undefined): Promise<SubgraphAnswer> => {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    entry.waiters += 1;
    if (!signal) return entry.answer;
    return new Promise<SubgraphAnswer>((resolve, reject) => {
      const onAbort = () => {
        reject(signal.reason as Error);
        entry.waiters -= 1;
        if (entry.waiters > 0) return;
        // Nobody waits any more: nobody may join it either, and the call stops.
        if (inflight.get(key) === entry) inflight.delete(key);
        entry.controller.abort(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.answer.then(
        (answer) => {
          signal.removeEventListener('abort', onAbort);
          resolve(answer);
        },
        (error: Error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  };

  return {
    share: (key, limits, call) => {
      if (limits.signal?.aborted) return Promise.reject(limits.signal.reason as Error);
      const running = inflight.get(key);
      if (running) return wait(key, running, limits.signal);
      const controller = new AbortController();
      const answer = call({ timeoutMs: limits.timeoutMs, signal: controller.signal });
      const entry: Inflight = { controller, answer, waiters: 0 };
      inflight.set(key, entry);
      const forget = () => {
        if (inflight.get(key) === entry) inflight.delete(key);
      };
      // Settled either way: later fetches go out again (a failure is never shared with them).
      answer.then(forget, forget);
      return wait(key, entry, limits.signal);
    },
    closeEpoch: () => {
      // The fetches go on for those who wait; they just cannot be joined.
      inflight.clear();
    },
    get size() {
      return inflight.size;
    },
  };
}
