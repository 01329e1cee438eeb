import { Migration } from '@mikro-orm/migrations';

export class Migration20261122164634 extends Migration {
  override name = 'Migration20261122164634';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "identity"."member_groups" ("workspace_id" uuid not null, "id" uuid not null, "name" text not null, "description" text null, "created_at" timestamptz not null, primary key ("workspace_id", "id"));`,
    );
    this.addSql(`alter table "identity"."member_groups" add constraint "member_groups_workspace_id_name_unique" unique ("workspace_id", "name");`);

    this.addSql(
      `create table "identity"."member_group_users" ("workspace_id" uuid not null, "group_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, primary key ("workspace_id", "group_id", "user_id"));`,
    );
    this.addSql(`create index "member_group_users_workspace_id_user_id_index" on "identity"."member_group_users" ("workspace_id", "user_id");`);

    this.addSql(`alter table "identity"."members" add "invited_email" text null;`);
    this.addSql(`alter table "identity"."members" alter column "user_id" drop not null;`);
    this.addSql(`create index "members_invited_email_index" on "identity"."members" ("invited_email");`);
    this.addSql(`alter table "identity"."members" add constraint "members_workspace_id_invited_email_unique" unique ("workspace_id", "invited_email");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."member_groups" cascade;`);
    this.addSql(`drop table if exists "identity"."member_group_users" cascade;`);

    this.addSql(`drop index "identity"."members_invited_email_index";`);
    this.addSql(`alter table "identity"."members" drop constraint "members_workspace_id_invited_email_unique";`);
    this.addSql(`alter table "identity"."members" drop column "invited_email";`);
    this.addSql(`alter table "identity"."members" alter column "user_id" set not null;`);
  }
}
