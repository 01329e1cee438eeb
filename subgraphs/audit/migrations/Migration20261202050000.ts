import { Migration } from '@mikro-orm/migrations';

// Schema usage (issue 19): the request log says which client sent which document; the
// operation registry says which schema coordinates each operation touches; daily counts
// per workspace, operation and client, partitioned by day like request_logs (retention
// drops them together); and the registry of published schema versions.
export class Migration20261202050000 extends Migration {
  override name = 'Migration20261202050000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit"."request_logs" add column "client_name" text null, add column "client_version" text null, add column "document_hash" text null;`);
    this.addSql(
      `create table "audit"."schema_operations" ("document_hash" text not null, "operation_name" text not null, "operation_type" text not null, "coordinates" text[] not null, "first_seen" timestamptz not null, "last_seen" timestamptz not null, primary key ("document_hash", "operation_name"));`,
    );
    this.addSql(`create index "schema_operations_coordinates_index" on "audit"."schema_operations" using gin ("coordinates");`);
    this.addSql(
      `create table "audit"."schema_usage" ("day" timestamptz not null, "id" uuid not null, "workspace_id" uuid null, "document_hash" text not null, "operation_name" text not null, "client_name" text not null, "client_version" text not null, "requests" bigint not null, "last_seen" timestamptz not null, primary key ("day", "id")) partition by range ("day");`,
    );
    this.addSql(`create unique index "schema_usage_key" on "audit"."schema_usage" ("workspace_id", "day", "document_hash", "operation_name", "client_name", "client_version") nulls not distinct;`);
    this.addSql(`create index "schema_usage_document_hash_day_index" on "audit"."schema_usage" ("document_hash", "day");`);
    this.addSql(
      `create table "audit"."schema_versions" ("id" uuid not null, "tag" text not null, "git_commit" text null, "supergraph_hash" text not null, "supergraph_sdl" text not null, "api_schema_sdl" text not null, "published_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "schema_versions_tag_published_at_index" on "audit"."schema_versions" ("tag", "published_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit"."schema_versions";`);
    this.addSql(`drop table if exists "audit"."schema_usage" cascade;`);
    this.addSql(`drop table if exists "audit"."schema_operations";`);
    this.addSql(`alter table "audit"."request_logs" drop column "client_name", drop column "client_version", drop column "document_hash";`);
  }
}
