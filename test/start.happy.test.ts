// `npm start` as a newcomer runs it: embedded PostgreSQL in a fresh data folder,
// migrations, demo seed, three subgraphs and the gateway; the printed curl example works;
// Ctrl-C stops everything, the database too.
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { postGraphQL, dataOf } from './testkit.js';
import { spawnScript } from './process.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-start-'));
// As root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('starts the stack, serves the printed example and stops cleanly on SIGINT', async () => {
  const child = spawnScript('scripts/start.ts', [], {
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: '0',
    PORT: '0',
    IDENTITY_PORT: '0',
    CONTENT_PORT: '0',
    AUDIT_PORT: '0',
    LOG_LEVEL: 'warn',
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no URLs in time:\n${stdout}\n${stderr}`)), 90_000);
      const poll = setInterval(() => {
        if (stdout.includes('Press Ctrl-C to stop.')) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
      child.on('close', () => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`npm start exited early:\n${stdout}\n${stderr}`));
      });
    });
    for (const service of ['identity', 'content', 'audit', 'gateway']) expect(stdout).toMatch(new RegExp(`${service}\\s+http://127\\.0\\.0\\.1:\\d+/graphql`));
    const gatewayUrl = /gateway\s+(http:\S+)/.exec(stdout)![1]!;
    const workspaceId = /x-workspace-id: ([0-9a-f-]{36})/.exec(stdout)![1]!;
    const [signIn, query] = [...stdout.matchAll(/-d '(\{.*\})'/g)].map((match) => JSON.parse(match[1]!) as { query: string });
    const session = { query: signIn!.query };
    const token = dataOf(await postGraphQL<{ createSession: { token: string } }>(gatewayUrl, session), session).createSession.token;
    const request = { query: query!.query, headers: { authorization: `Bearer ${token}`, 'x-workspace-id': workspaceId } };
    const data = dataOf(await postGraphQL(gatewayUrl, request), request);
    expect(data.workspaces.nodes[0]).toMatchObject({ id: workspaceId, name: 'Demo workspace', contentTypes: { totalCount: 2 } });
  } finally {
    child.kill('SIGINT');
  }
  expect(await exited).toBe(0);
  // The embedded server is down: its pid file is gone.
  expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
});
