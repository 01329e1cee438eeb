// The identity subgraph's ORM definition: its schema, entities and committed migrations.
import type { SubgraphOrmDefinition } from '../../lib/orm.js';
import { migrations } from './migrations/index.js';
import { User } from './users/user.entity.js';
import { Workspace } from './workspaces/workspace.entity.js';

export const identityOrm: SubgraphOrmDefinition = {
  schema: 'identity',
  entities: [Workspace, User],
  migrations,
};
