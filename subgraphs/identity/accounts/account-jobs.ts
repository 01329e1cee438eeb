// Account work a request starts but does not wait for (the lookup and mail behind
// requestPasswordReset), tracked so that a clean shutdown finishes it before the database
// closes. A failure is logged (never with a token) and answers nobody: the request it came
// from was answered already, the same way whatever the job found.
import type { Logger } from '../../../lib/logger.js';

export class AccountJobs {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `job` now; returns at once. */
  start(name: string, job: () => Promise<void>): void {
    const running: Promise<void> = job()
      .catch((error: unknown) => this.logger.error('account job failed', { job: name, reason: (error as Error).message }))
      .finally(() => this.running.delete(running));
    this.running.add(running);
  }

  /** Resolves when every job started so far has ended. */
  async flush(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
