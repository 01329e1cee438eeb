import { Migration } from '@mikro-orm/migrations';

// Sign-in with OpenID Connect (issue 17): identity.user_identities links a provider's
// (issuer, subject) to a user, one user per pair.
export class Migration20261223090000 extends Migration {
  override name = 'Migration20261223090000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "identity"."user_identities" ("id" uuid not null, "issuer" text not null, "subject" text not null, "user_id" uuid not null, "email_at_link" text not null, "created_at" timestamptz not null, constraint "user_identities_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "identity"."user_identities" add constraint "user_identities_issuer_subject_unique" unique ("issuer", "subject");`);
    this.addSql(`create index "user_identities_user_id_index" on "identity"."user_identities" ("user_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."user_identities";`);
  }
}
