import { Migration } from '@mikro-orm/migrations';

export class Migration20261122171958 extends Migration {
  override name = 'Migration20261122171958';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "audit"."request_logs" add "credential_kind" text null, add "key_id" uuid null, add "user_id" uuid null, add "root_fields" text[] not null, add "client_ip" text null, add "user_agent" text null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "audit"."request_logs" drop column "credential_kind", drop column "key_id", drop column "user_id", drop column "root_fields", drop column "client_ip", drop column "user_agent";`,
    );
  }
}
