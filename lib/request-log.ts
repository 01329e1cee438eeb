// The request-log entry the gateway ships to audit: the contract between them. Never the
// secret, never variables' values. The value lists below are the single source of what an
// entry may hold: the gateway writes them, audit validates them on ingest, and the GraphQL
// enums of RequestLog (subgraphs/audit/request-logs/request-log.enums.ts) are built from them.
import { ERROR_GUIDANCE, type ClientErrorCode } from './errors.js';
import { DEFAULT_BODY_LIMIT } from './http-server.js';
import type { CredentialKind } from './principal.js';
import type { OperationRegistration } from './schema-usage.js';

export const CREDENTIAL_KINDS = ['session', 'user_key', 'workspace_key', 'jwt'] as const satisfies readonly CredentialKind[];

export const OPERATION_TYPES = ['query', 'mutation', 'subscription'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

/**
 * How a request ended, one or more per entry: `OK`; every `extensions.code` a client can
 * see; `CLIENT_CLOSED` (the client hung up before its answer was complete); `HTTP_ERROR`
 * (an HTTP error status with no error code, e.g. 408: `httpStatus` says which); `UNKNOWN`
 * (an error without a code the gateway knows).
 */
export const REQUEST_OUTCOMES = ['OK', ...(Object.keys(ERROR_GUIDANCE) as ClientErrorCode[]), 'CLIENT_CLOSED', 'HTTP_ERROR', 'UNKNOWN'] as const;
export type RequestOutcome = 'OK' | ClientErrorCode | 'CLIENT_CLOSED' | 'HTTP_ERROR' | 'UNKNOWN';

const OUTCOMES = new Set<string>(REQUEST_OUTCOMES);

/** A code as an outcome: itself when the vocabulary has it, else UNKNOWN. */
export function requestOutcomeOf(code: string | undefined): RequestOutcome {
  return code !== undefined && OUTCOMES.has(code) ? (code as RequestOutcome) : 'UNKNOWN';
}

/**
 * The stored outcome (outcomes joined by commas) as a list of outcomes. Entries written
 * before the vocabulary was fixed may hold `HTTP_<status>` (now HTTP_ERROR) or a code it
 * lacks (UNKNOWN), so every stored row reads as values of the enum.
 */
export function parseStoredOutcome(stored: string): RequestOutcome[] {
  const outcomes = stored.split(',').map((code) => (/^HTTP_\d+$/.test(code) ? 'HTTP_ERROR' : requestOutcomeOf(code)));
  return [...new Set(outcomes)];
}

export interface RequestLogEntry {
  readonly id: string;
  readonly correlationId: string;
  /** ISO time the request arrived. */
  readonly time: string;
  readonly credentialKind: CredentialKind | null;
  readonly keyId: string | null;
  readonly userId: string | null;
  readonly workspaceId: string | null;
  readonly operationName: string | null;
  readonly operationType: OperationType | null;
  readonly rootFields: readonly string[];
  /** `OK`, or the distinct outcomes of the response (REQUEST_OUTCOMES) joined by commas. */
  readonly outcome: string;
  readonly httpStatus: number;
  readonly durationMs: number;
  readonly clientIp: string | null;
  readonly userAgent: string | null;
  /**
   * SHA-256 (hex) of the document the request ran (its text, or the text its APQ hash or
   * trusted-document id named); null without one. Schema usage counts it per client and
   * day; the operation registry (the batch's `operations`) says what it touches.
   */
  readonly documentHash?: string | null;
  /** `apollographql-client-name`, else the key's `client` (lib/client-name.ts checks both). */
  readonly clientName?: string | null;
  /** `apollographql-client-version`. */
  readonly clientVersion?: string | null;
}

/**
 * One ingest call: the entries, and the operations of the registry (lib/schema-usage.ts)
 * this gateway has not yet registered (or not for an hour): stored together, in one transaction.
 */
export interface RequestLogBatch {
  readonly entries: readonly RequestLogEntry[];
  readonly operations?: readonly OperationRegistration[];
}

/** Audit's internal ingest endpoint (gateway signature only). Body: a RequestLogBatch. */
export const REQUEST_LOG_INGEST_PATH = '/internal/request-logs';

/** The most entries one ingest call may carry: audit refuses more, the gateway sends batches of at most this. */
export const MAX_REQUEST_LOG_BATCH = 1000;

/** The most registry operations one ingest call may carry (each is bounded by MAX_COORDINATES_PER_OPERATION). */
export const MAX_OPERATIONS_PER_BATCH = 200;

/**
 * The most bytes of JSON one ingest call carries: audit reads at most DEFAULT_BODY_LIMIT of a
 * body (a larger one is refused, and would be retried for ever), less room for the envelope.
 */
export const MAX_REQUEST_LOG_BATCH_BYTES = DEFAULT_BODY_LIMIT - 4096;
