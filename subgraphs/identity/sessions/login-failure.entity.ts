// Failed sign-ins per email (keyed by the email's SHA-256, so the table holds no address),
// to slow down password guessing against one account.
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'login_failures' })
export class LoginFailure {
  @PrimaryKey({ type: 'text' })
  emailHash!: string;

  @Property({ type: 'integer' })
  failures!: number;

  @Property({ type: 'timestamptz' })
  windowStartedAt!: Date;
}
