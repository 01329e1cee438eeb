// README.md pastes. Against a fresh `npm start`, every shell block of the README runs in
// order in one bash session, as a newcomer pasting them into one terminal would (strictly:
// an unset variable, a failing command, an HTTP error status or an answer with `errors`
// stops it, naming the block); then every JavaScript block runs with node in the
// environment that session exported. A block is skipped only with its reason in a
// `<!-- not-runnable: … -->` comment right above it. The lines `npm start` prints to
// paste run too, and must read as the README shows them.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryPath } from '../lib/paths.js';
import { freshDataDir, startAtrium, type RunningScript } from './process.js';
import { pasteBlock } from './start-banner.js';

export interface MarkdownBlock {
  readonly language: string;
  /** Line of the file the block's first line of code is on. */
  readonly line: number;
  readonly code: string;
  /** The reason given in a `<!-- not-runnable: … -->` comment right above the fence. */
  readonly notRunnable?: string;
}

const FENCE = /^```([\w-]*)[^\n]*\n([\s\S]*?)^```/gm;
const NOT_RUNNABLE = /<!--\s*not-runnable:\s*([\s\S]*?)\s*-->\s*$/;
const SHELL = new Set(['sh', 'bash', 'shell']);
/** Where the README's examples expect `npm start`'s gateway; the test's runs on a free port. */
const README_GATEWAY = 'http://127.0.0.1:4000/graphql';

/** Every fenced block of a Markdown text, in order, with the not-runnable reason above it if any. */
export function markdownBlocks(markdown: string): MarkdownBlock[] {
  return [...markdown.matchAll(FENCE)].map((match) => {
    const before = markdown.slice(0, match.index);
    const reason = NOT_RUNNABLE.exec(before)?.[1];
    return {
      language: match[1].toLowerCase(),
      line: before.split('\n').length + 1,
      code: match[2],
      ...(reason ? { notRunnable: reason } : {}),
    };
  });
}

/**
 * Runs before the snippets: strict mode, and a `curl` that passes everything through to
 * the real one but fails on an HTTP error status or an answer with `errors`, and counts
 * its calls on stderr. Every block is announced on stderr, so a failure names its line.
 */
const STRICT_SHELL = String.raw`
set -euo pipefail
__readme_block=start
trap '__status=$?; if [ "$__status" -ne 0 ]; then echo "::failed in $__readme_block (exit $__status)" >&2; fi' EXIT
curl() {
  local answer status body
  answer=$(command curl -w '\n%{http_code}' "$@") || { echo "::curl could not reach the gateway" >&2; return 1; }
  status=$(tail -n 1 <<<"$answer")
  body=$(sed '$d' <<<"$answer")
  printf '%s\n' "$body"
  if [[ $status != 2?? ]]; then echo "::curl HTTP $status: $body" >&2; return 1; fi
  if [[ $body == *'"errors"'* ]]; then echo "::curl errors: $body" >&2; return 1; fi
  echo "::curl ok" >&2
}
`;

/** Checks every fetch a JavaScript snippet makes as the shell's curl is checked, and counts them. */
const FETCH_CHECK = `
const realFetch = globalThis.fetch;
globalThis.fetch = async (...args) => {
  const response = await realFetch(...args);
  const body = await response.clone().text();
  if (!response.ok || body.includes('"errors"')) {
    console.error('::fetch HTTP ' + response.status + ': ' + body);
    process.exitCode = 1;
  } else console.error('::fetch ok');
  return response;
};
`;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A clean environment: nothing of the test's own (no GATEWAY, no key), this node first on PATH. */
function cleanEnvironment(): Record<string, string | undefined> {
  return { PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, HOME: process.env.HOME };
}

/** The calls of each block, from the `::block`, `::curl ok` and `::fetch ok` lines. */
function callsPerBlock(stderr: string, marker: string): Map<string, number> {
  const calls = new Map<string, number>();
  let block = '';
  for (const line of stderr.split('\n')) {
    const announced = /^::block (\S+)$/.exec(line);
    if (announced) calls.set((block = announced[1]!), 0);
    else if (line === marker) calls.set(block, (calls.get(block) ?? 0) + 1);
  }
  return calls;
}

const readme = readFileSync(repositoryPath('README.md'), 'utf8');
const blocks = markdownBlocks(readme);
const shellBlocks = blocks.filter((block) => SHELL.has(block.language));
const runnableShell = shellBlocks.filter((block) => block.notRunnable === undefined);
const javascriptBlocks = blocks.filter((block) => block.language === 'js');

describe('the block finder', () => {
  it('finds fenced blocks with their language, first line and the not-runnable reason right above them', () => {
    const markdown = ['# T', '```sh', 'echo 1', '```', '<!-- not-runnable: needs a manifest -->', '```bash', 'echo 2', '```', 'text', '', '```js', 'f()', '```'].join('\n');
    expect(markdownBlocks(markdown)).toEqual([
      { language: 'sh', line: 3, code: 'echo 1\n' },
      { language: 'bash', line: 7, code: 'echo 2\n', notRunnable: 'needs a manifest' },
      { language: 'js', line: 12, code: 'f()\n' },
    ]);
  });
});

