import { Migration } from '@mikro-orm/migrations';

// Trusted issuers (issue 17): identity providers whose Bearer JWTs a workspace accepts.
// Workspace first in the primary key and the unique index (DESIGN.md "Storage").
export class Migration20261224090000 extends Migration {
  override name = 'Migration20261224090000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "identity"."trusted_issuers" ("workspace_id" uuid not null, "id" uuid not null, "issuer_url" text not null, "audience" text not null, "jwks_uri" text not null, "email_claim" text not null default 'email', "email_verified_claim" text not null default 'email_verified', "created_at" timestamptz not null, "created_by_user_id" uuid null, "created_by_key_id" uuid null, primary key ("workspace_id", "id"));`,
    );
    this.addSql(`alter table "identity"."trusted_issuers" add constraint "trusted_issuers_workspace_id_issuer_url_audience_unique" unique ("workspace_id", "issuer_url", "audience");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."trusted_issuers" cascade;`);
  }
}
