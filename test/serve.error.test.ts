// A port that is taken stops a service with one sentence a newcomer can act on: which
// service, which address, which variable to change; no stack trace.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PORT_IN_USE_EXIT_CODE } from '../scripts/supervisor.js';
import { runScript } from './process.js';

let squatter: Server;
let port: number;

beforeAll(async () => {
  squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  port = (squatter.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => squatter.close(() => resolve())));

it("names the service, the port and the variable when the gateway's port is taken", async () => {
  const result = await runScript('scripts/serve.ts', ['gateway'], {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    PRINCIPAL_SIGNING_SECRETS: randomBytes(32).toString('hex'),
  });
  // Its own exit code, by which a supervisor that picked the port picks another (scripts/supervisor.ts).
  expect(result.code).toBe(PORT_IN_USE_EXIT_CODE);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toEqual([`Failed to start: gateway cannot listen on 127.0.0.1:${port}: another program uses that port. Stop it, or set PORT to a free port (e.g. PORT=${port + 100}).`]);
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at /m);
});
