import { Migration } from '@mikro-orm/migrations';

export class Migration20261211090000 extends Migration {
  override name = 'Migration20261211090000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "identity"."workspaces" add "description" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "identity"."workspaces" drop column "description";`);
  }
}
