import { Migration } from '@mikro-orm/migrations';

export class Migration20261122163733 extends Migration {
  override name = 'Migration20261122163733';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "identity";`);
    this.addSql(
      `create table "identity"."api_keys" ("id" uuid not null, "kind" text not null, "user_id" uuid null, "workspace_id" uuid null, "created_by_user_id" uuid not null, "description" text not null, "secret_hash" text not null, "hint" text not null, "scopes" text[] not null, "workspace_ids" text[] not null, "created_at" timestamptz not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "rotated_to_key_id" uuid null, "last_used_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "identity"."api_keys" add constraint "api_keys_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "api_keys_workspace_id_index" on "identity"."api_keys" ("workspace_id");`);
    this.addSql(`create index "api_keys_user_id_index" on "identity"."api_keys" ("user_id");`);

    this.addSql(`create table "identity"."login_failures" ("email_hash" text not null, "failures" int not null, "window_started_at" timestamptz not null, primary key ("email_hash"));`);

    this.addSql(
      `create table "identity"."members" ("workspace_id" uuid not null, "id" uuid not null, "user_id" uuid not null, "role_id" uuid not null, "created_at" timestamptz not null, primary key ("workspace_id", "id"));`,
    );
    this.addSql(`create index "members_user_id_index" on "identity"."members" ("user_id");`);
    this.addSql(`alter table "identity"."members" add constraint "members_workspace_id_user_id_unique" unique ("workspace_id", "user_id");`);

    this.addSql(
      `create table "identity"."roles" ("workspace_id" uuid not null, "id" uuid not null, "key" text not null, "name" text not null, "built_in" boolean not null default false, "permissions" text[] not null, "created_at" timestamptz not null, primary key ("workspace_id", "id"));`,
    );
    this.addSql(`alter table "identity"."roles" add constraint "roles_workspace_id_key_unique" unique ("workspace_id", "key");`);

    this.addSql(
      `create table "identity"."sessions" ("id" uuid not null, "user_id" uuid not null, "token_hash" text not null, "workspace_id" uuid null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "identity"."sessions" add constraint "sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "sessions_user_id_index" on "identity"."sessions" ("user_id");`);

    this.addSql(
      `create table "identity"."users" ("id" uuid not null, "email" text not null, "name" text not null, "password_hash" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "identity"."users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "identity"."workspaces" ("id" uuid not null, "name" text not null, "created_at" timestamptz not null, primary key ("id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."api_keys" cascade;`);
    this.addSql(`drop table if exists "identity"."login_failures" cascade;`);
    this.addSql(`drop table if exists "identity"."members" cascade;`);
    this.addSql(`drop table if exists "identity"."roles" cascade;`);
    this.addSql(`drop table if exists "identity"."sessions" cascade;`);
    this.addSql(`drop table if exists "identity"."users" cascade;`);
    this.addSql(`drop table if exists "identity"."workspaces" cascade;`);

    this.addSql(`drop schema if exists "identity";`);
  }
}
