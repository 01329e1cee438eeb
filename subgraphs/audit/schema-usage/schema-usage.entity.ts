// Daily usage counts: one row per (workspace, UTC day, operation, client name, client
// version), the number of requests the gateway logged for it. Written by request-log
// ingest in the same statement as the entries themselves, so a batch the gateway sends
// twice counts once. Partitioned by day like request_logs, so retention drops it with them.
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';

@Entity({ tableName: 'schema_usage' })
// The row a count is added to; requests without a workspace (`me`, `apiKeys`) are one group (nulls not distinct).
@Unique({
  name: 'schema_usage_key',
  expression: `create unique index "schema_usage_key" on "audit"."schema_usage" ("workspace_id", "day", "document_hash", "operation_name", "client_name", "client_version") nulls not distinct`,
})
@Index({ properties: ['documentHash', 'day'] })
export class SchemaUsage {
  [OptionalProps]?: 'id' | 'workspaceId';
  [PrimaryKeyProp]?: ['day', 'id'];

  /** Midnight UTC of the day counted: the partition key, first in the primary key. */
  @PrimaryKey({ type: 'timestamptz' })
  day!: Date;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', nullable: true })
  workspaceId: string | null = null;

  @Property({ type: 'text' })
  documentHash!: string;

  /** '' for an operation without a name. */
  @Property({ type: 'text' })
  operationName!: string;

  /** '' when the request named no client (no apollographql-client-name header, no client on the key). */
  @Property({ type: 'text' })
  clientName!: string;

  /** '' when unknown. */
  @Property({ type: 'text' })
  clientVersion!: string;

  @Property({ type: 'bigint' })
  requests!: string;

  @Property({ type: 'timestamptz' })
  lastSeen!: Date;
}
