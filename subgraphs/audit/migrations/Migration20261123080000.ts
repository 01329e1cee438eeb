import { Migration } from '@mikro-orm/migrations';

// The audit trail: one row per change, delivered from the identity and content outboxes.
// Partitioned by day on created_at like request_logs (retention drops partitions; the
// primary key contains the partition key, and a redelivered event keeps both).
export class Migration20261123080000 extends Migration {
  override name = 'Migration20261123080000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit"."audit_events" ("created_at" timestamptz not null, "id" uuid not null, "workspace_id" uuid null, "actor_user_id" uuid null, "actor_key_id" uuid null, "credential_kind" text null, "action" text not null, "target_type" text not null, "target_id" text not null, "changes" jsonb not null, "correlation_id" text null, primary key ("created_at", "id")) partition by range ("created_at");`,
    );
    this.addSql(`create index "audit_events_workspace_id_created_at_index" on "audit"."audit_events" ("workspace_id", "created_at");`);
    this.addSql(`create index "audit_events_actor_user_id_created_at_index" on "audit"."audit_events" ("actor_user_id", "created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit"."audit_events" cascade;`);
  }
}
