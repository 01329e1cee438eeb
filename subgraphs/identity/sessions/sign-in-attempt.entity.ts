// Sign-in tries counted per bucket: one account, one account from one client address, one
// client address (sign-in and register). The bucket names its kind and the SHA-256 of what
// it counts, so the table holds no email address and no client address.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'sign_in_attempts' })
@Index({ properties: ['windowEndsAt'] })
export class SignInAttempt {
  /** `<kind>:<sha256 hex>`, kind one of account, account-address, address, register-address. */
  @PrimaryKey({ type: 'text' })
  bucket!: string;

  /** Tries reserved in the current window, refused ones included. */
  @Property({ type: 'integer' })
  attempts!: number;

  /** When the window ends and the count starts over (the database's clock). */
  @Property({ type: 'timestamptz' })
  windowEndsAt!: Date;
}
