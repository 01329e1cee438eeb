// `npm start` picks free ports for the services (PORT=0 and the like), and each service
// listens on its port seconds later, once its modules are loaded: another program may take
// the port in between (a parallel test run did, and npm start failed). The supervisor then
// picks new ports and starts again, rather than fail; a port the user set is theirs to change.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findFreePort } from '../lib/database.js';
import { createLogger } from '../lib/logger.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import { startServices, type RunningServices } from '../scripts/supervisor.js';
import { createTestDatabase, type TestDatabase } from './testkit.js';

let database: TestDatabase;
let squatter: Server;
let taken: number;
let services: RunningServices | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  taken = (squatter.address() as { port: number }).port;
});

afterAll(async () => {
  await services?.stop();
  await new Promise<void>((resolve) => squatter.close(() => resolve()));
  await database?.drop();
});

it('picks new ports and starts when a port it picked was taken before its service listened', async () => {
  const picked: number[] = [];
  const logLines: string[] = [];
  services = await startServices({
    databaseUrl: database.url,
    signingSecrets: [randomBytes(32).toString('base64url')],
    host: '127.0.0.1',
    gatewayPort: 0,
    subgraphPorts: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, 0])) as Record<SubgraphName, number>,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'error' },
    logger: createLogger('warn', {}, (line) => logLines.push(line)),
    // The first pick (the gateway's) is the port the squatter holds, as if taken after it was picked.
    pickPort: async (host) => {
      const port = picked.length === 0 ? taken : await findFreePort(host);
      picked.push(port);
      return port;
    },
  });
  const gatewayPort = Number(new URL(services.gateway.url).port);
  expect(gatewayPort).not.toBe(taken);
  expect(picked).toContain(gatewayPort);
  const health = await fetch(new URL('/health', services.gateway.url));
  expect(health.status).toBe(200);
  expect(logLines.join('\n')).toContain('a picked port was taken before its service listened');
}, 150_000);

it('does not retry a port the user set: the message says which variable to change', async () => {
  await expect(
    startServices({
      databaseUrl: database.url,
      signingSecrets: [randomBytes(32).toString('base64url')],
      host: '127.0.0.1',
      gatewayPort: taken,
      subgraphPorts: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, 0])) as Record<SubgraphName, number>,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'error' },
      logger: createLogger('warn', {}, () => undefined),
    }),
  ).rejects.toThrow(/gateway stopped before it was ready/);
  // The subgraphs start fully before the failed start stops them: room for a loaded machine.
}, 150_000);
