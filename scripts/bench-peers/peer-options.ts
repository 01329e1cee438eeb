// What every peer gateway of `npm run bench:gateway` is started with: the same subgraphs, the
// same signing secret and one fixed principal (the bench key's, looked up once from
// identity), so that a peer does only what a stock gateway does plus principal signing.
import type { Principal } from '../../lib/principal.js';
import type { SubgraphName } from '../../lib/subgraph-list.js';

export interface PeerOptions {
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  readonly signingSecrets: readonly string[];
  /** Signed on every subgraph call, whoever calls: a peer has no authentication of its own. */
  readonly principal: Principal;
  readonly port: number;
}

/** The environment variable a peer process reads its options from (JSON). */
export const PEER_OPTIONS_VARIABLE = 'BENCH_PEER_OPTIONS';
