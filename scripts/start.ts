// `npm start`: the whole stack on a laptop. Starts (or connects to) PostgreSQL, applies
// migrations, seeds a demo workspace into an empty database, then runs the three subgraphs
// and the gateway each as its own child process (scripts/supervisor.ts): a service that
// dies is reported and restarted while the others keep serving. Prints where they are.
// Ctrl-C or SIGTERM stops the gateway, then the subgraphs, then the database, and exits 0.
import 'reflect-metadata';
import { loadConfig } from '../lib/config.js';
import { describeDatabaseUrl } from '../lib/database.js';
import { migrateAll, openDatabase } from '../lib/database-runtime.js';
import { createLogger } from '../lib/logger.js';
import { SUBGRAPHS } from '../lib/subgraph-list.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemoWhenEmpty } from './demo-seed.js';
import { runMain, stopOnSignal } from './run-main.js';
import { startServices, type RunningServices } from './supervisor.js';

await runMain(async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Expected for `npm start` on a laptop (config refuses it elsewhere), so not a warning.
  if (config.usesDevelopmentSecret) logger.info('PRINCIPAL_SIGNING_SECRETS is not set: using the development-only signing secret (NODE_ENV=development, loopback only)');
  const database = await openDatabase(config, logger);
  let services: RunningServices | undefined;
  const stopAll = async () => {
    await services?.stop();
    await database.stop();
  };
  stopOnSignal(stopAll);
  try {
    const applied = await migrateAll(database.databaseUrl, SUBGRAPHS.map(({ name }) => SUBGRAPH_DEFINITIONS[name].orm));
    for (const [schema, names] of Object.entries(applied)) if (names.length > 0) logger.info('migrations applied', { schema, names });
    const demo = await seedDemoWhenEmpty(database.databaseUrl);
    if (demo.created) logger.info('seeded a demo workspace', { workspaceId: demo.workspaceId });

    services = await startServices({
      databaseUrl: database.databaseUrl,
      signingSecrets: config.signingSecrets,
      host: config.host,
      gatewayPort: config.gateway.port,
      subgraphPorts: config.subgraphPorts,
      devIntrospection: config.gateway.devIntrospection,
      logger: logger.child({ service: 'supervisor' }),
    });
    const { gateway, subgraphs } = services;

    const lines = [
      '',
      'Atrium is running:',
      `  database  ${describeDatabaseUrl(database.databaseUrl)}${database.embedded ? ' (embedded, data in ' + config.database.dataDir + ')' : ''}`,
      ...SUBGRAPHS.map(({ name }) => `  ${name.padEnd(9)} ${subgraphs[name].url}`),
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
