import { Migration } from '@mikro-orm/migrations';

export class Migration20261122165430 extends Migration {
  override name = 'Migration20261122165430';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "content"."content_fields" ("workspace_id" uuid not null, "id" uuid not null, "content_type_id" uuid not null, "key" text not null, "name" text not null, "kind" text not null, "required" boolean not null default false, "unique" boolean not null default false, "options" jsonb not null, "position" int not null, "created_at" timestamptz not null, primary key ("workspace_id", "id"));`,
    );
    this.addSql(`create index "content_fields_workspace_id_content_type_id_position_index" on "content"."content_fields" ("workspace_id", "content_type_id", "position");`);
    this.addSql(`alter table "content"."content_fields" add constraint "content_fields_workspace_id_content_type_id_key_unique" unique ("workspace_id", "content_type_id", "key");`);

    this.addSql(
      `create table "content"."items" ("workspace_id" uuid not null, "id" uuid not null, "content_type_id" uuid not null, "values" jsonb not null, "created_by" uuid null, "updated_by" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("workspace_id", "id"));`,
    );
    this.addSql(`create index "items_values_gin" on "content"."items" using gin ("values" jsonb_path_ops);`);
    this.addSql(`create index "items_workspace_id_content_type_id_updated_at_id_index" on "content"."items" ("workspace_id", "content_type_id", "updated_at", "id");`);
    this.addSql(`create index "items_workspace_id_content_type_id_created_at_id_index" on "content"."items" ("workspace_id", "content_type_id", "created_at", "id");`);
    this.addSql(`create index "items_workspace_id_content_type_id_id_index" on "content"."items" ("workspace_id", "content_type_id", "id");`);

    this.addSql(
      `create table "content"."item_unique_values" ("workspace_id" uuid not null, "content_type_id" uuid not null, "field_key" text not null, "value" text not null, "item_id" uuid not null, primary key ("workspace_id", "content_type_id", "field_key", "value"));`,
    );

    this.addSql(`alter table "content"."content_types" add "item_count" int not null default 0;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "content"."content_fields" cascade;`);
    this.addSql(`drop table if exists "content"."items" cascade;`);
    this.addSql(`drop table if exists "content"."item_unique_values" cascade;`);

    this.addSql(`alter table "content"."content_types" drop column "item_count";`);
  }
}
