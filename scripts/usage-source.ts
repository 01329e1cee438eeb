// Where `schema:check --usage <source>` reads schema usage and published versions:
// - a gateway (`https://…/graphql`): the public `schemaUsage` and `schemaVersions` queries,
//   with ATRIUM_API_KEY (audit:read) and, unless the key is bound to one workspace, a
//   workspace (--workspace or ATRIUM_WORKSPACE_ID). What the key may read decides the
//   scope: the whole deployment for auditors of the operator workspace, else that
//   workspace's own traffic;
// - a PostgreSQL URL (`postgres://…`, or `DATABASE_URL` for the environment variable):
//   audit's tables, read with the same module as the usage API (usage-read.ts), for the
//   whole deployment.
// A source that cannot answer is an error with its reason: the check never passes for
// want of usage.
import { setTimeout as sleep } from 'node:timers/promises';
import { describeDatabaseUrl } from '../lib/database.js';
import { initORM, type SubgraphOrm } from '../lib/orm.js';
import { CLIENT_NAME_HEADER } from '../lib/schema-usage.js';
import { auditOrm } from '../subgraphs/audit/orm.js';
import { coordinateUsage, type CoordinateUsage, type UsageRange } from '../subgraphs/audit/schema-usage/usage-read.js';
import { latestPublished, type PublishedSchema } from './schema-registry.js';

/** The usage source could not answer; the message says why (never a secret). */
export class UsageSourceError extends Error {}

export interface UsageRead {
  /** Every coordinate asked for. */
  readonly usage: ReadonlyMap<string, CoordinateUsage>;
  /** Whose traffic was counted: `every workspace`, or `workspace <id> only`. */
  readonly scope: string;
  /** Set when only one workspace's traffic was counted. */
  readonly workspaceOnly: boolean;
}

export interface UsageSource {
  /** The source as it may be printed (no credentials). */
  readonly label: string;
  /** Usage of each coordinate in the range. With no coordinates, checks that usage can be read at all (and says whose). */
  readonly read: (coordinates: readonly string[], range: UsageRange) => Promise<UsageRead>;
  /** The version of `tag` published last, or undefined when none was. */
  readonly latestPublished: (tag: string) => Promise<PublishedSchema | undefined>;
  readonly close: () => Promise<void>;
}

export interface UsageSourceOptions {
  readonly workspaceId?: string;
  readonly environment?: NodeJS.ProcessEnv;
}

