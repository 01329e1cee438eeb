// Absolute paths inside the repository, independent of the working directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function repositoryPath(relative: string): string {
  return path.join(REPOSITORY_ROOT, relative);
}
