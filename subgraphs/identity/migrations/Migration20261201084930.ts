import { Migration } from '@mikro-orm/migrations';

export class Migration20261201084930 extends Migration {
  override name = 'Migration20261201084930';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "identity"."trusted_documents" ("workspace_id" uuid not null, "id" text not null, "body" text not null, "client_name" text not null, "client_version" text null, "created_at" timestamptz not null, "created_by_user_id" uuid null, "created_by_key_id" uuid null, primary key ("workspace_id", "id"));`,
    );

    this.addSql(`alter table "identity"."api_keys" add "trusted_documents_only" boolean not null default false;`);

    this.addSql(`alter table "identity"."workspaces" add "trusted_documents_only" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."trusted_documents" cascade;`);

    this.addSql(`alter table "identity"."api_keys" drop column "trusted_documents_only";`);

    this.addSql(`alter table "identity"."workspaces" drop column "trusted_documents_only";`);
  }
}
