// Absolute paths inside the repository, independent of the working directory and of
// whether this file runs as TypeScript (lib/paths.ts) or compiled (dist/lib/paths.js):
// the root is the nearest folder above it with a package.json, so files the runtime reads
// (schema/supergraph.graphql, gateway/playground-client.js) are found from either.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function nearestPackageFolder(start: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json'))) return folder;
    if (folder === path.dirname(folder)) throw new Error(`No package.json above ${start}: run Atrium from inside its repository (or image)`);
  }
}

export const REPOSITORY_ROOT = nearestPackageFolder(path.dirname(fileURLToPath(import.meta.url)));

export function repositoryPath(relative: string): string {
  return path.join(REPOSITORY_ROOT, relative);
}
