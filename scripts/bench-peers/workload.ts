// What `npm run bench:gateway` (and its tiny version in the test suite) sends: the four
// queries of issue 15, the workspace they read (seeded through a gateway, as a user
// would), the targets they are sent to, and the check that every target answers each
// query with the same data before anything is timed.
import { randomBytes } from 'node:crypto';
import { hashCredential } from '../../lib/api-key-format.js';
import { postInternal } from '../../lib/internal-call.js';
import { PRINCIPAL_HEADER, signPrincipal } from '../../lib/principal-signing.js';
import { PRINCIPAL_LOOKUP_PATH, type Principal, type PrincipalLookupResult } from '../../lib/principal.js';
import type { SubgraphName } from '../../lib/subgraph-list.js';
import { benchGraphql } from '../bench-graphql.js';

export interface BenchQuery {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** The one subgraph that answers it all, when there is one: it is also sent there directly. */
  readonly subgraph?: SubgraphName;
}

/** The queries of issue 15, for the seeded workspace (its item type's id). */
export function benchQueries(typeId: string): BenchQuery[] {
  return [
    { name: 'identity', query: 'query BenchPeers { workspace { id name } }', subgraph: 'identity' },
    { name: 'identity → content', query: 'query BenchPeers { workspace { id name contentTypes(first: 10) { totalCount nodes { id key name } } } }' },
    {
      name: '20 items(content)',
      query: 'query BenchPeers($typeId: ID!) { items(contentTypeId: $typeId, first: 20) { totalCount nodes { id values createdAt } } }',
      variables: { typeId },
      subgraph: 'content',
    },
    {
      name: '3 subgraphs',
      query: 'query BenchPeers { workspace { id name contentTypes(first: 5) { nodes { id key } } } auditEvents(first: 10) { nodes { id action targetType targetId } } }',
    },
  ];
}

export interface BenchWorkspace {
  /** Headers of a read-scoped user key for the workspace: what clients of Atrium send. */
  readonly headers: Record<string, string>;
  /** The owner's session in the workspace: what setting it up further takes. */
  readonly ownerHeaders: Record<string, string>;
  readonly workspaceId: string;
  readonly userId: string;
  /** The read-scoped key's id. */
  readonly keyId: string;
  /** The content type holding the items. */
  readonly typeId: string;
  /** Every content type's id by its key (`article` is typeId). */
  readonly typeIds: Readonly<Record<string, string>>;
}

/** A user, a workspace with five content types, one of them with four fields and 20 items, and a read key; through the gateway at url. */
export async function seedBenchWorkspace(url: string): Promise<BenchWorkspace> {
  const registered = await benchGraphql<{ register: { token: string; user: { id: string } } }>(url, 'mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }', {
    input: { email: `bench-${randomBytes(4).toString('hex')}@example.com`, password: randomBytes(12).toString('hex'), name: 'Bench' },
  });
  const session = { authorization: `Bearer ${registered.register.token}` };
  const workspaceId = (await benchGraphql<{ createWorkspace: { workspace: { id: string } } }>(url, 'mutation { createWorkspace(input: { name: "Bench" }) { workspace { id } } }', {}, session))
    .createWorkspace.workspace.id;
  const inWorkspace = { ...session, 'x-workspace-id': workspaceId };
  const created = await benchGraphql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
    url,
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }',
    { input: { description: 'bench', expiresIn: 'ONE_MONTH', scopes: ['READ'], workspaceIds: [workspaceId] } },
    session,
  );
  const typeIds: Record<string, string> = {};
  for (const key of ['article', 'author', 'page', 'product', 'review']) {
    const type = await benchGraphql<{ createContentType: { contentType: { id: string } } }>(
      url,
      'mutation($input: CreateContentTypeInput!) { createContentType(input: $input) { contentType { id } } }',
      { input: { name: key, key } },
      inWorkspace,
    );
    typeIds[key] = type.createContentType.contentType.id;
  }
  const typeId = typeIds.article;
  const fields = [
    { key: 'title', name: 'Title', kind: 'TEXT' },
    { key: 'body', name: 'Body', kind: 'LONG_TEXT' },
    { key: 'views', name: 'Views', kind: 'NUMBER' },
    { key: 'published', name: 'Published', kind: 'BOOLEAN' },
  ];
  for (const input of fields)
    await benchGraphql(
      url,
      'mutation($typeId: ID!, $input: CreateContentFieldInput!) { createContentField(contentTypeId: $typeId, input: $input) { contentField { id } } }',
      { typeId, input },
      inWorkspace,
    );
  for (let index = 0; index < 20; index += 1) {
    const values = { title: `Article ${index}`, body: 'Lorem ipsum dolor sit amet. '.repeat(8), views: index * 37, published: index % 2 === 0 };
    await benchGraphql(url, 'mutation($typeId: ID!, $values: JSON!) { createItem(contentTypeId: $typeId, values: $values) { item { id } } }', { typeId, values }, inWorkspace);
  }
  return {
    headers: { 'x-api-key': created.createApiKey.secret, 'x-workspace-id': workspaceId },
    ownerHeaders: inWorkspace,
    workspaceId,
    userId: registered.register.user.id,
    keyId: created.createApiKey.apiKey.id,
    typeId,
    typeIds,
  };
}