/** Opens the source `--usage` names. */
export async function openUsageSource(spec: string, options: UsageSourceOptions = {}): Promise<UsageSource> {
  const environment = options.environment ?? process.env;
  if (spec === 'DATABASE_URL') {
    const url = environment.DATABASE_URL;
    if (!url) throw new UsageSourceError('--usage DATABASE_URL reads the database DATABASE_URL names, and DATABASE_URL is not set');
    return openDatabaseSource(url);
  }
  if (/^postgres(ql)?:\/\//i.test(spec)) return openDatabaseSource(spec);
  if (/^https?:\/\//i.test(spec)) {
    if (/^https?:\/\/[^/]*@/i.test(spec)) throw new UsageSourceError(`--usage ${gatewayLabel(spec)}: a gateway URL holds no credentials; the key goes in ATRIUM_API_KEY`);
    const apiKey = environment.ATRIUM_API_KEY;
    if (!apiKey) throw new UsageSourceError(`--usage ${gatewayLabel(spec)} needs a key that may read usage (audit:read) in ATRIUM_API_KEY`);
    return gatewaySource(spec, apiKey, options.workspaceId ?? (environment.ATRIUM_WORKSPACE_ID || undefined));
  }
  throw new UsageSourceError(
    `--usage takes a gateway URL (https://…/graphql), a PostgreSQL URL (postgres://…) or DATABASE_URL (the environment variable's database), not ${JSON.stringify(spec.slice(0, 100))}`,
  );
}

// --- the database ---------------------------------------------------------------------

/** PostgreSQL's undefined_table, undefined_schema: not Atrium's audit schema, or not migrated. */
const MISSING_RELATION = new Set(['42P01', '3F000']);

async function openDatabaseSource(url: string): Promise<UsageSource> {
  const label = `PostgreSQL ${describeDatabaseUrl(url)}`;
  let orm: SubgraphOrm;
  try {
    orm = await initORM(auditOrm, { databaseUrl: url, poolSize: 1 });
  } catch (error) {
    throw new UsageSourceError(`cannot read usage from ${label}: ${(error as Error).message}`);
  }
  const failure = (error: unknown) =>
    new UsageSourceError(
      MISSING_RELATION.has((error as { code?: string }).code ?? '')
        ? `cannot read usage from ${label}: it has no audit schema usage tables (not Atrium's database, or not migrated: npm run db:migrate)`
        : `cannot read usage from ${label}: ${(error as Error).message}`,
    );
  const connection = orm.em.getConnection();
  return {
    label,
    read: async (coordinates, range) => {
      try {
        // coordinateUsage asks nothing for no coordinates; the probe proves the tables are there.
        if (coordinates.length === 0) await connection.execute('select 1 from "audit"."schema_usage" join "audit"."schema_operations" using (document_hash) limit 0');
        const usage = await coordinateUsage(connection, coordinates, range, 'deployment');
        return { usage, scope: 'every workspace', workspaceOnly: false };
      } catch (error) {
        throw failure(error);
      }
    },
    latestPublished: async (tag) => {
      try {
        return await latestPublished(orm.em.fork(), tag);
      } catch (error) {
        throw failure(error);
      }
    },
    close: () => orm.close(),
  };
}

// --- the gateway ----------------------------------------------------------------------

/** The URL without credentials or query, for messages. */
function gatewayLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Coordinates per request. The gateway's operation limits (README "Limits") allow 20 root
 * fields and 30 aliases, and a cost of 50,000: each `schemaUsage` below costs about 2,130
 * (its operations list counts 20 entries of 1 + 5 fields + 20 clients × 5), so 20 cost
 * about 42,600. A gateway set tighter refuses the batch with a limit code; the batch is
 * then halved and sent again.
 */
export const USAGE_BATCH_SIZE = 20;
const LIMIT_CODES = new Set(['TOKEN_LIMIT_EXCEEDED', 'DEPTH_LIMIT_EXCEEDED', 'ALIAS_LIMIT_EXCEEDED', 'ROOT_FIELD_LIMIT_EXCEEDED', 'DIRECTIVE_LIMIT_EXCEEDED', 'COST_LIMIT_EXCEEDED']);
/** The longest Retry-After the check waits out, once; past it, it fails saying when to retry. */
const MAX_RETRY_AFTER_SECONDS = 60;
const REQUEST_TIMEOUT_MS = 30_000;
/** The client name the check's own requests are counted under. */
export const SCHEMA_CHECK_CLIENT = 'atrium-schema-check';

const USAGE_SELECTION = 'coordinate scope requests lastSeen operations { documentHash name type requests lastSeen clients { name version requests lastSeen } }';

/** The query for a batch of n coordinates: `u0: schemaUsage(coordinate: $c0, …)`, one alias each; the coordinates are variables, never spliced into the text. */
export function usageQuery(count: number): string {
  const indexes = Array.from({ length: count }, (_, index) => index);
  if (count === 0) return 'query SchemaCheckUsageProbe($from: DateTime!, $to: DateTime!) { probe: schemaUsage(coordinate: "Query", from: $from, to: $to) { scope } }';
  const variables = indexes.map((index) => `$c${index}: String!`).join(', ');
  const fields = indexes.map((index) => `u${index}: schemaUsage(coordinate: $c${index}, from: $from, to: $to) { ...Usage }`).join(' ');
  return `query SchemaCheckUsage($from: DateTime!, $to: DateTime!, ${variables}) { ${fields} } fragment Usage on SchemaCoordinateUsage { ${USAGE_SELECTION} }`;
}

const LATEST_VERSION_QUERY = 'query SchemaCheckBase($tag: String!) { schemaVersions(tag: $tag, first: 1) { nodes { tag gitCommit supergraphHash apiSchema publishedAt } } }';

interface GraphQLError {
  readonly message?: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly retryAfter?: number };
}

interface GraphQLAnswer {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphQLError[];
}

interface ClientJson {
  name: string | null;
  version: string | null;
  requests: number;
  lastSeen: string;
}

interface UsageJson {
  coordinate: string;
  scope: 'WORKSPACE' | 'DEPLOYMENT';
  requests: number;
  lastSeen: string | null;
  operations: { documentHash: string; name: string | null; type: string; requests: number; lastSeen: string; clients: ClientJson[] }[];
}

const toClient = (client: ClientJson) => ({ name: client.name, version: client.version, requests: client.requests, lastSeen: new Date(client.lastSeen) });

function toCoordinateUsage(json: UsageJson): CoordinateUsage {
  return {
    coordinate: json.coordinate,
    requests: json.requests,
    lastSeen: json.lastSeen ? new Date(json.lastSeen) : null,
    clients: [],
    operations: json.operations.map((operation) => ({ ...operation, lastSeen: new Date(operation.lastSeen), clients: operation.clients.map(toClient) })),
  };
}

