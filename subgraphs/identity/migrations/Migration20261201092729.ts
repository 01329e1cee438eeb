import { Migration } from '@mikro-orm/migrations';

export class Migration20261201092729 extends Migration {
  override name = 'Migration20261201092729';

  override up(): void | Promise<void> {
    // UNLOGGED: nonces live one signature window; losing them in a crash costs at most that window, and no WAL write per request.
    this.addSql(`create unlogged table "identity"."seen_nonces" ("nonce" text not null, "expires_at" timestamptz not null, primary key ("nonce"));`);
    this.addSql(`create index "seen_nonces_expires_at_index" on "identity"."seen_nonces" ("expires_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."seen_nonces" cascade;`);
  }
}
