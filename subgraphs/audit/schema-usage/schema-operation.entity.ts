// The operation registry: for each operation the gateway has seen (document hash and
// operation name), the schema coordinates it touches, computed once by the gateway
// (lib/schema-usage.ts) and shipped with the request logs. Content-addressed, so not
// owned by a workspace: who ran it, and how often, is in schema_usage, per workspace.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { PrimaryKeyProp } from '@mikro-orm/core';

@Entity({ tableName: 'schema_operations' })
// "Which operations touch this coordinate?" is the question every usage read asks.
@Index({ name: 'schema_operations_coordinates_index', expression: `create index "schema_operations_coordinates_index" on "audit"."schema_operations" using gin ("coordinates")` })
export class SchemaOperation {
  [PrimaryKeyProp]?: ['documentHash', 'operationName'];

  /** SHA-256 (hex) of the document's text: the id of APQ and trusted documents too. */
  @PrimaryKey({ type: 'text' })
  documentHash!: string;

  /** '' for an operation without a name. */
  @PrimaryKey({ type: 'text' })
  operationName!: string;

  @Property({ type: 'text' })
  operationType!: string;

  /** Schema coordinates (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `Input.field`), sorted. */
  @Property({ type: 'text[]' })
  coordinates!: string[];

  @Property({ type: 'timestamptz' })
  firstSeen!: Date;

  /** When a gateway last registered it (at most hourly per gateway): schema_usage has the exact days. */
  @Property({ type: 'timestamptz' })
  lastSeen!: Date;
}
