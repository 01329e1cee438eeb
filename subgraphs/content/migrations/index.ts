// Committed migrations of the content schema, oldest first. `npm run db:migration:create content` adds to it.
import type { Migration } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';
import { Migration20261201092734 } from './Migration20261201092734.js';
import { Migration20261123080000 } from './Migration20261123080000.js';
import { Migration20261122171220 } from './Migration20261122171220.js';
import { Migration20261122165430 } from './Migration20261122165430.js';
import { Migration20261122153919 } from './Migration20261122153919.js';

export const migrations: { name: string; class: Constructor<Migration> }[] = [
  { name: 'Migration20261122153919', class: Migration20261122153919 },
  { name: 'Migration20261122165430', class: Migration20261122165430 },
  { name: 'Migration20261122171220', class: Migration20261122171220 },
  { name: 'Migration20261123080000', class: Migration20261123080000 },
  { name: 'Migration20261201092734', class: Migration20261201092734 },
];
