// The coordinates "unused" is measured against: every coordinate of the client-facing
// schema the gateway serves (schema/api.graphql, committed and derived from the same
// supergraph the gateway runs), read and listed once per process.
import { readFile } from 'node:fs/promises';
import { buildSchema } from 'graphql';
import { repositoryPath } from '../../../lib/paths.js';
import { schemaCoordinates, type SchemaCoordinateEntry } from '../../../lib/schema-usage.js';

export const API_SCHEMA_FILE = 'schema/api.graphql';

let cached: Promise<readonly SchemaCoordinateEntry[]> | undefined;

/** Every coordinate of schema/api.graphql, sorted (lib/schema-usage.ts schemaCoordinates). */
export function apiSchemaCoordinates(): Promise<readonly SchemaCoordinateEntry[]> {
  cached ??= readFile(repositoryPath(API_SCHEMA_FILE), 'utf8').then((sdl) => schemaCoordinates(buildSchema(sdl)));
  // A failed read (a broken image) is tried again on the next request rather than kept.
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
