// A trusted document: an operation a client build registered for a workspace, stored under
// its id (SHA-256 of the body), so that clients can send the id instead of the text and a
// workspace or key in trusted-documents mode runs nothing else. Workspace first in the key.
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { WorkspaceOwned } from '../../../lib/workspace-filter.js';

@Entity({ tableName: 'trusted_documents' })
// Workspace-owned: every query sees the request's workspace only (lib/workspace-filter.ts).
@WorkspaceOwned()
// Reached only through trustedDocuments and the document mutations, which declare scopes.
@Directive(scopes([]))
@ObjectType({ description: 'An operation registered by a client build (a persisted query list entry): runnable by its id.' })
export class TrustedDocument {
  [PrimaryKeyProp]?: ['workspaceId', 'id'];
  [OptionalProps]?: 'createdAt' | 'clientVersion' | 'createdByUserId' | 'createdByKeyId';

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'text' })
  @Field(() => ID, { description: 'SHA-256 of the body, 64 hex characters; send it as `documentId` (bare or as `sha256:<hex>`).' })
  id!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The operation text, exactly as registered.' })
  body!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The client that registered it (`clientName` of registerTrustedDocuments).' })
  clientName!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The client build that registered it, when given.' })
  clientVersion: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When it was first registered.' })
  createdAt: Date = new Date();

  /** Who registered it: a user, and the key when a key was used (a workspace key has no user). */
  @Property({ type: 'uuid', nullable: true })
  createdByUserId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  createdByKeyId: string | null = null;
}
