// Run as root from a private folder (mode 0700), the embedded PostgreSQL copies its
// programs and data where the `postgres` user can reach them (embedded-postgres-as-root
// happy test). Where that place is not safe (another user could change what root copies
// there and PostgreSQL runs), it must stop at once with one sentence naming the folder.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../lib/database.js';
import { createLogger } from '../lib/logger.js';

const asRoot = userInfo().uid === 0;
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function privateClone(): string {
  const privateFolder = mkdtempSync(path.join(tmpdir(), 'atrium-private-'));
  folders.push(privateFolder);
  chmodSync(privateFolder, 0o700);
  return path.join(privateFolder, 'clone', '.data');
}

it.skipIf(!asRoot)('refuses to put copies in a folder other users may write, in one sentence naming it', async () => {
  const openToAll = mkdtempSync(path.join(tmpdir(), 'atrium-open-'));
  folders.push(openToAll);
  chmodSync(openToAll, 0o777);
  const started = startEmbeddedPostgres({ dataDir: privateClone(), name: 'pg', preferredPort: 0, logger: createLogger('silent'), sharedDir: path.join(openToAll, 'shared') });
  await expect(started).rejects.toThrow(`but ${openToAll} is owned by uid 0, mode 0777, so another user could change them`);
  await expect(started).rejects.toThrow(/set DATABASE_URL/);
});

it.skipIf(!asRoot)('refuses a copies folder that another user owns', async () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'atrium-shared-'));
  folders.push(parent);
  chmodSync(parent, 0o755);
  const planted = path.join(parent, 'shared');
  mkdirSync(planted, { mode: 0o755 });
  const nobody = 65534;
  chownSync(planted, nobody, nobody);
  const started = startEmbeddedPostgres({ dataDir: privateClone(), name: 'pg', preferredPort: 0, logger: createLogger('silent'), sharedDir: planted });
  await expect(started).rejects.toThrow(`but ${planted} is owned by uid ${nobody}`);
});
