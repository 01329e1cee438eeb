// Committed migrations of the audit schema, oldest first. `npm run db:migration:create audit` adds to it.
import type { Migration } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';
import { Migration20261202050000 } from './Migration20261202050000.js';
import { Migration20261201160000 } from './Migration20261201160000.js';
import { Migration20261201092738 } from './Migration20261201092738.js';
import { Migration20261123080000 } from './Migration20261123080000.js';
import { Migration20261123070000 } from './Migration20261123070000.js';
import { Migration20261122172324 } from './Migration20261122172324.js';
import { Migration20261122171958 } from './Migration20261122171958.js';
import { Migration20261122153921 } from './Migration20261122153921.js';

export const migrations: { name: string; class: Constructor<Migration> }[] = [
  { name: 'Migration20261122153921', class: Migration20261122153921 },
  { name: 'Migration20261122171958', class: Migration20261122171958 },
  { name: 'Migration20261122172324', class: Migration20261122172324 },
  { name: 'Migration20261123070000', class: Migration20261123070000 },
  { name: 'Migration20261123080000', class: Migration20261123080000 },
  { name: 'Migration20261201092738', class: Migration20261201092738 },
  { name: 'Migration20261201160000', class: Migration20261201160000 },
  { name: 'Migration20261202050000', class: Migration20261202050000 },
];
