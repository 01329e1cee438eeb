// `npm start` when a service dies: the supervisor reports it (name, pid, signal) and
// starts it again while the gateway keeps answering with what the others hold; Ctrl-C
// still stops everything in order and exits 0.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../scripts/demo-seed.js';
import { dataOf, errorCodes, postGraphQL } from './testkit.js';
import { freshDataDir, startAtrium, type RunningScript } from './process.js';
import { pastedExports } from './start-banner.js';

const dataDir = freshDataDir();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const ACROSS_SUBGRAPHS = '{ workspace { name statistics { contentTypes } } }';

/** The supervisor's JSON log line about `name` with this message, once it is printed. */
async function supervisorEntry(atrium: RunningScript, message: string, name: string, after = 0): Promise<Record<string, unknown>> {
  // Key order as the logger writes it: service, message, then the fields.
  const pattern = new RegExp(`^\\{[^\\n]*"service":"supervisor","message":"${message}","name":"${name}"[^\\n]*\\}$`, 'gm');
  pattern.lastIndex = after;
  const match = await atrium.waitFor('stderr', pattern, 30_000);
  return { ...(JSON.parse(match[0]) as Record<string, unknown>), endsAt: match.index! + match[0].length };
}

it('reports a killed service, restarts it while the gateway keeps answering, and still stops cleanly', async () => {
  const atrium = startAtrium(dataDir, 'info');
  try {
    await atrium.waitFor('stdout', /Press Ctrl-C to stop\./, 90_000);
    const gatewayUrl = /gateway\s+(http:\S+)/.exec(atrium.stdout())![1];
    const workspaceId = pastedExports(atrium.stdout()).WORKSPACE_ID;
    const session = { query: `mutation { createSession(input: { email: "${DEMO_EMAIL}", password: "${DEMO_PASSWORD}" }) { token } }` };
    const token = dataOf(await postGraphQL<{ createSession: { token: string } }>(gatewayUrl, session), session).createSession.token;
    const request = { query: ACROSS_SUBGRAPHS, headers: { authorization: `Bearer ${token}`, 'x-workspace-id': workspaceId } };

    const started = await supervisorEntry(atrium, 'service started', 'content');
    const pid = started.pid as number;
    process.kill(pid, 'SIGKILL');
    const exited = await supervisorEntry(atrium, 'service exited; restarting it', 'content');
    expect(exited).toMatchObject({ level: 'error', pid, exit: 'killed by SIGKILL', restartInMs: 500 });

    // Content is down (its restart takes seconds): identity's part still answers.
    const meanwhile = await postGraphQL(gatewayUrl, request);
    expect(meanwhile.status).toBe(200);
    expect(meanwhile.body.data).toEqual({ workspace: { name: 'Demo workspace', statistics: null } });
    expect(errorCodes(meanwhile)).toEqual(['SUBGRAPH_UNAVAILABLE']);

    const restarted = await supervisorEntry(atrium, 'service restarted', 'content', exited.endsAt as number);
    expect(restarted.pid).not.toBe(pid);
    expect(dataOf(await postGraphQL(gatewayUrl, request), request)).toEqual({ workspace: { name: 'Demo workspace', statistics: { contentTypes: 2 } } });
  } finally {
    atrium.child.kill('SIGINT');
  }
  expect(await atrium.exited).toBe(0);
  expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
}, 180_000);
