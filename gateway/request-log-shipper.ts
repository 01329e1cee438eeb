// Ships request-log entries to audit in batches, off the request path: record() only
// appends to a bounded buffer. A full buffer drops the oldest entries (counted and
// logged), an unreachable audit is retried with backoff, and stop() flushes what is left.
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
}

export class RequestLogShipper {
  private buffer: RequestLogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private failures = 0;
  /** Entries dropped because the buffer was full. */
  dropped = 0;

  constructor(private readonly options: RequestLogShipperOptions) {}

  start(): void {
    const interval = this.options.flushIntervalMs ?? 1000;
    const tick = () => {
      this.timer = setTimeout(async () => {
        await this.flush();
        tick();
      }, this.failures === 0 ? interval : Math.min(interval * 2 ** this.failures, 30_000));
      this.timer.unref();
    };
    tick();
  }

  record(entry: RequestLogEntry): void {
    this.buffer.push(entry);
    const max = this.options.maxBuffered ?? 50_000;
    if (this.buffer.length > max) {
      const excess = this.buffer.length - max;
      this.buffer.splice(0, excess);
      this.dropped += excess;
      this.options.logger.warn('request log buffer full; oldest entries dropped', { dropped: excess, droppedTotal: this.dropped });
    }
  }

  /** Sends everything buffered, batch by batch; on failure keeps the rest for the next try. */
  flush(): Promise<void> {
    // One drain at a time; the guard is cleared only after the drain has settled.
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    const size = this.options.batchSize ?? 500;
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, size);
      try {
        await postInternal(this.options.auditUrl, REQUEST_LOG_INGEST_PATH, { entries: batch }, this.options.signingSecrets, 10_000);
      } catch (error) {
        this.failures += 1;
        this.options.logger.warn('request log shipping failed; will retry', { buffered: this.buffer.length, reason: (error as Error).message });
        return;
      }
      this.failures = 0;
      this.buffer.splice(0, batch.length);
    }
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.flushing;
    await this.flush();
    if (this.buffer.length > 0) this.options.logger.error('request logs lost at shutdown: audit unreachable', { lost: this.buffer.length });
  }
}
