// Ships request-log entries to audit in batches, off the request path: record() only
// appends to a bounded buffer. A full buffer drops the oldest entries (counted, and logged
// once per flush rather than once per request), an unreachable audit is retried with
// backoff, and stop() flushes what is left, retrying for a few seconds before giving up.
//
// What logging costs is mostly per call to audit, not per entry (an HTTP request, a signed
// nonce, a statement and a commit in audit and PostgreSQL, on the same machine under load),
// so batches are big and rare: every 5 s, or as soon as a whole batch is waiting, which
// also keeps the buffer small under heavy traffic. They go over a keep-alive node:http
// connection of the shipper's own (the subgraph client), not Node's fetch: undici's
// Request, Headers and body streams were most of what logging cost the gateway itself.
import { internalCallHeaders, PeerUnavailableError } from '../lib/internal-call.js';
import type { Logger } from '../lib/logger.js';
import { LRUCache } from 'lru-cache';
import { MAX_OPERATIONS_PER_BATCH, MAX_REQUEST_LOG_BATCH, MAX_REQUEST_LOG_BATCH_BYTES, REQUEST_LOG_INGEST_PATH, type RequestLogEntry } from '../lib/request-log.js';
import { operationKey, type OperationRegistration } from '../lib/schema-usage.js';
import { createSubgraphClient } from './subgraph-client.js';

export interface RequestLogShipperOptions {
  readonly auditUrl: string;
  readonly signingSecrets: readonly string[];
  readonly logger: Logger;
  /** How often what is buffered is shipped, however little; default 5 s. */
  readonly flushIntervalMs?: number;
  /** Entries per call to audit; default (and at most) MAX_REQUEST_LOG_BATCH. A whole batch waiting ships at once. */
  readonly batchSize?: number;
  readonly maxBuffered?: number;
  /** Longest wait between retries while audit is down; default 30 s. */
  readonly maxBackoffMs?: number;
  /** How long stop() keeps retrying an unreachable audit; default 5 s. */
  readonly shutdownTimeoutMs?: number;
  /** Per batch; default 10 s. */
  readonly requestTimeoutMs?: number;
}

const DEFAULT_FLUSH_INTERVAL_MS = 5000;
/**
 * How long an operation audit took stays registered before this gateway sends it again
 * (its last_seen moves on, and a registry wiped meanwhile fills again); daily counts say
 * exactly when it ran.
 */
const REGISTRATION_TTL_MS = 3_600_000;
/**
 * Coordinates of the operations waiting to be registered, all together (a few MB); a flood
 * of distinct documents beyond it is registered later, as its documents come again.
 */
const MAX_PENDING_COORDINATES = 200_000;

const registrationKey = (registration: OperationRegistration) => operationKey(registration.documentHash, registration.operationName);

export class RequestLogShipper {
  /** Entries waiting to be sent, oldest first (the batch in flight is not among them). */
  private buffer: RequestLogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private failures = 0;
  private stopped = false;
  private droppedSinceReport = 0;
  /** Entries dropped: the buffer was full, or audit was still unreachable at shutdown. */
  dropped = 0;
  private readonly client = createSubgraphClient();
  private readonly ingestUrl: URL;
  private readonly batchSize: number;
  /** Operations of the registry to send with the next batches, by document hash and operation name. */
  private pendingOperations = new Map<string, OperationRegistration>();
  private pendingCoordinates = 0;
  /** Operations audit has taken (within the TTL): their requests only add counts. */
  private readonly registered = new LRUCache<string, true>({ max: 50_000, ttl: REGISTRATION_TTL_MS, ttlAutopurge: false });

  constructor(private readonly options: RequestLogShipperOptions) {
    this.ingestUrl = new URL(REQUEST_LOG_INGEST_PATH, options.auditUrl);
    this.batchSize = Math.min(options.batchSize ?? MAX_REQUEST_LOG_BATCH, MAX_REQUEST_LOG_BATCH);
  }

  start(): void {
    const interval = this.options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
    const tick = () => {
      if (this.stopped) return;
      const delay = this.failures === 0 ? interval : Math.min(interval * 2 ** this.failures, this.options.maxBackoffMs ?? 30_000);
      // A timer callback's promise is ignored: shipDue() never rejects, so nothing can end the process.
      this.timer = setTimeout(() => void this.shipDue().then(tick), delay);
      this.timer.unref();
    };
    tick();
  }

