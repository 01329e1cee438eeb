// Values of unique fields, one row each: the primary key makes uniqueness race-free under
// concurrent writes (jsonb cannot carry a unique index per field of a type).
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { PrimaryKeyProp } from '@mikro-orm/core';
import { WorkspaceOwned } from '../../../lib/workspace-filter.js';

@Entity({ tableName: 'item_unique_values' })
// Workspace-owned: every query sees the request's workspace only (lib/workspace-filter.ts).
@WorkspaceOwned()
export class ItemUniqueValue {
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

  @Property({ type: 'uuid' })
  itemId!: string;
}
