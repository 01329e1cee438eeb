// The registry of what ran: each `npm run schema:publish` records the supergraph it
// deployed, with its git commit, so that `schema:check --base production` compares with
// what is actually serving rather than with the previous commit.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';

@Entity({ tableName: 'schema_versions' })
@Index({ properties: ['tag', 'publishedAt'] })
export class SchemaVersion {
  [OptionalProps]?: 'gitCommit' | 'publishedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Where it runs: `production` unless published with another tag (`staging`). */
  @Property({ type: 'text' })
  tag!: string;

  @Property({ type: 'text', nullable: true })
  gitCommit: string | null = null;

  /** SHA-256 (hex) of the supergraph SDL. */
  @Property({ type: 'text' })
  supergraphHash!: string;

  @Property({ type: 'text' })
  supergraphSdl!: string;

  /** The client-facing schema derived from it (what clients and the checks compare). */
  @Property({ type: 'text' })
  apiSchemaSdl!: string;

  @Property({ type: 'timestamptz' })
  publishedAt: Date = new Date();
}
