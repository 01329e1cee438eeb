// The content subgraph's ORM definition: its schema, entities and committed migrations.
import type { SubgraphOrmDefinition } from '../../lib/orm.js';
import { ContentType } from './content-types/content-type.entity.js';
import { ContentField } from './fields/content-field.entity.js';
import { Item } from './items/item.entity.js';
import { ItemUniqueValue } from './items/item-unique-value.entity.js';
import { ItemValueCount } from './items/item-value-count.entity.js';
import { migrations } from './migrations/index.js';
import { SeenNonce } from '../../lib/seen-nonces/seen-nonce.entity.js';
import { OutboxEvent } from '../../lib/outbox/outbox-event.entity.js';

export const contentOrm: SubgraphOrmDefinition = {
  schema: 'content',
  entities: [ContentType, ContentField, Item, ItemUniqueValue, ItemValueCount, OutboxEvent, SeenNonce],
  migrations,
};