describe('README.md', () => {
  it('exempts only the blocks that cannot run here, each with its reason', () => {
    expect(runnableShell.length).toBeGreaterThanOrEqual(2);
    expect(javascriptBlocks.length).toBeGreaterThanOrEqual(3);
    // Deliberately short: a new exemption has to be added here too, with its reason.
    expect(shellBlocks.filter((block) => block.notRunnable).map((block) => block.code.split('\n')[0])).toEqual([
      'npm install && npm start     # embedded PostgreSQL, migrations, demo data, 3 subgraphs + gateway on :4000',
      'export GATEWAY=http://127.0.0.1:4000/graphql',
      'npm install @apollo/client graphql rxjs',
      // Client ids and secrets of your own registrations with Google, Microsoft, an IdP.
      "OIDC_PROVIDERS='[",
      // An ID token from an identity provider the workspace trusts.
      'curl -s http://127.0.0.1:4000/graphql \\',
      '# Apollo: npx generate-persisted-query-manifest  →  persisted-query-manifest.json',
    ]);
  });
});

describe('against a fresh npm start', () => {
  const dataDir = freshDataDir();
  const workDir = mkdtempSync(path.join(tmpdir(), 'atrium-readme-'));
  let atrium: RunningScript;
  let gatewayUrl: string;

  beforeAll(async () => {
    atrium = startAtrium(dataDir, 'warn');
    await atrium.waitFor('stdout', /Press Ctrl-C to stop\./, 90_000);
    gatewayUrl = /gateway\s+(http:\S+)/.exec(atrium.stdout())![1]!;
  }, 120_000);
  afterAll(async () => {
    if (atrium) {
      atrium.child.kill('SIGINT');
      await atrium.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  /** Runs snippets in one strict bash session; its output, and the environment it exported at the end. */
  async function runShell(snippets: readonly { label: string; code: string }[]): Promise<Run & { exported: Record<string, string> }> {
    const environmentFile = path.join(workDir, 'exported.env');
    const script = [
      STRICT_SHELL,
      ...snippets.map(({ label, code }) => `__readme_block=${label}\necho "::block ${label}" >&2\n${code.replaceAll(README_GATEWAY, gatewayUrl)}`),
      `env -0 > '${environmentFile}'`,
    ].join('\n');
    rmSync(environmentFile, { force: true });
    const result = await run('bash', ['-c', script], cleanEnvironment());
    const exported =
      result.code === 0
        ? Object.fromEntries(
            readFileSync(environmentFile, 'utf8')
              .split('\0')
              .filter((entry) => entry.includes('='))
              .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
          )
        : {};
    return { ...result, exported };
  }

  it('runs the lines npm start prints to paste, and they read as the README shows them', async () => {
    const printed = pasteBlock(atrium.stdout());
    const result = await runShell([{ label: 'printed-by-npm-start', code: printed }]);
    expect(result.code, result.stderr).toBe(0);
    expect(callsPerBlock(result.stderr, '::curl ok').get('printed-by-npm-start')).toBe(1);
    expect(result.stdout).toContain('"name":"Demo workspace"');

    // The README shows the same lines with placeholders for the workspace id and the key.
    const normalized = (text: string) =>
      text
        .trim()
        .replaceAll(gatewayUrl, README_GATEWAY)
        .replace(/^export (WORKSPACE_ID|ATRIUM_KEY)=.*$/gm, 'export $1=…');
    const shown = shellBlocks.find((block) => block.notRunnable?.includes('npm start prints these lines'));
    expect(shown, 'the README shows what npm start prints').toBeDefined();
    expect(normalized(printed)).toBe(normalized(shown!.code));
  });

  it('runs every shell block of README.md in order in one shell, then every JavaScript block in what it exported', async () => {
    const shell = await runShell(runnableShell.map((block) => ({ label: `README.md:${block.line}`, code: block.code })));
    expect(shell.code, `${shell.stderr}\n${shell.stdout}`).toBe(0);
    // Each block reached the gateway: none passed by doing nothing.
    const shellCalls = callsPerBlock(shell.stderr, '::curl ok');
    for (const block of runnableShell) expect(shellCalls.get(`README.md:${block.line}`), `README.md:${block.line} calls the gateway`).toBeGreaterThan(0);
    // What the Authenticate steps leave behind for the JavaScript examples.
    expect(shell.exported).toMatchObject({ GATEWAY: gatewayUrl, WORKSPACE_ID: expect.stringMatching(/^[0-9a-f-]{36}$/), ATRIUM_KEY: expect.stringMatching(/^atk_/) });

    const environment = { ...cleanEnvironment(), ...shell.exported };
    const fetchCheck = `data:text/javascript,${encodeURIComponent(FETCH_CHECK)}`;
    for (const block of javascriptBlocks) {
      const code = block.code.replaceAll(README_GATEWAY, gatewayUrl);
      const result = await run(process.execPath, ['--import', fetchCheck, '--input-type=module', '-e', code], environment);
      expect(result.code, `README.md:${block.line}\n${result.stderr}\n${result.stdout}`).toBe(0);
      expect(callsPerBlock(`::block js\n${result.stderr}`, '::fetch ok').get('js'), `README.md:${block.line} calls the gateway`).toBeGreaterThan(0);
    }
  }, 120_000);
});
