// A client build's trusted-document manifest, as documents:register sends it and
// documents:check validates it: Apollo's persisted query manifest
// (generate-persisted-query-manifest) or Relay's persisted queries file (relay-compiler
// persistConfig, `{ id: body }`).

export interface ManifestDocument {
  readonly id: string;
  readonly body: string;
}

/** A manifest that is not one of the two formats, or an entry that is not an id and a text. */
export class ManifestError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The documents of an Apollo (`format: apollo-persisted-query-manifest`) or Relay (`{ id: body }`) manifest. */
export function manifestDocuments(manifest: unknown): ManifestDocument[] {
  if (!isRecord(manifest)) throw new ManifestError('The manifest must be a JSON object');
  if (manifest.format === 'apollo-persisted-query-manifest') {
    if (manifest.version !== 1) throw new ManifestError(`Apollo manifest version ${String(manifest.version)} is not supported (only 1)`);
    if (!Array.isArray(manifest.operations)) throw new ManifestError('An Apollo manifest needs an operations array');
    return manifest.operations.map((operation, index) => {
      if (!isRecord(operation) || typeof operation.id !== 'string' || typeof operation.body !== 'string') {
        throw new ManifestError(`operations[${index}] needs a string id and body`);
      }
      return { id: operation.id, body: operation.body };
    });
  }
  if ('format' in manifest) throw new ManifestError(`Unknown manifest format ${JSON.stringify(manifest.format)}`);
  // Relay: every entry is id → text.
  return Object.entries(manifest).map(([id, body]) => {
    if (typeof body !== 'string') throw new ManifestError(`Relay entry ${id} must map to the operation text`);
    return { id, body };
  });
}
