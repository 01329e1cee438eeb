import { Migration } from '@mikro-orm/migrations';

// Mailed single-use account tokens (issue 17): email verification, email change and
// password reset. Only each token's SHA-256 is stored; a token is used once (used_at).
export class Migration20261221090000 extends Migration {
  override name = 'Migration20261221090000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "identity"."account_tokens" ("id" uuid not null, "user_id" uuid not null, "purpose" text not null, "email" text not null, "token_hash" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "identity"."account_tokens" add constraint "account_tokens_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "account_tokens_user_id_purpose_index" on "identity"."account_tokens" ("user_id", "purpose");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."account_tokens" cascade;`);
  }
}
