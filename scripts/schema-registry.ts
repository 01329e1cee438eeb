// The registry of published schemas in audit's schema_versions: `npm run schema:publish`
// records what is deployed, `schema:check --base production` (through a database usage
// source) reads the latest of a tag. The gateway's `schemaVersions` query reads the same table.
import { createHash } from 'node:crypto';
import type { SubgraphEntityManager } from '../lib/orm.js';
import { newId } from '../lib/ids.js';
import { SchemaVersion } from '../subgraphs/audit/schema-usage/schema-version.entity.js';

/** A tag names where a schema runs: `production`, `staging`, `eu-2`. */
const SCHEMA_TAG = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export function assertSchemaTag(tag: string): string {
  if (!SCHEMA_TAG.test(tag)) throw new RangeError(`${JSON.stringify(tag)} is not a tag: lower-case letters, digits, '.', '_' and '-', at most 63, such as production or staging`);
  return tag;
}

/** What the checks need of a published version. */
export interface PublishedSchema {
  readonly tag: string;
  readonly gitCommit: string | null;
  readonly supergraphHash: string;
  readonly apiSchema: string;
  readonly publishedAt: Date;
}

export function supergraphHashOf(supergraphSdl: string): string {
  return createHash('sha256').update(supergraphSdl).digest('hex');
}

/** The version of `tag` published last, or undefined when none was. */
export async function latestPublished(em: SubgraphEntityManager, tag: string): Promise<PublishedSchema | undefined> {
  const version = await em.findOne(SchemaVersion, { tag }, { orderBy: { publishedAt: 'desc', id: 'desc' } });
  return version ? { tag: version.tag, gitCommit: version.gitCommit, supergraphHash: version.supergraphHash, apiSchema: version.apiSchemaSdl, publishedAt: version.publishedAt } : undefined;
}

export interface Publication {
  readonly tag: string;
  readonly gitCommit: string | null;
  readonly supergraphSdl: string;
  readonly apiSchemaSdl: string;
}

/**
 * Records `publication` as the latest version of its tag, unless the latest already has
 * the same supergraph (published twice by a re-run deploy): then nothing is written and
 * `recorded` is false. A rollback to an older supergraph is recorded again (it is what
 * runs now). Publications of one tag are serialized, so two at once cannot both record.
 */
export async function publishSchema(em: SubgraphEntityManager, publication: Publication): Promise<{ recorded: boolean; version: PublishedSchema }> {
  const supergraphHash = supergraphHashOf(publication.supergraphSdl);
  return em.transactional(async (tx) => {
    await tx.getConnection().execute(`select pg_advisory_xact_lock(hashtext('audit.schema_versions'), hashtext(?))`, [publication.tag], 'all', tx.getTransactionContext());
    const latest = await latestPublished(tx, publication.tag);
    if (latest?.supergraphHash === supergraphHash) return { recorded: false, version: latest };
    const version = tx.create(SchemaVersion, {
      id: newId(),
      tag: publication.tag,
      gitCommit: publication.gitCommit,
      supergraphHash,
      supergraphSdl: publication.supergraphSdl,
      apiSchemaSdl: publication.apiSchemaSdl,
      publishedAt: new Date(),
    });
    await tx.flush();
    return {
      recorded: true,
      version: { tag: version.tag, gitCommit: version.gitCommit, supergraphHash, apiSchema: version.apiSchemaSdl, publishedAt: version.publishedAt },
    };
  });
}
