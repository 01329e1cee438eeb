// Trusted documents (persisted query lists): the contract shared by identity, which stores
// the documents a client build registered, the gateway, which runs them by id and, in
// trusted-documents mode, runs nothing else, and the documents:register script.
// A document's id is the SHA-256 (hex) of its exact body: one rule, decided here.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isId } from './ids.js';

/** 64 lowercase hex characters: a document id as stored. */
export const DOCUMENT_HASH = /^[0-9a-f]{64}$/;

/** The id of a document: SHA-256 of its UTF-8 body, hex, as Apollo's and Relay's (SHA256) manifests write it. */
export function documentHash(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/**
 * A document id as clients send it (`sha256:<hex>` in the GraphQL-over-HTTP / Hive style,
 * or bare hex as Apollo and Relay manifests write it), as stored; undefined when it is neither.
 */
export function normalizeDocumentId(value: string): string | undefined {
  const hex = (value.startsWith('sha256:') ? value.slice('sha256:'.length) : value).toLowerCase();
  return DOCUMENT_HASH.test(hex) ? hex : undefined;
}

/**
 * One registration call holds at most this many documents and body bytes, so that it fits
 * in the gateway's 1 MiB body limit with its JSON escaping; the script sends batches.
 */
export const MAX_DOCUMENTS_PER_CALL = 200;
export const MAX_DOCUMENT_BYTES_PER_CALL = 384 * 1024;

/**
 * The registration mutation exactly as the documents:register script sends it. A key in
 * trusted-documents mode may always run this one document (it still needs workspaces:write),
 * so a CI key that is itself limited to registered documents can register the next build's.
 */
export const REGISTER_TRUSTED_DOCUMENTS_MUTATION =
  'mutation RegisterTrustedDocuments($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { registered alreadyRegistered } }';

/** Identity's internal lookup: the body registered under an id in a workspace. */
export const TRUSTED_DOCUMENT_LOOKUP_PATH = '/internal/trusted-document';

export const trustedDocumentLookupRequest = z.object({
  workspaceId: z.string().refine(isId, 'not an id'),
  id: z.string().regex(DOCUMENT_HASH),
});

export type TrustedDocumentLookupRequest = z.infer<typeof trustedDocumentLookupRequest>;

export interface TrustedDocumentLookupResult {
  /** The registered body; null when the workspace has no document with that id. */
  readonly body: string | null;
}
