// `npm run documents:register <manifest.json> [--client <name>] [--client-version <version>]`:
// registers a client build's operations as trusted documents of a workspace, through the
// gateway's public API (registerTrustedDocuments), in batches that fit its limits.
// Reads Apollo's persisted query manifest (generate-persisted-query-manifest) and Relay's
// persisted queries file (relay-compiler persistConfig, algorithm SHA256).
// Environment: ATRIUM_API_KEY (needs workspaces:write), ATRIUM_WORKSPACE_ID, ATRIUM_URL
// (default http://localhost:4000/graphql). Prints the counts; exits 1 with the server's
// message on any refusal (the server writes nothing of a refused batch).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_DOCUMENTS_PER_CALL, MAX_DOCUMENT_BYTES_PER_CALL, REGISTER_TRUSTED_DOCUMENTS_MUTATION } from '../lib/trusted-documents.js';
import { ManifestError, manifestDocuments, type ManifestDocument } from './document-manifest.js';

class UsageError extends Error {}

/** Consecutive batches of at most MAX_DOCUMENTS_PER_CALL documents and MAX_DOCUMENT_BYTES_PER_CALL bytes of bodies. */
function batches(documents: readonly ManifestDocument[]): ManifestDocument[][] {
  const result: ManifestDocument[][] = [];
  let current: ManifestDocument[] = [];
  let bytes = 0;
  for (const document of documents) {
    const size = Buffer.byteLength(document.body, 'utf8');
    if (current.length > 0 && (current.length === MAX_DOCUMENTS_PER_CALL || bytes + size > MAX_DOCUMENT_BYTES_PER_CALL)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(document);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

interface GraphQLAnswer {
  readonly data?: { registerTrustedDocuments?: { registered: number; alreadyRegistered: number } | null } | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string; fieldErrors?: { field: string; reason: string }[] } }[];
}

/** The server's refusal, in full: every bad entry it named. */
function refusal(status: number, answer: GraphQLAnswer): string {
  const lines = (answer.errors ?? []).flatMap((error) => {
    const fieldErrors = error.extensions?.fieldErrors;
    const head = `${error.extensions?.code ?? 'ERROR'}: ${fieldErrors?.length ? 'invalid input' : error.message}`;
    return [head, ...(fieldErrors ?? []).map((problem) => `  ${problem.field} ${problem.reason}`)];
  });
  return lines.length > 0 ? lines.join('\n') : `HTTP ${status} without an answer`;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { client: { type: 'string' }, 'client-version': { type: 'string' } },
  });
  const file = positionals[0];
  const apiKey = process.env.ATRIUM_API_KEY;
  const workspaceId = process.env.ATRIUM_WORKSPACE_ID;
  const url = process.env.ATRIUM_URL || 'http://localhost:4000/graphql';
  const missing = [...(file ? [] : ['the manifest file argument']), ...(apiKey ? [] : ['ATRIUM_API_KEY']), ...(workspaceId ? [] : ['ATRIUM_WORKSPACE_ID'])];
  if (missing.length > 0) {
    throw new UsageError(`Missing ${missing.join(', ')}.\nusage: npm run documents:register -- <manifest.json> [--client <name>] [--client-version <version>]`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  const documents = manifestDocuments(manifest);
  if (documents.length === 0) throw new UsageError(`${file} holds no operations`);
  // Without --client, the manifest's file name says which client it came from.
  const clientName = values.client ?? path.basename(file, path.extname(file));
  const clientVersion = values['client-version'];

  let registered = 0;
  let alreadyRegistered = 0;
  const parts = batches(documents);
  for (const [index, batch] of parts.entries()) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey!, 'x-workspace-id': workspaceId! },
        body: JSON.stringify({ query: REGISTER_TRUSTED_DOCUMENTS_MUTATION, variables: { input: { clientName, clientVersion, documents: batch } } }),
      });
    } catch (error) {
      throw new UsageError(`Cannot reach ${url}: ${(error as Error).message}`);
    }
    let answer: GraphQLAnswer;
    try {
      answer = (await response.json()) as GraphQLAnswer;
    } catch {
      throw new UsageError(`${url} answered HTTP ${response.status} without JSON`);
    }
    const counts = answer.data?.registerTrustedDocuments;
    if (!counts || answer.errors?.length) {
      const done = index > 0 ? ` (batches 1 to ${index} of ${parts.length} were registered)` : '';
      throw new UsageError(`Batch ${index + 1} of ${parts.length} refused${done}:\n${refusal(response.status, answer)}`);
    }
    registered += counts.registered;
    alreadyRegistered += counts.alreadyRegistered;
  }
  console.log(`${documents.length} documents of ${clientName} in workspace ${workspaceId}: ${registered} registered, ${alreadyRegistered} already registered`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError || error instanceof ManifestError ? error.message : `documents:register failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
