import { Migration } from '@mikro-orm/migrations';

// Content's transactional outbox (lib/outbox): audit events of content's changes are
// written here in the change's transaction and delivered by content's relay.
export class Migration20261123080000 extends Migration {
  override name = 'Migration20261123080000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "content"."outbox_events" ("id" uuid not null, "topic" text not null, "payload" jsonb not null, "pending_targets" text[] not null, "attempts" int not null default 0, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "outbox_events_created_at_index" on "content"."outbox_events" ("created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "content"."outbox_events" cascade;`);
  }
}
