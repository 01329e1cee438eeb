// `npm start`: the whole stack on a laptop. Starts (or connects to) PostgreSQL, applies
// migrations, seeds a demo workspace into an empty database, then runs the three subgraphs
// and the gateway each as its own child process (scripts/supervisor.ts): a service that
// dies is reported and restarted while the others keep serving. Prints where they are.
// Ctrl-C or SIGTERM stops the gateway, then the subgraphs, then the database, and exits 0.
import 'reflect-metadata';
import path from 'node:path';
import { loadConfig } from '../lib/config.js';
import { describeDatabaseUrl } from '../lib/database.js';
import { migrateAll, openDatabase } from '../lib/database-runtime.js';
import { createLogger } from '../lib/logger.js';
import { SUBGRAPHS } from '../lib/subgraph-list.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';
import { DEMO_EDITOR_EMAIL, DEMO_EMAIL, DEMO_KEY_FILE_NAME, DEMO_PASSWORD, seedDemoWhenEmpty, type DemoData } from './demo-seed.js';
import { runMain, stopOnSignal } from './run-main.js';
import { ensureConsoleBuilt } from '../lib/console-build.js';
import { startServices, type RunningServices } from './supervisor.js';
import { findFreePort, isPortFree } from '../lib/database.js';
import { startMailSink, type MailSink } from '../lib/mail/sink.js';
import { startMailSinkPage } from '../lib/mail/sink-page.js';
import type { RunningServer } from '../lib/http-server.js';

/** MailHog's ports, which mail tools and habits expect; another free port when taken. */
const SINK_SMTP_PORT = 1025;
const SINK_PAGE_PORT = 8025;

async function preferredPort(port: number, host: string): Promise<number> {
  return (await isPortFree(port, host)) ? port : findFreePort(host);
}

/**
 * What to paste into another terminal: the export lines the README's examples read
 * (GATEWAY, WORKSPACE_ID, ATRIUM_KEY), then one query across two subgraphs with them.
 * No comment sits on a pasted line: zsh, as macOS ships it, would take it as arguments.
 */
function tryIt(gatewayUrl: string, demo: DemoData | undefined, keyFile: string): string[] {
  const gateway = `  export GATEWAY=${gatewayUrl}`;
  if (!demo) return ['No demo data outside NODE_ENV=development (README.md, "Authenticate", makes a key). Paste into another terminal:', gateway];
  const signIn = `Demo data (development only): sign in as ${DEMO_EMAIL} (owner) or ${DEMO_EDITOR_EMAIL} (editor), password ${DEMO_PASSWORD}.`;
  const workspace = `  export WORKSPACE_ID=${demo.workspaceId}`;
  if (!demo.apiKey) {
    return [signIn, `No working demo key in ${keyFile}: make one as README.md, "Authenticate", shows (or remove the data folder for fresh demo data). Paste:`, gateway, workspace];
  }
  return [
    signIn,
    `Paste into another terminal (ATRIUM_KEY is a read-only demo key; its secret is kept in ${keyFile}):`,
    gateway,
    workspace,
    `  export ATRIUM_KEY=${demo.apiKey}`,
    `  curl -s $GATEWAY -H 'content-type: application/json' -H "x-api-key: $ATRIUM_KEY" -H "x-workspace-id: $WORKSPACE_ID" \\`,
    `    -d '{"query":"{ workspace { name statistics { members items } contentTypes { nodes { key fields { nodes { key kind } } } } } }"}'`,
  ];
}

await runMain(async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Expected for `npm start` on a laptop (config refuses it elsewhere), so not a warning.
  if (config.usesDevelopmentSecret) logger.info('PRINCIPAL_SIGNING_SECRETS is not set: using the development-only signing secret (NODE_ENV=development, loopback only)');
  // The console's built copy (console/dist/), rebuilt when its sources changed since; a
  // production image carries the copy its build stage made, and has no Vite to build with.
  if (process.env.NODE_ENV !== 'production') {
    const consoleBuild = await ensureConsoleBuilt();
    if (consoleBuild.built) logger.info('console built', { was: consoleBuild.state, ms: Math.round(consoleBuild.milliseconds) });
  }
  const database = await openDatabase(config, logger);
  let services: RunningServices | undefined;
  let mailSink: MailSink | undefined;
  let mailPage: RunningServer | undefined;
  const stopAll = async () => {
    await services?.stop();
    await mailPage?.stop();
    await mailSink?.stop();
    await database.stop();
  };
  stopOnSignal(stopAll);
  try {
    const applied = await migrateAll(
      database.databaseUrl,
      SUBGRAPHS.map(({ name }) => SUBGRAPH_DEFINITIONS[name].orm),
    );
    for (const [schema, names] of Object.entries(applied)) if (names.length > 0) logger.info('migrations applied', { schema, names });
    // The demo user's password is public: never put it into a database outside development.
    const demoKeyFile = path.join(config.database.dataDir, DEMO_KEY_FILE_NAME);
    const demo = config.environment === 'development' ? await seedDemoWhenEmpty(database.databaseUrl, { keyFile: demoKeyFile, settings: config.subgraphSettings }) : undefined;
    if (demo?.created) logger.info('seeded a demo workspace', { workspaceId: demo.workspaceId });

    // Without SMTP_URL, mail goes to a local sink that keeps it: each message's links are
    // printed here, and the page lists them. Nothing is delivered.
    let smtpUrl = config.subgraphSettings.accounts.smtpUrl;
    if (!smtpUrl) {
      mailSink = await startMailSink({
        port: await preferredPort(SINK_SMTP_PORT, '127.0.0.1'),
        onMail: (mail) => console.log(`mail to ${mail.to.join(', ')}: "${mail.subject}"${mail.links.map((link) => `\n  ${link}`).join('')}`),
      });
      mailPage = await startMailSinkPage(mailSink, { port: await preferredPort(SINK_PAGE_PORT, '127.0.0.1'), host: '127.0.0.1' });
      smtpUrl = mailSink.url;
    }

    services = await startServices({
      env: { ...process.env, SMTP_URL: smtpUrl },
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
      `  console   ${new URL('/console/', gateway.url).href} (tokens, request logs, workspace admin: sign in with your email and password)`,
      ...(mailSink && mailPage ? [`  mail      ${mailSink.url} (a local sink: nothing is delivered; links print here, messages at ${mailPage.url.replace(/\/graphql$/, '/')})`] : []),
      '',
      ...tryIt(gateway.url, demo, demoKeyFile),
      '',
      ...(config.gateway.playground ? [`Or open ${gateway.url} in a browser: the GraphiQL playground (headers: {"x-api-key": "<ATRIUM_KEY>", "x-workspace-id": "<WORKSPACE_ID>"}).`, ''] : []),
      'Press Ctrl-C to stop.',
      '',
    ];
    console.log(lines.join('\n'));
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
});
