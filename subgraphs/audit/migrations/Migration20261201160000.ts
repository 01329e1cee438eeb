import { Migration } from '@mikro-orm/migrations';

export class Migration20261201160000 extends Migration {
  override name = 'Migration20261201160000';

  override up(): void | Promise<void> {
    // Filtering request logs by outcome through an index (request-log.service.ts): a GIN over the comma-joined codes as an array, on every day partition.
    this.addSql(`create index "request_logs_outcomes_index" on "audit"."request_logs" using gin (string_to_array("outcome", ','));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "audit"."request_logs_outcomes_index";`);
  }
}
