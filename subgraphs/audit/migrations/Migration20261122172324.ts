import { Migration } from '@mikro-orm/migrations';

export class Migration20261122172324 extends Migration {
  override name = 'Migration20261122172324';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit"."deleted_workspaces" ("workspace_id" uuid not null, "deleted_at" timestamptz not null, primary key ("workspace_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit"."deleted_workspaces" cascade;`);
  }
}
