// The audit subgraph's ORM definition: its schema, entities and committed migrations.
import type { SubgraphOrmDefinition } from '../../lib/orm.js';
import { migrations } from './migrations/index.js';
import { SeenNonce } from '../../lib/seen-nonces/seen-nonce.entity.js';
import { RequestLog } from './request-logs/request-log.entity.js';
import { AuditEvent } from './audit-events/audit-event.entity.js';
import { DeletedWorkspace } from './workspaces/deleted-workspace.entity.js';
import { SchemaOperation } from './schema-usage/schema-operation.entity.js';
import { SchemaUsage } from './schema-usage/schema-usage.entity.js';
import { SchemaVersion } from './schema-usage/schema-version.entity.js';

export const auditOrm: SubgraphOrmDefinition = {
  schema: 'audit',
  entities: [RequestLog, AuditEvent, DeletedWorkspace, SeenNonce, SchemaOperation, SchemaUsage, SchemaVersion],
  migrations,
};
