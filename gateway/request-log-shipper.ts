// Ships request-log entries to audit in batches, off the request path: record() only
// appends to a bounded buffer. A full buffer drops the oldest entries (counted, and logged
// once per flush rather than once per request), an unreachable audit is retried with
// backoff, and stop() flushes what is left, retrying for a few seconds before giving up.
import { postInternal } from '../lib/internal-call.js';
import type { Logger } from '../lib/logger.js';
import { REQUEST_LOG_INGEST_PATH, type RequestLogEntry } from '../lib/request-log.js';

export interface RequestLogShipperOptions {
  readonly auditUrl: string;
  readonly signingSecrets: readonly string[];
  readonly logger: Logger;
  readonly flushIntervalMs?: number;
  readonly batchSize?: number;
  readonly maxBuffered?: number;
  /** Longest wait between retries while audit is down; default 30 s. */
  readonly maxBackoffMs?: number;
  /** How long stop() keeps retrying an unreachable audit; default 5 s. */
  readonly shutdownTimeoutMs?: number;
  /** Per batch; default 10 s. */
  readonly requestTimeoutMs?: number;
}

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

  constructor(private readonly options: RequestLogShipperOptions) {}

  start(): void {
    const interval = this.options.flushIntervalMs ?? 1000;
    const tick = () => {
      if (this.stopped) return;
      const delay = this.failures === 0 ? interval : Math.min(interval * 2 ** this.failures, this.options.maxBackoffMs ?? 30_000);
      // A timer callback's promise is ignored: shipDue() never rejects, so nothing can end the process.
      this.timer = setTimeout(() => void this.shipDue().then(tick), delay);
      this.timer.unref();
    };
    tick();
  }

  /** One timer's work. Never rejects: a failure nobody expected is logged and the next tick comes all the same. */
  private async shipDue(): Promise<void> {
    try {
      this.reportDrops();
      await this.flush();
    } catch (error) {
      this.options.logger.error('request log shipping failed unexpectedly; will retry', { reason: error instanceof Error ? error.message : String(error) });
    }
  }

  record(entry: RequestLogEntry): void {
    this.buffer.push(entry);
    this.dropOverflow();
  }

  /** Keeps the buffer within its bound by dropping the oldest entries, counted. */
  private dropOverflow(): void {
    const excess = this.buffer.length - (this.options.maxBuffered ?? 50_000);
    if (excess <= 0) return;
    this.buffer.splice(0, excess);
    this.dropped += excess;
    this.droppedSinceReport += excess;
  }

  /** Sends everything buffered, batch by batch; on failure keeps the rest for the next try. */
  flush(): Promise<void> {
    // One drain at a time; the guard is cleared only after the drain has settled.
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private reportDrops(): void {
    if (this.droppedSinceReport === 0) return;
    this.options.logger.warn('request log buffer full; oldest entries dropped', { dropped: this.droppedSinceReport, droppedTotal: this.dropped });
    this.droppedSinceReport = 0;
  }

  private async drain(): Promise<void> {
    const size = this.options.batchSize ?? 500;
    while (this.buffer.length > 0) {
      // Taken out while in flight, so that drops of a full buffer never hit entries being sent.
      const batch = this.buffer.splice(0, size);
      try {
        await postInternal('audit', this.options.auditUrl, REQUEST_LOG_INGEST_PATH, { entries: batch }, this.options.signingSecrets, this.options.requestTimeoutMs ?? 10_000);
      } catch (error) {
        // Back at the front, still oldest first; audit stores an entry sent twice once.
        this.buffer.unshift(...batch);
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
  }
}
