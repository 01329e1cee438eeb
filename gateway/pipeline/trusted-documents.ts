// Step 4b, trusted documents (persisted query lists), between reading the parameters and
// parsing the document. A request may name a document registered for its workspace
// instead of sending the text (`documentId`, or an APQ hash this gateway has not seen):
// the step puts the registered body in its place, so limits, pre-checks and the request
// log see the operation as for any other request. A principal in trusted-documents mode
// (its key's flag, or for keys its workspace's) runs registered documents only, however
// they are named: the text that reaches the parser must hash to a registered id.
// Registered bodies come from identity's internal lookup, cached here by workspace + id.
import { LRUCache } from 'lru-cache';
import { ERROR_HTTP_STATUS, ErrorCode, WORKSPACE_HEADER } from '../../lib/errors.js';
import { HttpError } from '../../lib/http-server.js';
import { PeerUnavailableError } from '../../lib/internal-call.js';
import type { Logger } from '../../lib/logger.js';
import { REGISTER_TRUSTED_DOCUMENTS_MUTATION, TRUSTED_DOCUMENT_LOOKUP_PATH, documentHash, type TrustedDocumentLookupRequest, type TrustedDocumentLookupResult } from '../../lib/trusted-documents.js';
import type { IdentityClient } from '../identity-client.js';
import { PERSISTED_QUERY_NOT_FOUND } from './document.js';
import type { GatewayStep } from './step.js';

export const OPERATION_NOT_ALLOWED = new HttpError(
  ERROR_HTTP_STATUS.OPERATION_NOT_ALLOWED,
  ErrorCode.OPERATION_NOT_ALLOWED,
  'This credential runs only trusted documents, and this operation is not registered: register it (npm run documents:register) and send its documentId',
);
const DOCUMENTS_UNAVAILABLE = new HttpError(503, 'SERVICE_UNAVAILABLE', 'Trusted documents are temporarily unavailable; retry shortly');
/** Always runnable, so a CI key limited to trusted documents can register the next build's (it still needs workspaces:write). */
const REGISTRATION_HASH = documentHash(REGISTER_TRUSTED_DOCUMENTS_MUTATION);

export interface TrustedDocumentsStepOptions {
  readonly identity: IdentityClient;
  readonly logger: Logger;
  /** The header naming the workspace (WORKSPACE_HEADER), for the error that asks for it. */
  readonly workspaceHeader?: string;
  /**
   * How long a registered body is reused. Bodies never change under their id (it is their
   * hash); this only bounds how long a removed document keeps working. Default 60 s.
   */
  readonly registeredTtlMs?: number;
  /** How long "not registered" is remembered: short, so a fresh registration works at once. Default 1 s. */
  readonly unregisteredTtlMs?: number;
  /** Bytes of bodies kept. Default 16 MiB. */
  readonly maxBytes?: number;
}

interface Lookup {
  readonly body: string | null;
}

/** Registered bodies by workspace + id; concurrent misses for one id share one call to identity. */
function createRegistry(options: TrustedDocumentsStepOptions) {
  const unregisteredTtlMs = options.unregisteredTtlMs ?? 1000;
  const cache = new LRUCache<string, Lookup, TrustedDocumentLookupRequest>({
    maxSize: options.maxBytes ?? 16 * 1024 * 1024,
    sizeCalculation: (lookup, key) => key.length + (lookup.body?.length ?? 0),
    ttl: options.registeredTtlMs ?? 60_000,
    fetchMethod: async (_key, _stale, { options: entry, context }) => {
      const result = await options.identity.post<TrustedDocumentLookupResult>(TRUSTED_DOCUMENT_LOOKUP_PATH, context);
      if (result.body === null) entry.ttl = unregisteredTtlMs;
      return { body: result.body };
    },
  });
  return async (workspaceId: string, id: string): Promise<string | null> => {
    const lookup = await cache.fetch(`${workspaceId}:${id}`, { context: { workspaceId, id } });
    return lookup?.body ?? null;
  };
}

export function trustedDocumentsStep(options: TrustedDocumentsStepOptions): GatewayStep {
  const WORKSPACE_REQUIRED = new HttpError(
    ERROR_HTTP_STATUS.WORKSPACE_REQUIRED,
    ErrorCode.WORKSPACE_REQUIRED,
    `Trusted documents belong to a workspace: send the ${options.workspaceHeader ?? WORKSPACE_HEADER} header`,
  );
  const registered = createRegistry(options);
  const bodyOf = async (workspaceId: string, id: string, correlationId: string): Promise<string | null> => {
    try {
      return await registered(workspaceId, id);
    } catch (error) {
      if (!(error instanceof PeerUnavailableError)) throw error;
      // Fails closed: without identity, nothing is taken for registered.
      options.logger.error('trusted document lookup failed', { reason: error.message, correlationId });
      throw DOCUMENTS_UNAVAILABLE;
    }
  };
  return {
    name: 'trusted-documents',
    run: async (state) => {
      const parameters = state.parameters;
      const principal = state.principal;
      if (!parameters || !principal) return;
      const trustedOnly = principal.trustedDocumentsOnly === true;
      const workspaceId = principal.kind === 'anonymous' ? undefined : principal.workspaceId;

      if (parameters.documentId !== undefined) {
        // Named by id: a registered document of the request's workspace, whatever the mode.
        if (principal.kind === 'anonymous') throw PERSISTED_QUERY_NOT_FOUND;
        if (workspaceId === undefined) throw WORKSPACE_REQUIRED;
        const body = await bodyOf(workspaceId, parameters.documentId, state.correlationId);
        if (body === null) throw PERSISTED_QUERY_NOT_FOUND;
        const { documentId: _documentId, ...rest } = parameters;
        state.parameters = { ...rest, query: body };
        return;
      }
      // Sent as text (or an APQ hash this gateway knew): in trusted-documents mode the text must be registered.
      if (!trustedOnly || parameters.query === undefined) return;
      const hash = documentHash(parameters.query);
      if (hash === REGISTRATION_HASH) return;
      if (workspaceId === undefined) throw WORKSPACE_REQUIRED;
      if ((await bodyOf(workspaceId, hash, state.correlationId)) === null) throw OPERATION_NOT_ALLOWED;
    },
  };
}
