// `npm run serve -- <identity|content|audit|gateway>`: runs one service on its own, as
// docker-compose does. Subgraphs need DATABASE_URL. `npm start` runs each service through
// this script as a child process (scripts/supervisor.ts), and is told when it is ready.
import 'reflect-metadata';
import { loadConfig } from '../lib/config.js';
import { assertDatabaseReachable } from '../lib/database.js';
import { SUBGRAPHS, subgraphPortVariable, type SubgraphName } from '../lib/subgraph-list.js';
import { startSubgraphServer } from '../lib/subgraph-server.js';
import { createServer as createGateway, gatewayConfigFrom } from '../gateway/server.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';
import { runMain, stopOnSignal } from './run-main.js';
import { announceReady, PORT_IN_USE_EXIT_CODE } from './supervisor.js';

const SERVICES = ['gateway', ...SUBGRAPHS.map(({ name }) => name)];

/** A taken port, said the way a newcomer can act on: which service, which port, which variable. */
async function orPortInUse<T>(service: string, host: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    const variable = service === 'gateway' ? 'PORT' : subgraphPortVariable(service as SubgraphName);
    // Its own exit code: a supervisor that picked this port tries another (scripts/supervisor.ts).
    throw Object.assign(
      new Error(`${service} cannot listen on ${host}:${port}: another program uses that port. Stop it, or set ${variable} to a free port (e.g. ${variable}=${port + 100}).`, { cause: error }),
      { exitCode: PORT_IN_USE_EXIT_CODE },
    );
  }
}

await runMain(async () => {
  const service = process.argv[2];
  if (!service || !SERVICES.includes(service)) throw new Error(`usage: npm run serve -- <${SERVICES.join('|')}>`);
  const config = loadConfig();
  if (config.usesDevelopmentSecret) console.error('warning: PRINCIPAL_SIGNING_SECRETS is not set: using the development-only signing secret');
  if (service === 'gateway') {
    const gateway = await orPortInUse(service, config.host, config.gateway.port, () =>
      createGateway(gatewayConfigFrom(config, { subgraphUrls: config.gateway.subgraphUrls, databaseUrl: config.database.url })),
    );
    stopOnSignal(gateway.stop);
    announceReady(gateway.url);
    return;
  }
  const databaseUrl = config.database.url;
  if (!databaseUrl) throw new Error('DATABASE_URL is required to run one subgraph on its own (`npm start` runs the whole stack on the embedded database)');
  await assertDatabaseReachable(databaseUrl);
  const name = service as SubgraphName;
  const server = await orPortInUse(service, config.host, config.subgraphPorts[name], () =>
    startSubgraphServer(SUBGRAPH_DEFINITIONS[name], {
      databaseUrl,
      port: config.subgraphPorts[name],
      host: config.host,
      signingSecrets: config.signingSecrets,
      settings: config.subgraphSettings,
      peers: config.gateway.subgraphUrls,
      logLevel: config.logLevel,
    }),
  );
  stopOnSignal(server.stop);
  announceReady(server.url);
});
