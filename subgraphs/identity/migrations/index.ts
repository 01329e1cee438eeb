// Committed migrations of the identity schema, oldest first. `npm run db:migration:create identity` adds to it.
import type { Migration } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';
import { Migration20261211090000 } from './Migration20261211090000.js';
import { Migration20261215090000 } from './Migration20261215090000.js';
import { Migration20261220090000 } from './Migration20261220090000.js';
import { Migration20261221090000 } from './Migration20261221090000.js';
import { Migration20261222090000 } from './Migration20261222090000.js';
import { Migration20261223090000 } from './Migration20261223090000.js';
import { Migration20261224090000 } from './Migration20261224090000.js';
import { Migration20261226090000 } from './Migration20261226090000.js';
import { Migration20261210090000 } from './Migration20261210090000.js';
import { Migration20261201110942 } from './Migration20261201110942.js';
import { Migration20261201110948 } from './Migration20261201110948.js';
import { Migration20261201092729 } from './Migration20261201092729.js';
import { Migration20261201084930 } from './Migration20261201084930.js';
import { Migration20261122170344 } from './Migration20261122170344.js';
import { Migration20261122164634 } from './Migration20261122164634.js';
import { Migration20261122163733 } from './Migration20261122163733.js';

export const migrations: { name: string; class: Constructor<Migration> }[] = [
  { name: 'Migration20261122163733', class: Migration20261122163733 },
  { name: 'Migration20261122164634', class: Migration20261122164634 },
  { name: 'Migration20261122170344', class: Migration20261122170344 },
  { name: 'Migration20261201084930', class: Migration20261201084930 },
  { name: 'Migration20261201092729', class: Migration20261201092729 },
  { name: 'Migration20261201110942', class: Migration20261201110942 },
  { name: 'Migration20261201110948', class: Migration20261201110948 },
  { name: 'Migration20261210090000', class: Migration20261210090000 },
  { name: 'Migration20261211090000', class: Migration20261211090000 },
  { name: 'Migration20261215090000', class: Migration20261215090000 },
  { name: 'Migration20261220090000', class: Migration20261220090000 },
  { name: 'Migration20261221090000', class: Migration20261221090000 },
  { name: 'Migration20261222090000', class: Migration20261222090000 },
  { name: 'Migration20261223090000', class: Migration20261223090000 },
  { name: 'Migration20261224090000', class: Migration20261224090000 },
  { name: 'Migration20261226090000', class: Migration20261226090000 },
];
