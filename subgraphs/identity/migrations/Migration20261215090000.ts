import { Migration } from '@mikro-orm/migrations';

// ApiKey.rotatedFrom looks a key up by the key it was rotated to.
export class Migration20261215090000 extends Migration {
  override name = 'Migration20261215090000';

  override up(): void | Promise<void> {
    this.addSql(`create index "api_keys_rotated_to_key_id_index" on "identity"."api_keys" ("rotated_to_key_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "identity"."api_keys_rotated_to_key_id_index";`);
  }
}
