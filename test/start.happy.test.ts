// `npm start` as a newcomer runs it: embedded PostgreSQL in a fresh data folder,
// migrations, demo seed, three subgraphs and the gateway; the printed lines to paste work;
// Ctrl-C stops everything, the database too.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { postGraphQL, dataOf } from './testkit.js';
import { freshDataDir, startAtrium } from './process.js';
import { pasteBlock, pastedExports } from './start-banner.js';

const dataDir = freshDataDir();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('starts the stack, serves the printed example and stops cleanly on SIGINT', async () => {
  const atrium = startAtrium(dataDir, 'warn');
  try {
    await atrium.waitFor('stdout', /Press Ctrl-C to stop\./, 90_000);
    const stdout = atrium.stdout();
    for (const service of ['identity', 'content', 'audit', 'gateway']) expect(stdout).toMatch(new RegExp(`${service}\\s+http://127\\.0\\.0\\.1:\\d+/graphql`));
    const gatewayUrl = /gateway\s+(http:\S+)/.exec(stdout)![1];
    // Without SMTP_URL, mail goes to a local sink, and its page lists what it caught.
    const sinkPage = /mail\s+smtp:\/\/127\.0\.0\.1:\d+ \(a local sink: nothing is delivered; links print here, messages at (http:\S+)\)/.exec(stdout)![1];
    expect((await fetch(sinkPage)).status).toBe(200);
    // The lines to paste: where the gateway is, the demo workspace, a read-only demo key, then a query using them.
    const exported = pastedExports(stdout);
    expect(exported).toEqual({ GATEWAY: gatewayUrl, WORKSPACE_ID: expect.stringMatching(/^[0-9a-f-]{36}$/), ATRIUM_KEY: expect.stringMatching(/^atk_/) });
    const { query } = JSON.parse(/-d '(\{.*\})'/.exec(pasteBlock(stdout))![1]) as { query: string };
    const request = { query, headers: { 'x-api-key': exported.ATRIUM_KEY, 'x-workspace-id': exported.WORKSPACE_ID } };
    const data = dataOf(await postGraphQL(gatewayUrl, request), request);
    expect(data.workspace).toMatchObject({ name: 'Demo workspace', statistics: { members: 2, items: 5 } });
    expect(data.workspace.contentTypes.nodes.map((type: { key: string }) => type.key)).toEqual(['author', 'article']);
  } finally {
    atrium.child.kill('SIGINT');
  }
  expect(await atrium.exited).toBe(0);
  // A normal start and stop warns about nothing (the test logs at warn level and above).
  const warnings = `${atrium.stdout()}\n${atrium.stderr()}`.split('\n').filter((line) => /"level":"(warn|error)"|\bwarning\b/i.test(line));
  expect(warnings).toEqual([]);
  // The embedded server is down: its pid file is gone.
  expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
}, 180_000);
