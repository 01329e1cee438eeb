import { Migration } from '@mikro-orm/migrations';

export class Migration20261201110948 extends Migration {
  override name = 'Migration20261201110948';

  override up(): void | Promise<void> {
    // Sign-in tries per account, per account and address, per address (sign-in-throttle.ts);
    // replaces login_failures, whose counts (failures per email) are simply started over.
    this.addSql(`create table "identity"."sign_in_attempts" ("bucket" text not null, "attempts" int not null, "window_ends_at" timestamptz not null, primary key ("bucket"));`);
    this.addSql(`create index "sign_in_attempts_window_ends_at_index" on "identity"."sign_in_attempts" ("window_ends_at");`);

    this.addSql(`drop table if exists "identity"."login_failures" cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create table "identity"."login_failures" ("email_hash" text not null, "failures" int4 not null, "window_started_at" timestamptz(6) not null, primary key ("email_hash"));`);

    this.addSql(`drop table if exists "identity"."sign_in_attempts" cascade;`);
  }
}
