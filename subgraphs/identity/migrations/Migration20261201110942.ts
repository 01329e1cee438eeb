import { Migration } from '@mikro-orm/migrations';

// Invitations get their own table (issue 12): a pending member (user_id null, invited_email
// set) used to become a membership when anyone registered with that email. Each one moves
// into invitations as PENDING for a week, with the hash of a random value nobody knows
// as its token: it shows up in `invitations`, where an admin revokes it and invites again
// (the invitee then gets a token). Members then always have a user.
export class Migration20261201110942 extends Migration {
  override name = 'Migration20261201110942';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "identity"."invitations" ("workspace_id" uuid not null, "id" uuid not null, "email" text not null, "role_id" uuid not null, "token_hash" text not null, "invited_by_user_id" uuid null, "invited_by_key_id" uuid null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "accepted_at" timestamptz null, "accepted_by_user_id" uuid null, "revoked_at" timestamptz null, primary key ("workspace_id", "id"));`,
    );
    this.addSql(`create index "invitations_token_hash_index" on "identity"."invitations" ("token_hash");`);
    this.addSql(`create index "invitations_workspace_id_email_index" on "identity"."invitations" ("workspace_id", "email");`);

    this.addSql(`insert into "identity"."invitations" ("workspace_id", "id", "email", "role_id", "token_hash", "created_at", "expires_at")
      select "workspace_id", "id", lower("invited_email"), "role_id", encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'), "created_at", now() + interval '7 days'
        from "identity"."members" where "user_id" is null;`);
    this.addSql(`delete from "identity"."members" where "user_id" is null;`);

    this.addSql(`drop index "identity"."members_invited_email_index";`);
    this.addSql(`alter table "identity"."members" drop constraint "members_workspace_id_invited_email_unique";`);
    this.addSql(`alter table "identity"."members" drop column "invited_email";`);
    this.addSql(`alter table "identity"."members" alter column "user_id" set not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "identity"."members" add "invited_email" text null;`);
    this.addSql(`alter table "identity"."members" alter column "user_id" drop not null;`);
    this.addSql(`create index "members_invited_email_index" on "identity"."members" ("invited_email");`);
    this.addSql(`alter table "identity"."members" add constraint "members_workspace_id_invited_email_unique" unique ("workspace_id", "invited_email");`);

    // Pending invitations become pending members again (one per address and workspace).
    this.addSql(`insert into "identity"."members" ("workspace_id", "id", "user_id", "invited_email", "role_id", "created_at")
      select distinct on ("workspace_id", "email") "workspace_id", "id", null, "email", "role_id", "created_at"
        from "identity"."invitations"
       where "accepted_at" is null and "revoked_at" is null and "expires_at" > now()
       order by "workspace_id", "email", "created_at" desc;`);
    this.addSql(`drop table if exists "identity"."invitations" cascade;`);
  }
}
