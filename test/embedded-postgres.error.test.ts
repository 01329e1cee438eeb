// Run as root from a private folder (a clone in /root, mode 0700), the embedded
// PostgreSQL cannot work: its `postgres` user cannot enter the folder. It must say so at
// once, naming the folder and what to do, instead of failing inside initdb.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { assertPostgresUserCanReach, startEmbeddedPostgres } from '../lib/database.js';
import { createLogger } from '../lib/logger.js';

const asRoot = userInfo().uid === 0;
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

it.skipIf(!asRoot)('refuses a data folder inside a 0700 folder with one sentence naming it', async () => {
  const privateFolder = mkdtempSync(path.join(tmpdir(), 'atrium-private-'));
  folders.push(privateFolder);
  chmodSync(privateFolder, 0o700);
  const dataDir = path.join(privateFolder, 'clone', '.data');
  const started = startEmbeddedPostgres({ dataDir, name: 'pg', preferredPort: 0, logger: createLogger('silent'), fast: true });
  await expect(started).rejects.toThrow(`cannot enter ${privateFolder} (mode 0700)`);
  await expect(started).rejects.toThrow(/set DATABASE_URL/);
});

it.skipIf(!asRoot)('accepts folders the postgres user can enter', () => {
  const open = mkdtempSync(path.join(tmpdir(), 'atrium-open-'));
  folders.push(open);
  chmodSync(open, 0o755);
  mkdirSync(path.join(open, 'a'), { mode: 0o711 });
  expect(() => assertPostgresUserCanReach([path.join(open, 'a', 'data', 'pg')])).not.toThrow();
});
