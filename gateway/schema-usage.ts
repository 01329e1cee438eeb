// Schema usage at the gateway: for each distinct document, its hash and the schema
// coordinates each of its operations touches (lib/schema-usage.ts), computed once and kept
// with the parsed document, so that a request only looks them up. The coordinates are read
// against the API schema the gateway runs now; a new schema (development composition)
// starts the cache afresh.
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { operationCoordinates, type OperationRegistration } from '../lib/schema-usage.js';
import { documentHash } from '../lib/trusted-documents.js';

interface DocumentUsage {
  readonly documentHash: string;
  /** By operation name ('' for none); null when the document names no such operation. */
  readonly operations: Map<string, OperationRegistration | null>;
}

/** Operation names remembered per document: a document has few, but a client may send many unknown names. */
const MAX_NAMES_PER_DOCUMENT = 16;

export class SchemaUsageIndex {
  private schema: GraphQLSchema | undefined;
  /** Documents are parsed once and cached by text (the document step), so one entry per distinct text. */
  private documents = new WeakMap<DocumentNode, DocumentUsage>();

  /** The API schema the gateway runs (on load and on every update). */
  setSchema(schema: GraphQLSchema): void {
    if (schema === this.schema) return;
    this.schema = schema;
    this.documents = new WeakMap();
  }

  /**
   * The hash of the document (`text` is the text it was parsed from) and the registration
   * of the operation the request ran (undefined before a schema is loaded, or when the
   * document names no such operation).
   */
  of(document: DocumentNode, text: string, operationName: string | undefined): { documentHash: string; registration?: OperationRegistration } {
    let usage = this.documents.get(document);
    if (!usage) this.documents.set(document, (usage = { documentHash: documentHash(text), operations: new Map() }));
    const key = operationName ?? '';
    let registration = usage.operations.get(key);
    if (registration === undefined && this.schema) {
      const touched = operationCoordinates(this.schema, document, operationName);
      registration = touched ? { documentHash: usage.documentHash, operationName: key, operationType: touched.type, coordinates: touched.coordinates } : null;
      if (usage.operations.size < MAX_NAMES_PER_DOCUMENT) usage.operations.set(key, registration);
    }
    return registration ? { documentHash: usage.documentHash, registration } : { documentHash: usage.documentHash };
  }
}
