// ContentType.fields for every type of a response at once, through the shared relation-page
// loader: in their order (position, then id), only fields of the request's workspace.
import type DataLoader from 'dataloader';
import type { Connection } from '../../../lib/connection.js';
import { CursorPart } from '../../../lib/cursor.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { idColumn, keysetOrder } from '../../../lib/paging.js';
import { createRelationPageLoader, type RelationPageKey } from '../../../lib/relation-page-loader.js';
import { ContentField } from './content-field.entity.js';

/** `ContentType.fields`: by position, then id; its cursors hold both. */
const TYPE_FIELDS_ORDER = keysetOrder<ContentField>('ContentType.fields', [
  { sql: (alias) => `${alias}.position`, direction: 'asc', type: 'integer', part: CursorPart.integer, value: (field) => field.position },
  idColumn(),
]);

export function createTypeFieldsLoader(em: SubgraphEntityManager): DataLoader<RelationPageKey, Connection<ContentField>, string> {
  return createRelationPageLoader({
    em,
    list: 'ContentType.fields',
    entity: ContentField,
    order: TYPE_FIELDS_ORDER,
    source: 'select f.content_type_id as parent_id, f.* from "content"."content_fields" f where f.content_type_id = any(?::uuid[])',
  });
}
