// A user's account at an OpenID provider, linked to their Atrium account: (issuer, subject)
// names one person at one provider for good (an email can change hands; a `sub` never does),
// so a later sign-in finds the user by it, whatever their email says by then.
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { newId } from '../../../lib/ids.js';

@Entity({ tableName: 'user_identities' })
@Unique({ properties: ['issuer', 'subject'] })
@Index({ properties: ['userId'] })
export class UserIdentity {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** The provider's issuer URL (the token's `iss`), not the configured id: renaming an id keeps the links. */
  @Property({ type: 'text' })
  issuer!: string;

  /** The provider's stable id of the person (`sub`). */
  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  /** The email the provider vouched for when the link was made (for support; sign-in never reads it). */
  @Property({ type: 'text' })
  emailAtLink!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