/** Why an answer with errors cannot be used, in one sentence for the user. */
function refusalOf(label: string, status: number, errors: readonly GraphQLError[], workspaceId: string | undefined): string {
  const codes = new Set(errors.map((error) => error.extensions?.code));
  const first = errors[0];
  const detail = `${first?.extensions?.code ?? `HTTP ${status}`}: ${first?.message ?? 'no message'}`;
  if (status === 401 || codes.has('UNAUTHENTICATED')) return `${label} refused the key in ATRIUM_API_KEY (${detail})`;
  if (codes.has('INSUFFICIENT_SCOPE')) return `the key in ATRIUM_API_KEY may not read usage: schemaUsage needs audit:read (${detail})`;
  if (codes.has('WORKSPACE_REQUIRED')) return `${label} needs a workspace to read usage in: pass --workspace <id> or set ATRIUM_WORKSPACE_ID (${detail})`;
  if (codes.has('FORBIDDEN')) return `the key in ATRIUM_API_KEY may not use workspace ${workspaceId ?? '(none given)'} (${detail})`;
  return `${label} answered ${detail}`;
}

function gatewaySource(url: string, apiKey: string, workspaceId: string | undefined): UsageSource {
  const label = gatewayLabel(url);
  const fail = (reason: string) => new UsageSourceError(`cannot read usage from ${label}: ${reason}`);

  /** One request; a 429 is waited out once (Retry-After), then it fails. */
  const post = async (query: string, variables: Record<string, unknown>, retried = false): Promise<{ status: number; answer: GraphQLAnswer }> => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': apiKey,
          [CLIENT_NAME_HEADER]: SCHEMA_CHECK_CLIENT,
          ...(workspaceId ? { 'x-workspace-id': workspaceId } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw fail(`unreachable (${cause?.code ?? cause?.message ?? (error as Error).message})`);
    }
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get('retry-after'));
      const seconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : 1;
      if (!retried && seconds <= MAX_RETRY_AFTER_SECONDS) {
        await response.body?.cancel();
        await sleep(seconds * 1000);
        return post(query, variables, true);
      }
      throw fail(`rate limited (HTTP 429): the key's budget is spent; retry after ${seconds} s`);
    }
    let answer: GraphQLAnswer;
    try {
      answer = (await response.json()) as GraphQLAnswer;
    } catch {
      throw fail(`HTTP ${response.status} without a GraphQL answer (is it the gateway's /graphql?)`);
    }
    return { status: response.status, answer };
  };

  const readBatch = async (coordinates: readonly string[], range: UsageRange): Promise<UsageJson[]> => {
    const variables: Record<string, unknown> = { from: range.from.toISOString(), to: range.to.toISOString() };
    coordinates.forEach((coordinate, index) => (variables[`c${index}`] = coordinate));
    const { status, answer } = await post(usageQuery(coordinates.length), variables);
    const errors = answer.errors ?? [];
    if (errors.length > 0 && coordinates.length > 1 && errors.some((error) => LIMIT_CODES.has(error.extensions?.code ?? ''))) {
      // A gateway with tighter limits than the defaults: fewer coordinates per request.
      const half = Math.ceil(coordinates.length / 2);
      return [...(await readBatch(coordinates.slice(0, half), range)), ...(await readBatch(coordinates.slice(half), range))];
    }
    if (errors.length > 0 || status !== 200 || !answer.data) throw fail(refusalOf(label, status, errors, workspaceId));
    if (coordinates.length === 0) return [{ coordinate: '', scope: (answer.data.probe as { scope: UsageJson['scope'] }).scope, requests: 0, lastSeen: null, operations: [] }];
    return coordinates.map((coordinate, index) => {
      const read = answer.data![`u${index}`] as UsageJson | null | undefined;
      if (!read || read.coordinate !== coordinate) throw fail(`no usage in the answer for ${coordinate}`);
      return read;
    });
  };

  return {
    label,
    read: async (coordinates, range) => {
      const distinct = [...new Set(coordinates)];
      const answers: UsageJson[] = [];
      if (distinct.length === 0) answers.push(...(await readBatch([], range)));
      for (let start = 0; start < distinct.length; start += USAGE_BATCH_SIZE) answers.push(...(await readBatch(distinct.slice(start, start + USAGE_BATCH_SIZE), range)));
      const workspaceOnly = answers.some((answer) => answer.scope !== 'DEPLOYMENT');
      const usage = new Map(answers.filter((answer) => answer.coordinate !== '').map((answer) => [answer.coordinate, toCoordinateUsage(answer)]));
      return { usage, workspaceOnly, scope: workspaceOnly ? `workspace ${workspaceId ?? 'of the key'} only` : 'every workspace' };
    },
    latestPublished: async (tag) => {
      const { status, answer } = await post(LATEST_VERSION_QUERY, { tag });
      const connection = answer.data?.schemaVersions as { nodes?: { tag: string; gitCommit: string | null; supergraphHash: string; apiSchema: string; publishedAt: string }[] } | null | undefined;
      if (answer.errors?.length || status !== 200 || !connection?.nodes) {
        throw new UsageSourceError(`cannot read the published versions from ${label}: ${refusalOf(label, status, answer.errors ?? [], workspaceId)}`);
      }
      const [latest] = connection.nodes;
      return latest && { ...latest, publishedAt: new Date(latest.publishedAt) };
    },
    close: async () => undefined,
  };
}
