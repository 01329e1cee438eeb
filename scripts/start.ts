// `npm start`: the whole stack in one process. Starts (or connects to) PostgreSQL,
// applies migrations, seeds a demo workspace into an empty database, starts the three
// subgraphs and the gateway, and prints where they are. Ctrl-C stops everything.
import 'reflect-metadata';
import { loadConfig } from '../lib/config.js';
import { describeDatabaseUrl } from '../lib/database.js';
import { migrateAll, openDatabase } from '../lib/database-runtime.js';
import type { RunningServer } from '../lib/http-server.js';
import { createLogger } from '../lib/logger.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import { startSubgraphServer } from '../lib/subgraph-server.js';
import { createServer as createGateway, gatewayConfigFrom } from '../gateway/server.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemoWhenEmpty } from './demo-seed.js';
import { runMain, stopOnSignal } from './run-main.js';

await runMain(async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (config.usesDevelopmentSecret) logger.warn('PRINCIPAL_SIGNING_SECRETS is not set: using the development-only signing secret');
  const database = await openDatabase(config, logger);
  const running: RunningServer[] = [];
  const stopAll = async () => {
    for (const server of running.reverse()) await server.stop();
    await database.stop();
  };
  stopOnSignal(stopAll);
  try {
    const applied = await migrateAll(database.databaseUrl, SUBGRAPHS.map(({ name }) => SUBGRAPH_DEFINITIONS[name].orm));
    for (const [schema, names] of Object.entries(applied)) if (names.length > 0) logger.info('migrations applied', { schema, names });
    const demo = await seedDemoWhenEmpty(database.databaseUrl);
    if (demo.created) logger.info('seeded a demo workspace', { workspaceId: demo.workspaceId });

    const subgraphUrls = {} as Record<SubgraphName, string>;
    for (const { name } of SUBGRAPHS) {
      const server = await startSubgraphServer(SUBGRAPH_DEFINITIONS[name], {
        databaseUrl: database.databaseUrl,
        port: config.subgraphPorts[name],
        host: config.host,
        signingSecrets: config.signingSecrets,
        settings: config.subgraphSettings,
        // Filled in as the subgraphs start; the outbox relay reads it when it delivers.
        peers: subgraphUrls,
        logger,
      });
      running.push(server);
      subgraphUrls[name] = server.url;
    }
    const gateway = await createGateway(gatewayConfigFrom(config, { subgraphUrls, databaseUrl: database.databaseUrl, logger }));
    running.push(gateway);

    const lines = [
      '',
      'Atrium is running:',
      `  database  ${describeDatabaseUrl(database.databaseUrl)}${database.embedded ? ' (embedded, data in ' + config.database.dataDir + ')' : ''}`,
      ...SUBGRAPHS.map(({ name }) => `  ${name.padEnd(9)} ${subgraphUrls[name]}`),
      `  gateway   ${gateway.url}`,
      '',
      'Try it: sign in as the demo user, then run a query answered by identity and content together:',
      `  TOKEN=$(curl -s ${gateway.url} -H 'content-type: application/json' \\`,
      `    -d '{"query":"mutation { createSession(input: { email: \\"${DEMO_EMAIL}\\", password: \\"${DEMO_PASSWORD}\\" }) { token } }"}' \\`,
      `    | sed -E 's/.*"token":"([^"]+)".*/\\1/')`,
      `  curl -s ${gateway.url} \\`,
      `    -H 'content-type: application/json' \\`,
      `    -H "authorization: Bearer $TOKEN" \\`,
      `    -H 'x-workspace-id: ${demo.workspaceId}' \\`,
      `    -d '{"query":"{ workspaces { nodes { id name contentTypes { totalCount nodes { key name } } } } }"}'`,
      '',
      ...(config.gateway.playground
        ? [`Or open ${gateway.url} in a browser: the GraphiQL playground (headers: "authorization": "Bearer <token>", "x-workspace-id").`, '']
        : []),
      'Press Ctrl-C to stop.',
      '',
    ];
    console.log(lines.join('\n'));
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
});