  /**
   * One timer's work (everything buffered), or only the whole batches waiting. Never
   * rejects: a failure nobody expected is logged and the next tick comes all the same.
   */
  private async shipDue(wholeBatchesOnly = false): Promise<void> {
    try {
      this.reportDrops();
      await this.flush(wholeBatchesOnly);
    } catch (error) {
      this.options.logger.error('request log shipping failed unexpectedly; will retry', { reason: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Queues one entry, with the registration of its operation (sent once, until the TTL ends). */
  record(entry: RequestLogEntry, registration?: OperationRegistration): void {
    if (registration) this.register(registration);
    this.buffer.push(entry);
    this.dropOverflow();
    // A whole batch ships now rather than at the next tick; never while backing off from a
    // failure (the timer retries), nor beside a drain in flight (it will take it).
    if (this.buffer.length >= this.batchSize && this.failures === 0 && !this.flushing && !this.stopped) void this.shipDue(true);
  }

  /** Keeps the buffer within its bound by dropping the oldest entries, counted. */
  private dropOverflow(): void {
    const excess = this.buffer.length - (this.options.maxBuffered ?? 50_000);
    if (excess <= 0) return;
    this.buffer.splice(0, excess);
    this.dropped += excess;
    this.droppedSinceReport += excess;
  }

  /** Sends everything buffered (or only its whole batches), batch by batch; on failure keeps the rest for the next try. */
  flush(wholeBatchesOnly = false): Promise<void> {
    // One drain at a time; the guard is cleared only after the drain has settled.
    this.flushing ??= this.drain(wholeBatchesOnly ? this.batchSize : 1).finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private reportDrops(): void {
    if (this.droppedSinceReport === 0) return;
    this.options.logger.warn('request log buffer full; oldest entries dropped', { dropped: this.droppedSinceReport, droppedTotal: this.dropped });
    this.droppedSinceReport = 0;
  }

  /** Queues an operation of the registry for the next batches, unless audit has it (within the TTL) or it waits already. */
  register(registration: OperationRegistration): void {
    const key = registrationKey(registration);
    if (!this.registered.has(key) && !this.pendingOperations.has(key) && this.pendingCoordinates < MAX_PENDING_COORDINATES) this.queueOperation(key, registration);
  }

  private queueOperation(key: string, registration: OperationRegistration): void {
    this.pendingOperations.set(key, registration);
    this.pendingCoordinates += registration.coordinates.length;
  }

  /** One batch (its JSON) to audit; rejects with PeerUnavailableError unless audit took it (2xx). */
  private async send(body: string): Promise<void> {
    const headers = internalCallHeaders('audit', body, this.options.signingSecrets);
    let status: number;
    try {
      ({ status } = await this.client.post(this.ingestUrl, headers, body, { timeoutMs: this.options.requestTimeoutMs ?? 10_000 }));
    } catch (error) {
      throw new PeerUnavailableError(this.ingestUrl.origin, (error as Error).message);
    }
    if (status < 200 || status >= 300) throw new PeerUnavailableError(this.ingestUrl.origin, `HTTP ${status}`);
  }

  /**
   * The next batch, taken out of the buffer and the registration queue: oldest entries first,
   * then operations, as many as fit in one call (a batch's count, and MAX_REQUEST_LOG_BATCH_BYTES
   * of JSON: a body audit would refuse would be retried for ever). Each is serialised once, to
   * be measured and joined. An entry too big to send at all is dropped, counted.
   */
  private takeBatch(): { entries: RequestLogEntry[]; operations: OperationRegistration[]; body: string } {
    const entries: RequestLogEntry[] = [];
    const parts: string[] = [];
    let bytes = 64;
    while (entries.length < this.batchSize && this.buffer.length > 0) {
      const json = JSON.stringify(this.buffer[0]);
      const size = Buffer.byteLength(json) + 1;
      if (size + 64 > MAX_REQUEST_LOG_BATCH_BYTES) {
        this.buffer.shift();
        this.dropped += 1;
        this.droppedSinceReport += 1;
        continue;
      }
      if (bytes + size > MAX_REQUEST_LOG_BATCH_BYTES) break;
      entries.push(this.buffer.shift()!);
      parts.push(json);
      bytes += size;
    }
    const operations: OperationRegistration[] = [];
    const operationParts: string[] = [];
    for (const [key, operation] of this.pendingOperations) {
      if (operations.length === MAX_OPERATIONS_PER_BATCH) break;
      const json = JSON.stringify(operation);
      const size = Buffer.byteLength(json) + 1;
      // Bounded by MAX_COORDINATES_PER_OPERATION, one always fits a batch of its own.
      if (bytes + size > MAX_REQUEST_LOG_BATCH_BYTES) break;
      operations.push(operation);
      operationParts.push(json);
      bytes += size;
      this.pendingOperations.delete(key);
      this.pendingCoordinates -= operation.coordinates.length;
    }
    const body = `{"entries":[${parts.join(',')}]${operationParts.length > 0 ? `,"operations":[${operationParts.join(',')}]` : ''}}`;
    return { entries, operations, body };
  }

  /** Ships batches while at least `least` entries wait (1: everything). */
  private async drain(least: number): Promise<void> {
    // A full drain also sends registrations left over when more than a batch's worth waited.
    while (this.buffer.length >= least || (least === 1 && this.pendingOperations.size > 0)) {
      // Taken out while in flight, so that drops of a full buffer never hit entries being sent.
      const { entries, operations, body } = this.takeBatch();
      if (entries.length === 0 && operations.length === 0) return;
      try {
        await this.send(body);
        for (const operation of operations) this.registered.set(registrationKey(operation), true);
      } catch (error) {
        // Back at the front, still oldest first; audit stores an entry sent twice once.
        this.buffer.unshift(...entries);
        for (const operation of operations) this.queueOperation(registrationKey(operation), operation);
        this.dropOverflow();
        this.failures += 1;
        this.options.logger.warn('request log shipping failed; will retry', { buffered: this.buffer.length, attempt: this.failures, reason: (error as Error).message });
        return;
      }
      this.failures = 0;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.flushing;
    const deadline = Date.now() + (this.options.shutdownTimeoutMs ?? 5000);
    await this.flush();
    for (let attempt = 1; this.buffer.length > 0 && Date.now() < deadline; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(200 * attempt, Math.max(0, deadline - Date.now()))));
      await this.flush();
    }
    this.reportDrops();
    if (this.buffer.length > 0) {
      this.dropped += this.buffer.length;
      this.options.logger.error('request logs lost at shutdown: audit unreachable', { lost: this.buffer.length, droppedTotal: this.dropped });
      this.buffer = [];
    }
    this.client.close();
  }
}
