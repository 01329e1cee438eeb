// Remembers when each key was last used and tells identity in batches, off the request
// path: at most one report per key per minute, one request per flush, and a final flush
// on shutdown. A failed report is kept and retried with the next flush.
import { LRUCache } from 'lru-cache';
import { KEY_USAGE_PATH, type KeyUsageReport } from '../lib/principal.js';
import type { Logger } from '../lib/logger.js';
import type { IdentityClient } from './identity-client.js';

const REPORT_INTERVAL_MS = 60_000;
const MAX_PENDING = 50_000;

export interface KeyUsageRecorderOptions {
  readonly identity: IdentityClient;
  readonly logger: Logger;
  readonly flushIntervalMs: number;
  readonly now?: () => number;
}

export class KeyUsageRecorder {
  private pending = new Map<string, number>();
  /**
   * Keys reported less than a minute ago, not to be reported again yet. Only that minute
   * matters, so older entries are dropped at every flush: a map of every key ever reported
   * grew for the gateway's whole life (one entry per key seen; `npm run bench:soak` mints
   * keys as it runs). Bounded by count as well, in case a minute holds more keys than that:
   * a key evicted early is only reported again a little sooner.
   */
  private readonly recentlyReported = new LRUCache<string, true>({
    max: MAX_PENDING,
    ttl: REPORT_INTERVAL_MS,
    // The recorder's clock (tests move it), read afresh each time rather than cached for a millisecond.
    perf: { now: () => this.now() },
    ttlResolution: 0,
  });
  private timer: NodeJS.Timeout | undefined;
  /** Reports sent to identity (tests and metrics). */
  reportsSent = 0;

  constructor(private readonly options: KeyUsageRecorderOptions) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  record(keyId: string): void {
    if (this.pending.size >= MAX_PENDING && !this.pending.has(keyId)) return;
    this.pending.set(keyId, this.now());
  }

  async flush(): Promise<void> {
    const now = this.now();
    this.recentlyReported.purgeStale();
    const due: Record<string, string> = {};
    for (const [keyId, usedAt] of this.pending) {
      if (this.recentlyReported.has(keyId)) continue;
      due[keyId] = new Date(usedAt).toISOString();
    }
    const keyIds = Object.keys(due);
    if (keyIds.length === 0) return;
    for (const keyId of keyIds) this.pending.delete(keyId);
    try {
      const report: KeyUsageReport = { lastUsed: due };
      await this.options.identity.post(KEY_USAGE_PATH, report);
      this.reportsSent += 1;
      for (const keyId of keyIds) this.recentlyReported.set(keyId, true, { start: now });
    } catch (error) {
      this.options.logger.warn('key usage report failed; retrying with the next flush', { keys: keyIds.length, reason: (error as Error).message });
      for (const [keyId, usedAt] of Object.entries(due)) if (!this.pending.has(keyId)) this.pending.set(keyId, Date.parse(usedAt));
    }
  }

  /** Keys remembered as reported in the last minute (tests). */
  get recentlyReportedKeys(): number {
    return this.recentlyReported.size;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    // On shutdown every pending use is reported, whatever the per-minute limit.
    this.recentlyReported.clear();
    await this.flush();
  }
}
