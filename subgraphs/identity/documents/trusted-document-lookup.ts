// Identity's internal trusted-document lookup, called by the gateway (signature checked
// before this runs): workspace + id → the registered body, or null.
import { HttpError } from '../../../lib/http-server.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { trustedDocumentLookupRequest, type TrustedDocumentLookupResult } from '../../../lib/trusted-documents.js';
import { TrustedDocument } from './trusted-document.entity.js';
import { scopeToWorkspace } from '../../../lib/workspace-filter.js';

export async function lookupTrustedDocument(em: SubgraphEntityManager, body: unknown): Promise<TrustedDocumentLookupResult> {
  const request = trustedDocumentLookupRequest.safeParse(body);
  if (!request.success) throw new HttpError(400, 'BAD_REQUEST', 'Malformed trusted document lookup');
  // The gateway names the workspace of the request it is serving: the lookup works in that one.
  const document = await scopeToWorkspace(em, request.data.workspaceId).findOne(TrustedDocument, { id: request.data.id }, { fields: ['body'] });
  return { body: document?.body ?? null };
}
