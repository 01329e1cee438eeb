import { Migration } from '@mikro-orm/migrations';

// Schema usage by client (issue 19): the client name a key's requests are recorded under
// when they carry no apollographql-client-name header. Null for the keys made before.
export class Migration20261226090000 extends Migration {
  override name = 'Migration20261226090000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "identity"."api_keys" add "client" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "identity"."api_keys" drop column "client";`);
  }
}
