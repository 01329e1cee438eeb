import { Migration } from '@mikro-orm/migrations';

export class Migration20261210090000 extends Migration {
  override name = 'Migration20261210090000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "identity"."api_keys" add "rate_limit" int null;`);

    this.addSql(`alter table "identity"."workspaces" add "rate_limit" int null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "identity"."api_keys" drop column "rate_limit";`);

    this.addSql(`alter table "identity"."workspaces" drop column "rate_limit";`);
  }
}
