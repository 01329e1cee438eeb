// Runs the project's own CLI entry points as a user would, with a chosen environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../lib/paths.js';

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a script (relative to cwd, or absolute) in cwd: TypeScript through tsx, JavaScript on node alone. */
export function spawnScript(script: string, args: string[], env: Record<string, string | undefined>, cwd = REPOSITORY_ROOT): ChildProcess {
  return spawn(process.execPath, [...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), path.resolve(cwd, script), ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runScript(script: string, args: string[], env: Record<string, string | undefined>, options: { cwd?: string; timeoutMs?: number } = {}): Promise<ProcessResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawnScript(script, args, env, options.cwd);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RunningScript {
  readonly child: ChildProcess;
  /** Everything printed so far. */
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** The exit code (null when ended by a signal). */
  readonly exited: Promise<number | null>;
  /** Resolves with the first match of pattern in what the script printed on stream; fails when it exits first or after timeoutMs. */
  readonly waitFor: (stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
}

/** A long-running script (a server), with its output collected and waitable. */
export function startScript(script: string, args: string[], env: Record<string, string | undefined>, cwd = REPOSITORY_ROOT): RunningScript {
  const child = spawnScript(script, args, env, cwd);
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => (output.stdout += chunk));
  child.stderr?.on('data', (chunk) => (output.stderr += chunk));
  let closed = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      closed = true;
      resolve(code);
    }),
  );
  const waitFor = (stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output[stream]);
        if (!match) return false;
        done();
        resolve(match);
        return true;
      };
      const onExit = () => {
        if (check()) return;
        done();
        reject(new Error(`${script} exited before printing ${pattern}:\n${output.stdout}\n${output.stderr}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${script} did not print ${pattern} within ${timeoutMs} ms:\n${output.stdout}\n${output.stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        child[stream]?.off('data', check);
        child.off('close', onExit);
      };
      if (check()) return;
      if (closed) return onExit();
      child[stream]?.on('data', check);
      child.once('close', onExit);
    });
  return { child, stdout: () => output.stdout, stderr: () => output.stderr, exited, waitFor };
}

/** A new, empty data folder for an embedded PostgreSQL. */
export function freshDataDir(): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-start-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  return dataDir;
}

/** `npm start` as a newcomer runs it, with its embedded PostgreSQL in dataDir and every port picked free. */
export function startAtrium(dataDir: string, logLevel: 'info' | 'warn'): RunningScript {
  return startScript('scripts/start.ts', [], {
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: '0',
    PORT: '0',
    IDENTITY_PORT: '0',
    CONTENT_PORT: '0',
    AUDIT_PORT: '0',
    LOG_LEVEL: logLevel,
  });
}
