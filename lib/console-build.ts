// Whether the console's built copy (console/dist/) is what its sources give, and building it
// when not. The copy records a hash of what it was built from (the sources under console/,
// and package-lock.json for the libraries), so a fresh clone, a pulled change or an edited
// file all read as stale, whatever the files' times. `npm install` (postinstall), `npm start`
// and the test run's global setup call ensureConsoleBuilt; `npm run build:console` forces it.
// Vite is a devDependency: a production install has no Vite and serves the copy the image
// built (Dockerfile), so this module loads Vite only when it has to build. Every function
// takes the console's folder (default console/; its tests pass a temporary one): the copy is
// its dist/, the lockfile the package-lock.json beside it, when there is one.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repositoryPath } from './paths.js';

const distOf = (root: string) => path.join(root, 'dist');

export const CONSOLE_ROOT = repositoryPath('console');
export const CONSOLE_DIST = distOf(CONSOLE_ROOT);
const STAMP_FILE = 'build-stamp.json';
/** Changes when how the console is built changes (not its sources), so every earlier copy reads as stale. */
const BUILD_RECIPE = 2;

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
export async function consoleSourceHash(root = CONSOLE_ROOT): Promise<string> {
  const hash = createHash('sha256').update(`recipe ${BUILD_RECIPE}\0`);
  const lockfile = path.join(path.dirname(root), 'package-lock.json');
  const files = [...(await sourceFiles(root)), ...(existsSync(lockfile) ? [lockfile] : [])].sort();
  for (const file of files) {
    hash.update(path.relative(root, file)).update('\0');
    hash.update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

export type ConsoleBuildState = 'fresh' | 'stale' | 'missing';

export async function consoleBuildState(root = CONSOLE_ROOT): Promise<ConsoleBuildState> {
  const stampPath = path.join(distOf(root), STAMP_FILE);
  if (!existsSync(stampPath) || !existsSync(path.join(distOf(root), 'index.html'))) return 'missing';
  try {
    const stamp = JSON.parse(await readFile(stampPath, 'utf8')) as { sources?: unknown };
    return stamp.sources === (await consoleSourceHash(root)) ? 'fresh' : 'stale';
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
 * Vite takes NODE_ENV from the process when it is set, and vitest sets it to `test`: the test
 * run's global setup built React's development copy (three times the size, with its warnings
 * and checks). The console is always built for production, whoever builds it.
 */
async function productionBuild<T>(run: () => Promise<T>): Promise<T> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await run();
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

/**
 * Builds console/dist/ with Vite. Into a folder of its own first, then moved in place: two
 * processes building at once (npm start beside a test run) never serve a half-written copy.
 */
export async function buildConsole(root = CONSOLE_ROOT): Promise<void> {
  const sources = await consoleSourceHash(root);
  const dist = distOf(root);
  const temporary = path.join(root, `.build-${process.pid}-${Date.now()}`);
  const { build } = await import('vite');
  try {
    await productionBuild(() => build({ configFile: path.join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: temporary, emptyOutDir: true } }));
    await writeFile(path.join(temporary, STAMP_FILE), `${JSON.stringify({ sources, builtAt: new Date().toISOString() })}\n`);
    const previous = `${temporary}-previous`;
    if (existsSync(dist)) await rename(dist, previous).catch(() => undefined);
    await mkdir(path.dirname(dist), { recursive: true });
    await rename(temporary, dist);
    await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/** Builds the console unless its copy is fresh. */
export async function ensureConsoleBuilt(root = CONSOLE_ROOT): Promise<ConsoleBuildResult> {
  const started = performance.now();
  const state = await consoleBuildState(root);
  if (state === 'fresh') return { built: false, state, milliseconds: performance.now() - started };
  await buildConsole(root);
  return { built: true, state, milliseconds: performance.now() - started };
}
