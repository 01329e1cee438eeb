// One peer gateway of `npm run bench:gateway` as its own process, so that its CPU can be read
// from /proc: `node --import tsx scripts/bench-peers/serve.ts <apollo|hive|hive-dedup>`,
// options in BENCH_PEER_OPTIONS (JSON, see peer-options.ts). It tells the process that
// started it where it listens (announceReady), as `npm run serve` does.
import { runMain, stopOnSignal } from '../run-main.js';
import { announceReady } from '../supervisor.js';
import { startApolloGateway } from './apollo-gateway.js';
import { startHiveGateway } from './hive-gateway.js';
import { PEER_OPTIONS_VARIABLE, type PeerOptions } from './peer-options.js';

const PEERS = {
  apollo: (options: PeerOptions) => startApolloGateway(options),
  hive: (options: PeerOptions) => startHiveGateway({ ...options, deduplicate: false }),
  'hive-dedup': (options: PeerOptions) => startHiveGateway({ ...options, deduplicate: true }),
};

await runMain(async () => {
  const peer = process.argv[2] as keyof typeof PEERS;
  if (!(peer in PEERS)) throw new Error(`usage: serve.ts <${Object.keys(PEERS).join('|')}>`);
  const options = JSON.parse(process.env[PEER_OPTIONS_VARIABLE] ?? 'null') as PeerOptions | null;
  if (!options) throw new Error(`${PEER_OPTIONS_VARIABLE} is not set`);
  const server = await PEERS[peer](options);
  stopOnSignal(server.stop);
  announceReady(server.url);
});
