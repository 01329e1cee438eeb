// `schema:check --usage`: a breaking change some client used in the window fails naming
// the operation and the client; one nobody used passes, saying why; the accepted list
// still overrides; a usage source that cannot answer fails the check. And the registry:
// `schema:publish` records what is deployed, `--base production` compares with it.
// First with usage read from audit's tables (the database source), seeded as the ingest
// writes them; then end to end: two clients' traffic through a real gateway, and the check
// reading it through that gateway (what each answer of a gateway does to the source:
// test/schema-check-gateway.test.ts).
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphSettings } from '../lib/config.js';
import { initORM } from '../lib/orm.js';
import { SUPERGRAPH_FILE } from '../lib/subgraph-list.js';
import { apiSchemaOf } from '../scripts/api-schema.js';
import { auditOrm } from '../subgraphs/audit/orm.js';
import { DAY_MS, ensureDayPartitions } from '../subgraphs/audit/retention/day-partitions.js';
import { runScript } from './process.js';
import { createUserKey, createWorkspaceAs, signUp, type CreatedKey } from './identity-seeds.js';
import { copyRepository } from './repository-copy.js';
import { createTestDatabase, selectRows, startStack, type TestDatabase, type TestStack } from './testkit.js';

const WORKSPACE_A = '0190a0a0-0000-7000-8000-00000000000a';
const WORKSPACE_B = '0190a0a0-0000-7000-8000-00000000000b';
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const LIST_TYPES = hashOf('query ListTypes { contentTypes { nodes { legacyName } } }');
const ME = hashOf('query Me { me { email } }');
const OLD_REPORT = hashOf('{ contentTypes { nodes { oldSlug } } }');

/** Operations and daily counts as the request-log ingest records them. */
async function seedUsage(databaseUrl: string, now: Date): Promise<{ listTypesSeen: Date; oldReportSeen: Date }> {
  const listTypesSeen = new Date(now.getTime() - 60_000);
  const meSeen = new Date(now.getTime() - 120_000);
  const oldReportSeen = new Date(now.getTime() - 40 * DAY_MS);
  const day = (time: Date) => new Date(Math.floor(time.getTime() / DAY_MS) * DAY_MS);
  const orm = await initORM(auditOrm, { databaseUrl, poolSize: 1 });
  try {
    const connection = orm.em.getConnection();
    await ensureDayPartitions(connection, 'schema_usage', [listTypesSeen, meSeen, oldReportSeen]);
    const operations: [string, string, string[], Date][] = [
      [LIST_TYPES, 'ListTypes', ['ContentType', 'ContentType.legacyName', 'ContentTypeConnection', 'ContentTypeConnection.nodes', 'Query', 'Query.contentTypes'], listTypesSeen],
      [ME, 'Me', ['Query', 'Query.me', 'User', 'User.email'], meSeen],
      // Anonymous, and last run 40 days ago: outside a 30-day window, inside an 8-week one.
      [OLD_REPORT, '', ['ContentType', 'ContentType.oldSlug', 'ContentTypeConnection', 'ContentTypeConnection.nodes', 'Query', 'Query.contentTypes'], oldReportSeen],
    ];
    for (const [hash, name, coordinates, seen] of operations) {
      await connection.execute(
        `insert into "audit"."schema_operations" (document_hash, operation_name, operation_type, coordinates, first_seen, last_seen) values (?, ?, 'query', ?::text[], ?, ?)`,
        // An array literal: MikroORM spreads a JavaScript array parameter into a list of values.
        [hash, name, `{${coordinates.map((coordinate) => `"${coordinate}"`).join(',')}}`, seen, seen],
      );
    }
    const counts: [Date, string, string, string, string, string, number][] = [
      [listTypesSeen, WORKSPACE_A, LIST_TYPES, 'ListTypes', 'web', '1.4.0', 12],
      [meSeen, WORKSPACE_B, ME, 'Me', 'ios', '3.1.0', 5],
      [oldReportSeen, WORKSPACE_A, OLD_REPORT, '', 'web', '1.3.0', 7],
    ];
    for (const [seen, workspace, hash, name, client, version, requests] of counts) {
      await connection.execute(
        `insert into "audit"."schema_usage" (day, id, workspace_id, document_hash, operation_name, client_name, client_version, requests, last_seen) values (?, gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?)`,
        [day(seen), workspace, hash, name, client, version, requests, seen],
      );
    }
  } finally {
    await orm.close();
  }
  return { listTypesSeen, oldReportSeen };
}

