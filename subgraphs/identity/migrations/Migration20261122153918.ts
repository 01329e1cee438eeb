import { Migration } from '@mikro-orm/migrations';

export class Migration20261122153918 extends Migration {

  override name = 'Migration20261122153918';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "identity";`);
    this.addSql(`create table "identity"."users" ("id" uuid not null, "email" text not null, "name" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "identity"."users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "identity"."workspaces" ("id" uuid not null, "name" text not null, "created_at" timestamptz not null, primary key ("id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."users" cascade;`);
    this.addSql(`drop table if exists "identity"."workspaces" cascade;`);

    this.addSql(`drop schema if exists "identity";`);
  }

}
