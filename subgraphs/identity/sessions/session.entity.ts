// A signed-in session: a short-lived bearer token (stored as its SHA-256 only).
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { newId } from '../../../lib/ids.js';

@Entity({ tableName: 'sessions' })
@Index({ properties: ['userId'] })
export class Session {
  [OptionalProps]?: 'id' | 'createdAt' | 'revokedAt' | 'workspaceId';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  /** The workspace chosen at sign-in, used when a request names none. */
  @Property({ type: 'uuid', nullable: true })
  workspaceId: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
