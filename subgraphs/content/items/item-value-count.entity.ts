// How many items of a type hold each value of a low-cardinality field (single selects,
// booleans), kept in the same transaction as every write. It answers the commonest
// filtered count (`status = published`) in one row read, and tells the list query whether
// a value is common enough to walk the ordered index rather than the GIN index.
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { PrimaryKeyProp } from '@mikro-orm/core';
import { WorkspaceOwned } from '../../../lib/workspace-filter.js';

@Entity({ tableName: 'item_value_counts' })
// Workspace-owned: every query sees the request's workspace only (lib/workspace-filter.ts).
@WorkspaceOwned()
export class ItemValueCount {
  [PrimaryKeyProp]?: ['workspaceId', 'contentTypeId', 'fieldKey', 'value'];

  @PrimaryKey({ type: 'uuid' })
  workspaceId!: string;

  @PrimaryKey({ type: 'uuid' })
  contentTypeId!: string;

  @PrimaryKey({ type: 'text' })
  fieldKey!: string;

  /** The value as canonical JSON text. */
  @PrimaryKey({ type: 'text' })
  value!: string;

  @Property({ type: 'integer' })
  count!: number;
}
