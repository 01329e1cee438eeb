// Whether the console's built copy (console/dist/) is what its sources give, and building it
// when not. The copy records a hash of what it was built from (the sources under console/,
// and package-lock.json for the libraries), so a fresh clone, a pulled change or an edited
// file all read as stale, whatever the files' times. `npm install` (postinstall), `npm start`
// and the test run's global setup call ensureConsoleBuilt; `npm run build:console` forces it.
// Vite is a devDependency: a production install has no Vite and serves the copy the image
// built (Dockerfile), so this module loads Vite only when it has to build.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repositoryPath } from './paths.js';

export const CONSOLE_ROOT = repositoryPath('console');
export const CONSOLE_DIST = path.join(CONSOLE_ROOT, 'dist');
const STAMP_FILE = 'build-stamp.json';

/** Files and folders under console/ that are not sources of the build. */
const NOT_SOURCES = new Set(['dist', 'node_modules']);

async function sourceFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (NOT_SOURCES.has(entry.name) || entry.name.startsWith('.build-')) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

/** A hash of every source of the build: the console's files (names and contents) and the lockfile. */
export async function consoleSourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = [...(await sourceFiles(CONSOLE_ROOT)), repositoryPath('package-lock.json')].sort();
  for (const file of files) {
    hash.update(path.relative(CONSOLE_ROOT, file)).update('\0');
    hash.update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

export type ConsoleBuildState = 'fresh' | 'stale' | 'missing';

export async function consoleBuildState(): Promise<ConsoleBuildState> {
  const stampPath = path.join(CONSOLE_DIST, STAMP_FILE);
  if (!existsSync(stampPath) || !existsSync(path.join(CONSOLE_DIST, 'index.html'))) return 'missing';
  try {
    const stamp = JSON.parse(await readFile(stampPath, 'utf8')) as { sources?: unknown };
    return stamp.sources === (await consoleSourceHash()) ? 'fresh' : 'stale';
  } catch {
    return 'stale';
  }
}

export interface ConsoleBuildResult {
  readonly built: boolean;
  readonly state: ConsoleBuildState;
  readonly milliseconds: number;
}

/**
 * Builds console/dist/ with Vite. Into a folder of its own first, then moved in place: two
 * processes building at once (npm start beside a test run) never serve a half-written copy.
 */
export async function buildConsole(): Promise<void> {
  const sources = await consoleSourceHash();
  const temporary = path.join(CONSOLE_ROOT, `.build-${process.pid}-${Date.now()}`);
  const { build } = await import('vite');
  try {
    await build({ configFile: path.join(CONSOLE_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: temporary, emptyOutDir: true } });
    await writeFile(path.join(temporary, STAMP_FILE), `${JSON.stringify({ sources, builtAt: new Date().toISOString() })}\n`);
    const previous = `${temporary}-previous`;
    if (existsSync(CONSOLE_DIST)) await rename(CONSOLE_DIST, previous).catch(() => undefined);
    await mkdir(path.dirname(CONSOLE_DIST), { recursive: true });
    await rename(temporary, CONSOLE_DIST);
    await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/** Builds the console unless its copy is fresh. */
export async function ensureConsoleBuilt(): Promise<ConsoleBuildResult> {
  const started = performance.now();
  const state = await consoleBuildState();
  if (state === 'fresh') return { built: false, state, milliseconds: performance.now() - started };
  await buildConsole();
  return { built: true, state, milliseconds: performance.now() - started };
}