/** A TCP port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Each run generates the schema from the code in a child process: tens of seconds on two loaded cores.
const RUN = { timeoutMs: 180_000 };
const CASE_TIMEOUT = 240_000;

describe('schema:check --usage <database>', () => {
  let database: TestDatabase;
  let copy: string;
  let seen: { listTypesSeen: Date; oldReportSeen: Date };
  const base = 'published-api.graphql';

  beforeAll(async () => {
    database = await createTestDatabase();
    seen = await seedUsage(database.url, new Date());
    copy = copyRepository();
    // The API as it was: two ContentType fields the code no longer has.
    const api = printSchema(apiSchemaOf(readFileSync(path.join(copy, SUPERGRAPH_FILE), 'utf8')));
    writeFileSync(path.join(copy, base), `${api}\nextend type ContentType {\n  legacyName: String\n  oldSlug: String\n}\n`);
  });
  afterAll(async () => {
    rmSync(copy, { recursive: true, force: true });
    await database.drop();
  });

  const check = (args: string[], env: Record<string, string> = {}) => runScript('scripts/schema-check.ts', ['--base', base, ...args], env, { ...RUN, cwd: copy });

  it(
    'fails on a removed field one client used, naming the operation and the client; a field nobody used in the window is safe, and says why',
    async () => {
      const result = await check(['--usage', database.url]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `breaking change  ContentType.legacyName  Field 'legacyName' was removed from object type 'ContentType': 1 operation used ContentType.legacyName in the last 30 days (every workspace; 12 requests, last seen ${seen.listTypesSeen.toISOString()}):`,
      );
      expect(result.stderr).toContain(`query ListTypes: 12 requests, last seen ${seen.listTypesSeen.toISOString()}, clients web@1.4.0 (12 requests)`);
      expect(result.stderr).toContain('revert it, or accept it by listing "ContentType.legacyName" with a reason in schema/accepted-breaking-changes.yaml');
      expect(result.stderr).toContain(`(breaking changes are found by comparing with ${base})`);
      // The other client touched neither field.
      expect(result.stderr).not.toContain('ios');
      expect(result.stderr).not.toContain('oldSlug');
      expect(result.stdout).toContain(
        "safe breaking change  ContentType.oldSlug  Field 'oldSlug' was removed from object type 'ContentType'  (no operation touched ContentType.oldSlug in the last 30 days: every workspace)",
      );
    },
    CASE_TIMEOUT,
  );

  it(
    'passes once the used field is accepted with a reason (the accepted list overrides usage); --usage DATABASE_URL reads the environment variable',
    async () => {
      writeFileSync(
        path.join(copy, 'schema/accepted-breaking-changes.yaml'),
        'accepted:\n  - coordinate: ContentType.legacyName\n    reason: Replaced by ContentType.name; web 1.5 no longer asks for it.\n',
      );
      try {
        const result = await check(['--usage', 'DATABASE_URL', '--window', '30d'], { DATABASE_URL: database.url });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('accepted breaking change  ContentType.legacyName  ');
        expect(result.stdout).toContain('(Replaced by ContentType.name; web 1.5 no longer asks for it.)');
        expect(result.stdout).toMatch(/safe breaking change {2}ContentType\.oldSlug .*\(no operation touched ContentType\.oldSlug in the last 30 days: every workspace\)/);
        expect(result.stdout).toContain(`no unaccepted breaking change against ${base} that a client used in the last 30 days`);
      } finally {
        rmSync(path.join(copy, 'schema/accepted-breaking-changes.yaml'));
      }
    },
    CASE_TIMEOUT,
  );

  it(
    'counts the window given: over 8 weeks the anonymous operation of 40 days ago breaks, named by its hash',
    async () => {
      const result = await check(['--usage', database.url, '--window', '8w']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('1 operation used ContentType.oldSlug in the last 8 weeks (every workspace; 7 requests');
      expect(result.stderr).toContain(`query ${OLD_REPORT.slice(0, 12)} (anonymous): 7 requests, last seen ${seen.oldReportSeen.toISOString()}, clients web@1.3.0 (7 requests)`);
      expect(result.stdout).not.toContain('safe breaking change');
    },
    CASE_TIMEOUT,
  );

  it(
    'fails when the usage source cannot be read, with the reason and without its password, and every breaking change fails as without usage',
    async () => {
      const port = await closedPort();
      const result = await check(['--usage', `postgres://atrium:s3cret-pw@127.0.0.1:${port}/atrium`]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`cannot read usage from PostgreSQL 127.0.0.1:${port}/atrium`);
      expect(result.stderr).toContain('the check cannot tell which breaking changes no client uses, so each fails');
      expect(result.stderr).toMatch(/breaking change {2}ContentType\.legacyName/);
      expect(result.stderr).toMatch(/breaking change {2}ContentType\.oldSlug/);
      expect(result.stdout).not.toContain('safe breaking change');
      expect(`${result.stdout}${result.stderr}`).not.toContain('s3cret-pw');
    },
    CASE_TIMEOUT,
  );

  it(
    'judges nothing safe when no request at all was recorded in the window (usage recording off, or the wrong source)',
    async () => {
      const empty = await createTestDatabase();
      try {
        const result = await check(['--usage', empty.url]);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('no request at all was recorded in the last 30 days (every workspace)');
        expect(result.stderr).toMatch(/breaking change {2}ContentType\.oldSlug/);
        expect(result.stdout).not.toContain('safe breaking change');
      } finally {
        await empty.drop();
      }
    },
    CASE_TIMEOUT,
  );

  it('refuses a malformed window, or a usage option without --usage, before any work', async () => {
    const malformed = await check(['--usage', database.url, '--window', '30days']);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr.trim()).toBe('schema:check: --window "30days" is not a window: a whole number of hours, days or weeks, such as 12h, 30d or 2w (at most a year)');
    const alone = await check(['--window', '30d']);
    expect(alone.code).toBe(1);
    expect(alone.stderr.trim()).toBe('schema:check: --window says how to read usage: it needs --usage <gateway URL or DATABASE_URL>');
    const unknown = await check(['--usage', 'mysql://somewhere/db']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--usage takes a gateway URL (https://…/graphql), a PostgreSQL URL (postgres://…) or DATABASE_URL');
  });
});

describe('schema:publish, then schema:check --base production', () => {
  let database: TestDatabase;
  let copy: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Traffic that touched none of the fields these cases remove (a check with no usage recorded at all judges nothing safe).
    await seedUsage(database.url, new Date());
    copy = copyRepository();
  });
  afterAll(async () => {
    rmSync(copy, { recursive: true, force: true });
    await database.drop();
  });

  const publish = (...args: string[]) => runScript('scripts/schema-publish.ts', ['--database-url', database.url, ...args], {}, { ...RUN, cwd: copy });
  const versions = () => selectRows(database.url, 'select tag, git_commit, supergraph_hash, supergraph_sdl, api_schema_sdl from "audit"."schema_versions" order by published_at');

  it(
    'records the committed supergraph with its commit and API schema once; publishing it again records nothing',
    async () => {
      const supergraph = readFileSync(path.join(copy, SUPERGRAPH_FILE), 'utf8');
      const first = await publish('--commit', 'ABCDEF1234567');
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`schema:publish: production is now supergraph ${hashOf(supergraph).slice(0, 12)} of commit abcdef123456, recorded in PostgreSQL`);
      const again = await publish('--commit', 'abcdef1234567');
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/schema:publish: production already is supergraph \w{12} of commit abcdef123456 \(published [^)]+\): nothing new recorded/);
      expect(await versions()).toEqual([
        { tag: 'production', git_commit: 'abcdef1234567', supergraph_hash: hashOf(supergraph), supergraph_sdl: supergraph, api_schema_sdl: printSchema(apiSchemaOf(supergraph)) },
      ]);
    },
    CASE_TIMEOUT,
  );

  it('refuses a malformed tag or commit, and a base tag never published, in one line each', async () => {
    const tag = await publish('--tag', 'Prod uction');
    expect(tag.code).toBe(1);
    expect(tag.stderr.trim()).toMatch(/^schema:publish: --tag "Prod uction" is not a tag/);
    const commit = await publish('--commit', 'HEAD; rm -rf /');
    expect(commit.code).toBe(1);
    expect(commit.stderr.trim()).toMatch(/^schema:publish: --commit "HEAD; rm -rf \/" is not a git commit id/);
    const staging = await runScript('scripts/schema-check.ts', ['--base', 'registry:staging', '--usage', database.url], {}, { ...RUN, cwd: copy });
    expect(staging.code).toBe(1);
    expect(staging.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^schema:check: --base registry:staging: no schema has been published with the tag staging in PostgreSQL .*npm run schema:publish -- --tag staging/),
    ]);
    const noSource = await runScript('scripts/schema-check.ts', ['--base', 'production'], {}, { ...RUN, cwd: copy });
    expect(noSource.code).toBe(1);
    expect(noSource.stderr).toContain('--base production is the schema last published under the tag production, read from the usage source: add --usage');
  });

  it(
    'refuses to publish a supergraph the code no longer produces; once regenerated, --base production compares with what was published',
    async () => {
      const entity = path.join(copy, 'subgraphs/content/content-types/content-type.entity.ts');
      const source = readFileSync(entity, 'utf8');
      const withoutField = source.replace(/^\s*@Field\([^\n]*What this content type is for\.[^\n]*\n/m, '\n');
      expect(withoutField).not.toBe(source);
      writeFileSync(entity, withoutField);

      const stale = await publish();
      expect(stale.code).toBe(1);
      expect(stale.stderr.trim()).toBe('schema:publish: schema/supergraph.graphql differs from what the code produces: run `npm run schema`, commit it, and deploy that');
      expect(await versions()).toHaveLength(1);

      expect((await runScript('scripts/schema.ts', [], {}, { ...RUN, cwd: copy })).code).toBe(0);
      const result = await runScript('scripts/schema-check.ts', ['--base', 'production', '--usage', database.url], {}, { ...RUN, cwd: copy });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /safe breaking change {2}ContentType\.description {2}Field 'description' was removed from object type 'ContentType' {2}\(no operation touched ContentType\.description in the last 30 days: every workspace\)/,
      );
      expect(result.stdout).toMatch(/no unaccepted breaking change against production \(commit abcdef123456, published \d{4}-\d\d-\d\dT[^)]+\) that a client used in the last 30 days/);
    },
    CASE_TIMEOUT * 2,
  );
});

describe('end to end: two clients through the gateway, then schema:check --usage <gateway URL> --base production', () => {
  const WEB = 'query TypeDescriptions { contentTypes(first: 5) { nodes { id description } } }';
  const IOS = 'query TypeNames { contentTypes(first: 5) { nodes { id name } } }';
  // Mutable: the operators' workspace exists only once identity made it; audit is then restarted with it, as an operator sets OPERATOR_WORKSPACE_ID and restarts.
  const settings: { -readonly [K in keyof SubgraphSettings]?: SubgraphSettings[K] } = {};
  let stack: TestStack;
  let operators: string;
  let auditor: CreatedKey;
  let app: CreatedKey;
  let tenant: string;
  let tenantAuditor: CreatedKey;
  let copy: string;

  beforeAll(async () => {
    stack = await startStack({ settings, gateway: { requestLogFlushMs: 50 } });
    const owner = await signUp(stack, 'Owner');
    operators = await createWorkspaceAs(stack, owner.token, 'Operators');
    app = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [operators] });
    auditor = await createUserKey(stack, owner.token, { scopes: ['audit:read'], workspaceIds: [operators], description: 'CI schema check' });
    tenant = await createWorkspaceAs(stack, owner.token, 'Tenant');
    tenantAuditor = await createUserKey(stack, owner.token, { scopes: ['audit:read'], workspaceIds: [tenant] });
    settings.operatorWorkspaceId = operators;
    await stack.stopSubgraph('audit');
    await stack.startSubgraph('audit');

    copy = copyRepository();
  }, CASE_TIMEOUT);
  afterAll(async () => {
    if (copy) rmSync(copy, { recursive: true, force: true });
    await stack?.stop();
  });

  const check = (key = auditor, workspace = operators) =>
    runScript('scripts/schema-check.ts', ['--usage', stack.gatewayUrl, '--window', '30d', '--base', 'production', '--workspace', workspace], { ATRIUM_API_KEY: key.secret }, { ...RUN, cwd: copy });

  it(
    'fails on a removed field one client used, naming that client and its operation; a removed field nobody used passes, saying why; the accepted list overrides',
    async () => {
      // Two clients, two operations: web reads the descriptions, iOS only the names.
      const web = { 'x-api-key': app.secret, 'x-workspace-id': operators, 'apollographql-client-name': 'web', 'apollographql-client-version': '1.4.0' };
      const ios = { 'x-api-key': app.secret, 'x-workspace-id': operators, 'apollographql-client-name': 'ios', 'apollographql-client-version': '3.1.0' };
      await stack.query({ query: WEB, headers: web });
      await stack.query({ query: WEB, headers: web });
      await stack.query({ query: IOS, headers: ios });
      // Request logs reach audit in the background: wait until the three requests are counted.
      const requestsOf = async (coordinate: string) =>
        (
          await stack.query({
            query: 'query($coordinate: String!) { schemaUsage(coordinate: $coordinate) { requests } }',
            variables: { coordinate },
            headers: { 'x-api-key': auditor.secret, 'x-workspace-id': operators },
          })
        ).schemaUsage.requests;
      await expect.poll(() => requestsOf('ContentType.id')).toBe(3);

      // What runs: the copy as it is, published by its deploy.
      const published = await runScript('scripts/schema-publish.ts', ['--database-url', stack.database.url, '--commit', '1234567abcdef'], {}, { ...RUN, cwd: copy });
      expect(published.code).toBe(0);

      // The change under review: ContentType.description (web reads it) and ContentType.updatedAt (nobody does) leave the code.
      const entity = path.join(copy, 'subgraphs/content/content-types/content-type.entity.ts');
      const source = readFileSync(entity, 'utf8');
      const changed = source.replace(/^\s*@Field\([^\n]*What this content type is for\.[^\n]*\n/m, '\n').replace(/^\s*@Field\([^\n]*When the content type was last changed[^\n]*\n/m, '\n');
      expect(changed.split('@Field(').length).toBe(source.split('@Field(').length - 2);
      writeFileSync(entity, changed);
      expect((await runScript('scripts/schema.ts', [], {}, { ...RUN, cwd: copy })).code).toBe(0);

      const breaking = await check();
      expect(breaking.code).toBe(1);
      expect(breaking.stderr).toMatch(
        /breaking change {2}ContentType\.description {2}Field 'description' was removed from object type 'ContentType': 1 operation used ContentType\.description in the last 30 days \(every workspace; 2 requests, last seen /,
      );
      expect(breaking.stderr).toMatch(/query TypeDescriptions: 2 requests, last seen \d{4}-\d\d-\d\dT[\d:.]+Z, clients web@1\.4\.0 \(2 requests\)/);
      expect(breaking.stderr).toContain('(breaking changes are found by comparing with production (commit 1234567abcde, published ');
      expect(breaking.stderr).not.toContain('ios');
      expect(breaking.stderr).not.toContain('warning');
      expect(breaking.stdout).toContain(
        "safe breaking change  ContentType.updatedAt  Field 'updatedAt' was removed from object type 'ContentType'  (no operation touched ContentType.updatedAt in the last 30 days: every workspace)",
      );

      writeFileSync(path.join(copy, 'schema/accepted-breaking-changes.yaml'), 'accepted:\n  - coordinate: ContentType.description\n    reason: web 1.5 reads the summary instead.\n');
      const accepted = await check();
      expect(accepted.stderr).toBe('');
      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toContain("accepted breaking change  ContentType.description  Field 'description' was removed from object type 'ContentType'  (web 1.5 reads the summary instead.)");
      expect(accepted.stdout).toMatch(/safe breaking change {2}ContentType\.updatedAt .*\(no operation touched ContentType\.updatedAt in the last 30 days: every workspace\)/);

      // An auditor of another workspace counts that workspace's traffic only, and is told so.
      const tenantOnly = await check(tenantAuditor, tenant);
      expect(tenantOnly.code).toBe(0);
      expect(tenantOnly.stderr.trim()).toBe(
        `schema:check: warning: usage counts only workspace ${tenant}'s traffic (SchemaUsageScope WORKSPACE): a key with audit:read in the operator workspace (OPERATOR_WORKSPACE_ID) reads the whole deployment's`,
      );
      expect(tenantOnly.stdout).toContain(`(no operation touched ContentType.updatedAt in the last 30 days: workspace ${tenant} only)`);
    },
    CASE_TIMEOUT * 2,
  );
});
