import { Migration } from '@mikro-orm/migrations';

// Verified email (issue 17): users.email_verified_at, and password_hash nullable (accounts
// made by signing in with an OpenID provider have no password until they set one). Accounts
// that exist already registered before any mail was sent: they count as verified from their
// creation, so upgrading locks nobody out of their keys.
export class Migration20261220090000 extends Migration {
  override name = 'Migration20261220090000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "identity"."users" add column "email_verified_at" timestamptz null;`);
    this.addSql(`update "identity"."users" set "email_verified_at" = "created_at";`);
    this.addSql(`alter table "identity"."users" alter column "password_hash" drop not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "identity"."users" where "password_hash" is null;`);
    this.addSql(`alter table "identity"."users" alter column "password_hash" set not null;`);
    this.addSql(`alter table "identity"."users" drop column "email_verified_at";`);
  }
}
