// A mailed single-use account token: the link in a verification, email-change or
// password-reset mail. Only the token's SHA-256 is stored (lib/api-key-format.ts); the
// token itself exists in the mail alone. Using one is a conditional UPDATE of `usedAt`
// (account-tokens.ts), so of two uses at once exactly one wins.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { newId } from '../../../lib/ids.js';

export enum AccountTokenPurpose {
  /** Proves the account's own address (register, resendVerification). */
  VERIFY_EMAIL = 'VERIFY_EMAIL',
  /** Proves a new address (changeEmail); the account's email changes when it is used. */
  CHANGE_EMAIL = 'CHANGE_EMAIL',
  /** Sets a new password (requestPasswordReset). */
  RESET_PASSWORD = 'RESET_PASSWORD',
}

@Entity({ tableName: 'account_tokens' })
@Index({ properties: ['userId', 'purpose'] })
export class AccountToken {
  [OptionalProps]?: 'id' | 'createdAt' | 'usedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  purpose!: AccountTokenPurpose;

  /** The address the mail went to: what using the token proves. */
  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** When it was used; a token is used once. */
  @Property({ type: 'timestamptz', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
