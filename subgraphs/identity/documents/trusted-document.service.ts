// Trusted documents of the current workspace: register a client build's manifest, list,
// remove, and turn the workspace's trusted-documents mode on or off. Registration checks
// every entry before writing any (one BAD_USER_INPUT naming each bad one), and is
// idempotent: a document is stored once per workspace, under the SHA-256 of its body.
import { GraphQLError, Kind, parse } from 'graphql';
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import type { Connection, PageArgs } from '../../../lib/connection.js';
import { CursorPart } from '../../../lib/cursor.js';
import { keysetOrder, pageQuery } from '../../../lib/paging.js';
import { invalidInput, notFound, requireWorkspace, type FieldProblem } from '../../../lib/errors.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';
import { MAX_DOCUMENTS_PER_CALL, MAX_DOCUMENT_BYTES_PER_CALL, documentHash, normalizeDocumentId } from '../../../lib/trusted-documents.js';
import type { Workspace } from '../workspaces/workspace.entity.js';
import { changeWorkspaceSetting } from '../workspaces/workspace-settings.js';
import { TrustedDocument } from './trusted-document.entity.js';
import type { RegisterTrustedDocumentsInput, TrustedDocumentInput } from './trusted-document.input.js';
import type { RegisterTrustedDocumentsPayload } from './register-trusted-documents.payload.js';

/** Trusted documents page in id order; their ids are SHA-256 hashes, not UUIDs. */
const TRUSTED_DOCUMENT_ORDER = keysetOrder<TrustedDocument>('trustedDocuments', [
  { sql: (alias) => `${alias}.id`, direction: 'asc', type: 'text', part: CursorPart.sha256, value: (document) => document.id },
]);

const MAX_NAME_LENGTH = 100;

/** Why a body cannot be a trusted document, or undefined when it can. */
function bodyProblem(body: string): string | undefined {
  let document;
  try {
    document = parse(body, { noLocation: true });
  } catch (error) {
    return `is not valid GraphQL: ${error instanceof GraphQLError ? error.message : 'unreadable'}`;
  }
  // Only what a client can send: operations and the fragments they use.
  if (document.definitions.some((definition) => definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION)) {
    return 'must hold only operations and fragments';
  }
  if (!document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)) return 'must hold at least one operation';
  return undefined;
}

/** Every problem of one entry, for `documents[index]`. */
function entryProblems(entry: TrustedDocumentInput, index: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const id = normalizeDocumentId(entry.id);
  if (id === undefined) {
    problems.push({ field: `documents[${index}].id`, reason: 'must be a SHA-256 in hex (64 characters), bare or as sha256:<hex>' });
  } else if (id !== documentHash(entry.body)) {
    // The expected value helps find the cause: a manifest made with another hash (Relay's MD5 default) or an edited body.
    problems.push({ field: `documents[${index}].id`, reason: `is not the SHA-256 of its body (${documentHash(entry.body)})` });
  }
  const body = bodyProblem(entry.body);
  if (body) problems.push({ field: `documents[${index}].body`, reason: body });
  return problems;
}

export class TrustedDocumentService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
  ) {}

  async register(input: RegisterTrustedDocumentsInput): Promise<RegisterTrustedDocumentsPayload> {
    const workspaceId = requireWorkspace(this.principal.workspaceId);
    const clientName = input.clientName.trim();
    const clientVersion = input.clientVersion?.trim() || null;
    const problems: FieldProblem[] = [];
    if (clientName.length === 0 || clientName.length > MAX_NAME_LENGTH) problems.push({ field: 'clientName', reason: `must be 1 to ${MAX_NAME_LENGTH} characters` });
    if (clientVersion !== null && clientVersion.length > MAX_NAME_LENGTH) problems.push({ field: 'clientVersion', reason: `must be at most ${MAX_NAME_LENGTH} characters` });
    if (input.documents.length === 0 || input.documents.length > MAX_DOCUMENTS_PER_CALL) {
      problems.push({ field: 'documents', reason: `must hold 1 to ${MAX_DOCUMENTS_PER_CALL} documents per call` });
    }
    const bytes = input.documents.reduce((total, entry) => total + Buffer.byteLength(entry.body, 'utf8'), 0);
    if (bytes > MAX_DOCUMENT_BYTES_PER_CALL) problems.push({ field: 'documents', reason: `bodies must total at most ${MAX_DOCUMENT_BYTES_PER_CALL} bytes per call` });
    input.documents.forEach((entry, index) => problems.push(...entryProblems(entry, index)));
    if (problems.length > 0) throw invalidInput(problems);

    // Valid entries with the same id have the same body: one row each.
    const documents = new Map(input.documents.map((entry) => [normalizeDocumentId(entry.id)!, entry.body]));
    return this.em.transactional(async (em) => {
      const createdAt = new Date();
      // ON CONFLICT DO NOTHING: a document registered concurrently by another build is "already registered", not an error.
      const inserted = (await em
        .createQueryBuilder(TrustedDocument)
        .insert(
          [...documents].map(([id, body]) => ({
            workspaceId,
            id,
            body,
            clientName,
            clientVersion,
            createdAt,
            createdByUserId: this.principal.userId ?? null,
            createdByKeyId: this.principal.keyId ?? null,
          })),
        )
        .onConflict(['workspaceId', 'id'])
        .ignore()
        .returning(['id'])
        .execute('all')) as unknown as { id: string }[];
      // One event per document actually stored, so "who registered this id?" is one filter on targetId.
      for (const { id } of inserted) {
        recordAuditEvent(em, this.principal, { targetType: 'TrustedDocument', verb: 'registered', targetId: id, workspaceId, changes: changedFields(null, { clientName, clientVersion }) });
      }
      await em.flush();
      return { registered: inserted.length, alreadyRegistered: documents.size - inserted.length };
    });
  }

  list(page: PageArgs): Promise<Connection<TrustedDocument>> {
    return pageQuery(this.em, { entity: TrustedDocument, where: { workspaceId: requireWorkspace(this.principal.workspaceId) }, order: TRUSTED_DOCUMENT_ORDER, page });
  }

  /** Removes a document; clients still sending its id get PERSISTED_QUERY_NOT_FOUND once gateway caches expire (a minute at most). */
  async remove(id: string): Promise<TrustedDocument> {
    const workspaceId = requireWorkspace(this.principal.workspaceId);
    const hash = normalizeDocumentId(id);
    const document = hash ? await this.em.findOne(TrustedDocument, { id: hash }) : null;
    if (!document) throw notFound('Trusted document');
    await this.em.transactional(async (em) => {
      em.remove(document);
      recordAuditEvent(em, this.principal, {
        targetType: 'TrustedDocument',
        verb: 'deleted',
        targetId: document.id,
        workspaceId,
        changes: changedFields({ clientName: document.clientName, clientVersion: document.clientVersion }, null),
      });
      await em.flush();
    });
    return document;
  }

  /**
   * Turns the current workspace's trusted-documents mode on or off. Every cached principal
   * of the workspace is dropped on every gateway, so the next request already obeys it.
   */
  setTrustedDocumentsOnly(enabled: boolean): Promise<Workspace> {
    return changeWorkspaceSetting(this.em, this.principal, 'trustedDocumentsOnly', enabled);
  }
}
