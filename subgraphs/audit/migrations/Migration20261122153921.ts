import { Migration } from '@mikro-orm/migrations';

export class Migration20261122153921 extends Migration {
  override name = 'Migration20261122153921';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "audit";`);
    this.addSql(
      `create table "audit"."request_logs" ("id" uuid not null, "workspace_id" uuid null, "correlation_id" text not null, "operation_name" text null, "operation_type" text null, "outcome" text not null, "http_status" int not null, "duration_ms" int not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "request_logs_workspace_id_created_at_index" on "audit"."request_logs" ("workspace_id", "created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit"."request_logs" cascade;`);

    this.addSql(`drop schema if exists "audit";`);
  }
}
