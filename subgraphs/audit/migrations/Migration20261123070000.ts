import { Migration } from '@mikro-orm/migrations';

// request_logs becomes a table partitioned by day on created_at, so that retention drops
// whole partitions instead of deleting rows. PostgreSQL cannot partition a table in place:
// the old table is renamed, the partitioned one created with the partitions its rows need,
// the rows copied, the old table dropped. The primary key must contain the partition key:
// (created_at, id); ingest stays idempotent because a retried entry keeps both.
const COLUMNS = `"id" uuid not null, "workspace_id" uuid null, "correlation_id" text not null, "operation_name" text null, "operation_type" text null,
  "outcome" text not null, "http_status" int not null, "duration_ms" int not null, "created_at" timestamptz not null, "credential_kind" text null,
  "key_id" uuid null, "user_id" uuid null, "root_fields" text[] not null, "client_ip" text null, "user_agent" text null`;
const COLUMN_NAMES = `"id", "workspace_id", "correlation_id", "operation_name", "operation_type", "outcome", "http_status", "duration_ms", "created_at",
  "credential_kind", "key_id", "user_id", "root_fields", "client_ip", "user_agent"`;

export class Migration20261123070000 extends Migration {
  override name = 'Migration20261123070000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit"."request_logs" rename to "request_logs_unpartitioned";`);
    this.addSql(`alter table "audit"."request_logs_unpartitioned" rename constraint "request_logs_pkey" to "request_logs_unpartitioned_pkey";`);
    this.addSql(`alter index "audit"."request_logs_workspace_id_created_at_index" rename to "request_logs_unpartitioned_workspace_id_created_at_index";`);
    this.addSql(`create table "audit"."request_logs" (${COLUMNS}, primary key ("created_at", "id")) partition by range ("created_at");`);
    this.addSql(`create index "request_logs_workspace_id_created_at_index" on "audit"."request_logs" ("workspace_id", "created_at");`);
    this.addSql(`create index "request_logs_key_id_created_at_index" on "audit"."request_logs" ("key_id", "created_at");`);
    // One partition per UTC day that holds rows (named as day-partitions.ts names them).
    this.addSql(`do $$
      declare day date;
      begin
        for day in select distinct (created_at at time zone 'UTC')::date from "audit"."request_logs_unpartitioned" loop
          execute format('create table "audit".%I partition of "audit"."request_logs" for values from (%L) to (%L)',
            'request_logs_p' || to_char(day, 'YYYYMMDD'), day::text || ' 00:00:00+00', (day + 1)::text || ' 00:00:00+00');
        end loop;
      end $$;`);
    this.addSql(`insert into "audit"."request_logs" (${COLUMN_NAMES}) select ${COLUMN_NAMES} from "audit"."request_logs_unpartitioned";`);
    this.addSql(`drop table "audit"."request_logs_unpartitioned";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create table "audit"."request_logs_unpartitioned" (${COLUMNS}, primary key ("id"));`);
    this.addSql(`insert into "audit"."request_logs_unpartitioned" (${COLUMN_NAMES}) select ${COLUMN_NAMES} from "audit"."request_logs";`);
    this.addSql(`drop table "audit"."request_logs" cascade;`);
    this.addSql(`alter table "audit"."request_logs_unpartitioned" rename to "request_logs";`);
    this.addSql(`alter table "audit"."request_logs" rename constraint "request_logs_unpartitioned_pkey" to "request_logs_pkey";`);
    this.addSql(`create index "request_logs_workspace_id_created_at_index" on "audit"."request_logs" ("workspace_id", "created_at");`);
  }
}
