// Published schema versions for tests that need some listed (schemaVersions): recorded as
// `npm run schema:publish` records them (scripts/schema-registry.ts), each a distinct supergraph.
import { readFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { initORM } from '../lib/orm.js';
import { repositoryPath } from '../lib/paths.js';
import { SUPERGRAPH_FILE } from '../lib/subgraph-list.js';
import { apiSchemaOf } from '../scripts/api-schema.js';
import { publishSchema } from '../scripts/schema-registry.js';
import { auditOrm } from '../subgraphs/audit/orm.js';

/** Publishes `count` versions under `tag`: the committed supergraph, told apart by a comment. */
export async function publishSchemaVersions(databaseUrl: string, count: number, tag = 'production'): Promise<void> {
  const supergraph = readFileSync(repositoryPath(SUPERGRAPH_FILE), 'utf8');
  const apiSchemaSdl = printSchema(apiSchemaOf(supergraph));
  const orm = await initORM(auditOrm, { databaseUrl, poolSize: 1 });
  try {
    for (let index = 0; index < count; index += 1) {
      await publishSchema(orm.em.fork(), { tag, gitCommit: `${index}`.padStart(40, '0'), supergraphSdl: `${supergraph}# test version ${index}\n`, apiSchemaSdl });
    }
  } finally {
    await orm.close();
  }
}
