// A person who can sign in. Other subgraphs refer to users through the federated entity.
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { newId } from '../../../lib/ids.js';
import { NODE_TYPE_TAGS } from '../../../lib/node-types.js';
import { Node } from '../nodes/node.interface.js';

@Entity({ tableName: 'users' })
@Directive('@key(fields: "id")')
// Reaching a user at all takes a field that is itself guarded (me, Member.user).
@Directive(scopes([]))
@ObjectType({ implements: Node, description: 'A person with an Atrium account.' })
export class User {
  [OptionalProps]?: 'id' | 'createdAt' | 'emailVerifiedAt' | 'passwordHash' | 'emailVerified';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the user.' })
  id: string = newId(NODE_TYPE_TAGS.User);

  /** Stored lower-cased, so uniqueness ignores case. */
  @Property({ type: 'text', unique: true })
  @Field(() => String, { description: 'Email address the user signs in with.' })
  email!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  /**
   * When the user proved they receive mail at `email` (a mailed link, or an OpenID provider
   * that vouches for it); null until then. DESIGN.md: an address counts as a user's only once
   * verified, so invitations, API keys and account linking wait for it.
   */
  @Property({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null = null;

  @Field(() => Boolean, { description: 'Whether the user proved they receive mail at `email`. Until then they cannot create API keys or join workspaces they were invited to.' })
  get emailVerified(): boolean {
    return this.emailVerifiedAt !== null;
  }

  /** scrypt hash (lib/passwords.ts); never a GraphQL field. Null for an account made by signing in with an OpenID provider, until a password is set (resetPassword). */
  @Property({ type: 'text', lazy: true, nullable: true })
  passwordHash: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the account was created (ISO-8601 UTC).' })
  createdAt: Date = new Date();
}
