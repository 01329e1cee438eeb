import { Migration } from '@mikro-orm/migrations';

export class Migration20261122171220 extends Migration {
  override name = 'Migration20261122171220';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "content"."item_value_counts" ("workspace_id" uuid not null, "content_type_id" uuid not null, "field_key" text not null, "value" text not null, "count" int not null, primary key ("workspace_id", "content_type_id", "field_key", "value"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "content"."item_value_counts" cascade;`);
  }
}
