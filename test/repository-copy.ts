// A copy of the working tree as its own git repository, for tests that run the schema
// scripts (schema, schema:check, schema:publish) on changed code without touching the checkout.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repositoryPath } from '../lib/paths.js';

/** A copy of the working tree (node_modules linked) as a new git repository with one commit, "base". */
export function copyRepository(): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'atrium-schema-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: repositoryPath('.'), encoding: 'utf8' })
    .split('\n')
    // Tracked files deleted in the working tree are not part of the copy.
    .filter((file) => file && !file.startsWith('node_modules/') && existsSync(repositoryPath(file)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(repositoryPath(file), path.join(copy, file));
  }
  symlinkSync(repositoryPath('node_modules'), path.join(copy, 'node_modules'));
  gitIn(copy, 'init', '-q');
  gitIn(copy, 'add', '-A');
  gitIn(copy, 'commit', '-qm', 'base');
  return copy;
}

export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@atrium.local', ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
}
