// The request-log entry the gateway ships to audit: the contract between them. Never the
// secret, never variables' values.
export interface RequestLogEntry {
  readonly id: string;
  readonly correlationId: string;
  /** ISO time the request arrived. */
  readonly time: string;
  readonly credentialKind: string | null;
  readonly keyId: string | null;
  readonly userId: string | null;
  readonly workspaceId: string | null;
  readonly operationName: string | null;
  readonly operationType: string | null;
  readonly rootFields: readonly string[];
  /** `OK`, or the distinct error codes of the response joined by commas. */
  readonly outcome: string;
  readonly httpStatus: number;
  readonly durationMs: number;
  readonly clientIp: string | null;
  readonly userAgent: string | null;
}

/** Audit's internal ingest endpoint (gateway signature only). Body: `{ entries: RequestLogEntry[] }`. */
export const REQUEST_LOG_INGEST_PATH = '/internal/request-logs';

/** The most entries one ingest call may carry: audit refuses more, the gateway sends batches of at most this. */
export const MAX_REQUEST_LOG_BATCH = 1000;
