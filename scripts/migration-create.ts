// `npm run db:migration:create <subgraph>`: writes a migration for the difference between
// a subgraph's entities and its migrated schema, then lists it in migrations/index.ts.
import 'reflect-metadata';
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { loadConfig } from '../lib/config.js';
import { openDatabase } from '../lib/database-runtime.js';
import { createLogger } from '../lib/logger.js';
import { initORM, migrateSchema } from '../lib/orm.js';
import { SUBGRAPHS, type SubgraphName } from '../lib/subgraph-list.js';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs/registry.js';

const name = process.argv[2] as SubgraphName | undefined;
if (!name || !SUBGRAPHS.some((subgraph) => subgraph.name === name)) {
  console.error(`usage: npm run db:migration:create <${SUBGRAPHS.map((subgraph) => subgraph.name).join('|')}>`);
  process.exit(2);
}
const config = loadConfig();
const logger = createLogger(config.logLevel);
const database = await openDatabase(config, logger);
const definition = SUBGRAPH_DEFINITIONS[name].orm;
const orm = await initORM(definition, { databaseUrl: database.databaseUrl });
try {
  await migrateSchema(orm, name);
  const folder = path.resolve('subgraphs', name, 'migrations');
  const result = await orm.migrator.create(folder, false, false);
  if (!result.fileName) {
    console.log(`${name}: entities and schema agree; no migration written`);
  } else {
    const className = path.basename(result.fileName).replace(/\.ts$/, '');
    const indexFile = path.join(folder, 'index.ts');
    const index = await readFile(indexFile, 'utf8');
    const withImport = index.replace(/(import type \{ Constructor \}[^\n]*\n)/, `$1import { ${className} } from './${className}.js';\n`);
    const updated = withImport.replace(/\] = \[([^\]]*)\];/, (_match, list: string) => {
      const entries = list.trim() ? `${list.trim().replace(/,$/, '')},\n  ` : '\n  ';
      return `] = [${entries}{ name: '${className}', class: ${className} },\n];`;
    });
    await writeFile(indexFile, updated);
    console.log(`${name}: wrote ${path.relative(process.cwd(), path.join(folder, result.fileName))}`);
  }
} finally {
  await orm.close();
  await database.stop();
}
