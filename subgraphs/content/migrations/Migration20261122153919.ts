import { Migration } from '@mikro-orm/migrations';

export class Migration20261122153919 extends Migration {
  override name = 'Migration20261122153919';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "content";`);
    this.addSql(
      `create table "content"."content_types" ("workspace_id" uuid not null, "id" uuid not null, "name" text not null, "key" text not null, "description" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("workspace_id", "id"));`,
    );
    this.addSql(`alter table "content"."content_types" add constraint "content_types_workspace_id_key_unique" unique ("workspace_id", "key");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "content"."content_types" cascade;`);

    this.addSql(`drop schema if exists "content";`);
  }
}
