import { Migration } from '@mikro-orm/migrations';

// Invitations by mail (issue 17): when an invitation was last mailed and how many times, so
// the inviter sees it. Invitations made before were never mailed: null and 0.
export class Migration20261222090000 extends Migration {
  override name = 'Migration20261222090000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "identity"."invitations" add column "last_sent_at" timestamptz null, add column "send_count" int not null default 0;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "identity"."invitations" drop column "last_sent_at", drop column "send_count";`);
  }
}
