// The registry of what ran: each `npm run schema:publish` records the supergraph it
// deployed, with its git commit, so that `schema:check --base production` compares with
// what is actually serving rather than with the previous commit.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';

// Also the GraphQL type of `schemaVersions`: the API schema is the public contract; the
// supergraph (which names the subgraphs' internal URLs) is stored but never answered.
@Entity({ tableName: 'schema_versions' })
@Index({ properties: ['tag', 'publishedAt'] })
@Directive(scopes(['audit:read']))
@ObjectType({ description: 'A schema published with `npm run schema:publish`: what ran (or runs) where its tag says.' })
export class SchemaVersion {
  [OptionalProps]?: 'gitCommit' | 'publishedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Opaque id of the published version.' })
  id!: string;

  /** Where it runs: `production` unless published with another tag (`staging`). */
  @Property({ type: 'text' })
  @Field(() => String, { description: 'Where it was published for: `production` unless published with another tag (`staging`).' })
  tag!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The git commit it was published from; null when unknown.' })
  gitCommit: string | null = null;

  /** SHA-256 (hex) of the supergraph SDL. */
  @Property({ type: 'text' })
  @Field(() => String, { description: 'SHA-256 (hex) of the composed supergraph: two versions with the same hash run the same schema.' })
  supergraphHash!: string;

  @Property({ type: 'text' })
  supergraphSdl!: string;

  /** The client-facing schema derived from it (what clients and the checks compare). */
  @Property({ type: 'text' })
  @Field(() => String, { name: 'apiSchema', description: 'The client-facing schema (SDL), as `schema/api.graphql` holds it: what clients and `npm run schema:check` compare.' })
  apiSchemaSdl!: string;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When it was published.' })
  publishedAt: Date = new Date();
}
