import { Migration } from '@mikro-orm/migrations';

export class Migration20261122170344 extends Migration {
  override name = 'Migration20261122170344';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "identity"."outbox_events" ("id" uuid not null, "topic" text not null, "payload" jsonb not null, "pending_targets" text[] not null, "attempts" int not null default 0, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "outbox_events_created_at_index" on "identity"."outbox_events" ("created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."outbox_events" cascade;`);
  }
}