/** The principal identity gives the workspace's key: what the peers sign on every call. */
export async function lookUpPrincipal(identityUrl: string, signingSecrets: readonly string[], workspace: BenchWorkspace): Promise<Principal> {
  const result = await postInternal<PrincipalLookupResult>(
    'identity',
    identityUrl,
    PRINCIPAL_LOOKUP_PATH,
    {
      credentialHash: hashCredential(workspace.headers['x-api-key']),
      credentialKind: 'user_key',
      workspaceId: workspace.workspaceId,
    },
    signingSecrets,
    5000,
  );
  if (!result.ok) throw new Error(`identity refused the bench key (${result.reason})`);
  return result.principal;
}

/** Somewhere a query is sent: a gateway, or a subgraph called directly with a signed principal. */
export interface BenchTarget {
  readonly label: string;
  readonly url: string;
  /** The headers of one request with this body (a direct call signs each one: nonces are single-use). */
  readonly headersFor: (body: string) => Record<string, string>;
  /** Only queries that one subgraph answers alone go to a direct target. */
  readonly direct?: SubgraphName;
}

export function gatewayTarget(label: string, url: string, headers: Record<string, string>): BenchTarget {
  return { label, url, headersFor: () => headers };
}

export function directTarget(subgraph: SubgraphName, url: string, principal: Principal, signingSecrets: readonly string[]): BenchTarget {
  return { label: `direct (${subgraph})`, url, direct: subgraph, headersFor: (body) => ({ [PRINCIPAL_HEADER]: signPrincipal(principal, subgraph, body, signingSecrets) }) };
}

/** Whether the target answers the query (a direct target only the queries of its subgraph). */
export function targetServes(target: BenchTarget, query: BenchQuery): boolean {
  return target.direct === undefined || target.direct === query.subgraph;
}

export function requestBody(query: BenchQuery): string {
  return JSON.stringify({ query: query.query, variables: query.variables ?? {} });
}

/** The answer's data as JSON text, or an Error saying what came back instead. */
async function dataText(target: BenchTarget, query: BenchQuery): Promise<string> {
  const body = requestBody(query);
  const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headersFor(body) }, body }).catch((error: unknown) => {
    throw new Error(`${target.label} at ${target.url} did not answer ${query.name}: ${String((error as Error).cause ?? error)}`);
  });
  const text = await response.text();
  const json = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (response.status !== 200 || json.errors?.length || !json.data) throw new Error(`${target.label} answered ${query.name} with HTTP ${response.status}: ${text.slice(0, 500)}`);
  return JSON.stringify(json.data);
}

/**
 * What differs between the targets' data for each query: empty when they all agree. Every
 * target is asked the same query at the same moment, so data that settles (audit events
 * still being relayed) makes a caller try again, not fail.
 */
export async function disagreements(targets: readonly BenchTarget[], queries: readonly BenchQuery[]): Promise<string[]> {
  const found: string[] = [];
  for (const query of queries) {
    const serving = targets.filter((target) => targetServes(target, query));
    const answers = await Promise.all(serving.map((target) => dataText(target, query)));
    answers.forEach((answer, index) => {
      if (answer !== answers[0]) found.push(`${query.name}: ${serving[index].label} answered ${answer.slice(0, 300)}, ${serving[0].label} ${answers[0].slice(0, 300)}`);
    });
  }
  return found;
}
