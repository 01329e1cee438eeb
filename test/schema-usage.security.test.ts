// Who sees whose schema usage, and exactly what is counted. A workspace's auditors
// (audit:read) read their own workspace's traffic only, never another's operation or
// client names; the operators' workspace (OPERATOR_WORKSPACE_ID) reads every workspace's
// and requests made without one; no audit:read is INSUFFICIENT_SCOPE. schemaUsage counts
// whole UTC days within retention, unusedFields pages the API schema's untouched
// coordinates, schemaVersions lists newest first; bad input (a malformed coordinate, a
// backwards range, a forged cursor, days out of range) is BAD_USER_INPUT.
//
// Usage rows are seeded with SQL (the registry and daily counts as audit's ingest writes
// them) and the gateway records nothing, so that counts, days and workspaces are exactly
// known; test/schema-usage.happy.test.ts drives real traffic.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.js';
import type { SubgraphSettings } from '../lib/config.js';
import { DAY_MS, partitionName, startOfDay } from '../subgraphs/audit/retention/day-partitions.js';
import { createUserKey, createWorkspaceAs, signUp, type CreatedKey } from './identity-seeds.js';
import { errorCodes, selectRows, startStack, type TestStack } from './testkit.js';

const USAGE = `query($coordinate: String!, $from: DateTime, $to: DateTime) {
  schemaUsage(coordinate: $coordinate, from: $from, to: $to) {
    coordinate from to scope requests lastSeen
    clients { name version requests lastSeen }
    operations { documentHash name type requests lastSeen clients { name version requests } }
  }
}`;
const UNUSED = `query($days: Int, $kinds: [SchemaCoordinateKind!], $first: Int, $after: String) {
  unusedFields(days: $days, kinds: $kinds, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { coordinate kind deprecationReason }
  }
}`;
const VERSIONS = `query($tag: String, $first: Int, $after: String) {
  schemaVersions(tag: $tag, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id tag gitCommit supergraphHash apiSchema publishedAt } }
}`;

const hash = () => randomBytes(32).toString('hex');
const NAME_DOCUMENT = hash();
const SETTINGS_DOCUMENT = hash();
const B_DOCUMENT = hash();

// Mutable: the operators' workspace is known only once identity made it; audit is then restarted with it, as an operator sets the variable and restarts.
const settings: { -readonly [K in keyof SubgraphSettings]?: SubgraphSettings[K] } = {};
let stack: TestStack;
let auditorA: CreatedKey;
let auditorB: CreatedKey;
let operator: CreatedKey;
/** Workspace A, workspaces:read only. */
let readerA: CreatedKey;
const today = startOfDay(new Date());
const yesterday = new Date(today.getTime() - DAY_MS);

const sql = (text: string, values: unknown[] = []) => selectRows(stack.database.url, text, values);

async function ensurePartition(day: Date) {
  const until = new Date(day.getTime() + DAY_MS);
  await sql(`create table if not exists audit.${partitionName('schema_usage', day)} partition of audit.schema_usage for values from ('${day.toISOString()}') to ('${until.toISOString()}')`);
}

async function seedOperation(documentHash: string, name: string, coordinates: string[]) {
  await sql('insert into audit.schema_operations (document_hash, operation_name, operation_type, coordinates, first_seen, last_seen) values ($1, $2, $3, $4, now(), now())', [
    documentHash,
    name,
    'query',
    coordinates.sort(),
  ]);
}

async function seedUsage(day: Date, workspaceId: string | null, documentHash: string, name: string, client: [string, string], requests: number, lastSeen: Date) {
  await sql('insert into audit.schema_usage (day, id, workspace_id, document_hash, operation_name, client_name, client_version, requests, last_seen) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
    day,
    newId(),
    workspaceId,
    documentHash,
    name,
    client[0],
    client[1],
    requests,
    lastSeen,
  ]);
}

function usage(key: CreatedKey, variables: Record<string, unknown>) {
  return stack.request({ query: USAGE, variables, headers: { 'x-api-key': key.secret } });
}

interface Unused {
  coordinate: string;
  kind: string;
  deprecationReason: string | null;
}

/** Every page of unusedFields, checking that the pages add up to totalCount. */
async function allUnused(key: CreatedKey, variables: Record<string, unknown>): Promise<Unused[]> {
  const nodes: Unused[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Unused[] } = (
      await stack.query({ query: UNUSED, variables: { ...variables, first: 100, after }, headers: { 'x-api-key': key.secret } })
    ).unusedFields;
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) {
      expect(nodes).toHaveLength(page.totalCount);
      return nodes;
    }
    after = page.pageInfo.endCursor;
  }
}

async function usageOf(key: CreatedKey, variables: Record<string, unknown>) {
  return (await stack.query({ query: USAGE, variables, headers: { 'x-api-key': key.secret } })).schemaUsage;
}

beforeAll(async () => {
  stack = await startStack({ settings, gateway: { requestLogging: false } });
  const owner = await signUp(stack, 'Owner');
  const workspaceA = await createWorkspaceAs(stack, owner.token, 'Tenant A');
  const workspaceB = await createWorkspaceAs(stack, owner.token, 'Tenant B');
  const operators = await createWorkspaceAs(stack, owner.token, 'Operators');
  auditorA = await createUserKey(stack, owner.token, { scopes: ['audit:read'], workspaceIds: [workspaceA] });
  auditorB = await createUserKey(stack, owner.token, { scopes: ['audit:read'], workspaceIds: [workspaceB] });
  operator = await createUserKey(stack, owner.token, { scopes: ['audit:read'], workspaceIds: [operators] });
  readerA = await createUserKey(stack, owner.token, { scopes: ['workspaces:read'], workspaceIds: [workspaceA] });
  settings.operatorWorkspaceId = operators;
  await stack.stopSubgraph('audit');
  await stack.startSubgraph('audit');

  await ensurePartition(today);
  await ensurePartition(yesterday);
  await seedOperation(NAME_DOCUMENT, 'WorkspaceName', ['Query', 'Query.workspace', 'Workspace', 'Workspace.name', 'Workspace.legacyName']);
  await seedOperation(SETTINGS_DOCUMENT, '', ['Query', 'Query.workspace', 'Workspace', 'Workspace.name', 'Workspace.id']);
  await seedOperation(B_DOCUMENT, 'TenantBSecretOperation', ['Query', 'Query.workspace', 'Workspace', 'Workspace.name']);
  // Workspace A: the web client today (5) and yesterday (2), an iOS build yesterday (3), an anonymous operation with no client (4).
  await seedUsage(today, workspaceA, NAME_DOCUMENT, 'WorkspaceName', ['web', '1.2.0'], 5, new Date(today.getTime() + 3_600_000));
  await seedUsage(yesterday, workspaceA, NAME_DOCUMENT, 'WorkspaceName', ['web', '1.2.0'], 2, new Date(yesterday.getTime() + 3_600_000));
  await seedUsage(yesterday, workspaceA, NAME_DOCUMENT, 'WorkspaceName', ['ios', '7.0'], 3, new Date(yesterday.getTime() + 7_200_000));
  await seedUsage(yesterday, workspaceA, SETTINGS_DOCUMENT, '', ['', ''], 4, new Date(yesterday.getTime() + 60_000));
  // Workspace B's client and operation, and a request without a workspace: never A's to see.
  await seedUsage(today, workspaceB, B_DOCUMENT, 'TenantBSecretOperation', ['tenant-b-secret-client', '9'], 11, new Date(today.getTime() + 60_000));
  await seedUsage(today, null, NAME_DOCUMENT, 'WorkspaceName', ['cli', '0.1'], 1, new Date(today.getTime() + 120_000));

  await sql(
    "insert into audit.schema_versions (id, tag, git_commit, supergraph_hash, supergraph_sdl, api_schema_sdl, published_at) values ($1, 'production', 'aaa111', $2, 'internal: http://audit.internal', 'type Query { a: Int }', now() - interval '2 days'), ($3, 'production', 'bbb222', $4, 'internal', 'type Query { b: Int }', now() - interval '1 day'), ($5, 'staging', null, $6, 'internal', 'type Query { c: Int }', now())",
    [newId(), hash(), newId(), hash(), newId(), hash()],
  );
});
afterAll(async () => {
  await stack?.stop();
});

describe('schemaUsage', () => {
  it("counts a coordinate's requests, clients and operations in the workspace, most requests first", async () => {
    const answer = await usageOf(auditorA, { coordinate: 'Workspace.name' });
    expect(answer).toMatchObject({ coordinate: 'Workspace.name', scope: 'WORKSPACE', requests: 14, lastSeen: new Date(today.getTime() + 3_600_000).toISOString() });
    // The default range: the last 30 days, in whole UTC days (through the end of today).
    expect(answer.from).toBe(startOfDay(new Date(Date.now() - 30 * DAY_MS)).toISOString());
    expect(answer.to).toBe(new Date(today.getTime() + DAY_MS).toISOString());
    expect(answer.clients).toEqual([
      { name: 'web', version: '1.2.0', requests: 7, lastSeen: new Date(today.getTime() + 3_600_000).toISOString() },
      { name: null, version: null, requests: 4, lastSeen: new Date(yesterday.getTime() + 60_000).toISOString() },
      { name: 'ios', version: '7.0', requests: 3, lastSeen: new Date(yesterday.getTime() + 7_200_000).toISOString() },
    ]);
    expect(answer.operations.map((operation: { name: string | null; requests: number }) => [operation.name, operation.requests])).toEqual([
      ['WorkspaceName', 10],
      [null, 4],
    ]);
    expect(answer.operations[0]).toMatchObject({
      documentHash: NAME_DOCUMENT,
      type: 'QUERY',
      clients: [
        { name: 'web', requests: 7 },
        { name: 'ios', requests: 3 },
      ],
    });
  });

  it('counts only the days of the range, and a coordinate only the operations touching it', async () => {
    const todayOnly = await usageOf(auditorA, { coordinate: 'Workspace.name', from: new Date().toISOString() });
    expect(todayOnly).toMatchObject({ requests: 5, from: today.toISOString(), clients: [{ name: 'web', requests: 5 }] });
    expect((await usageOf(auditorA, { coordinate: 'Workspace.id' })).requests).toBe(4);
  });

  it('answers a coordinate the schema no longer has (a removed field), and zero for one nobody touched', async () => {
    expect(await usageOf(auditorA, { coordinate: 'Workspace.legacyName' })).toMatchObject({ requests: 10, operations: [{ name: 'WorkspaceName' }] });
    expect(await usageOf(auditorA, { coordinate: 'Query.schemaVersions' })).toMatchObject({ requests: 0, lastSeen: null, clients: [], operations: [] });
  });

  it('moves a start before retention to the oldest day kept', async () => {
    const answer = await usageOf(auditorA, { coordinate: 'Workspace.name', from: new Date(Date.now() - 400 * DAY_MS).toISOString() });
    expect(answer.from).toBe(startOfDay(new Date(Date.now() - 90 * DAY_MS)).toISOString());
    expect(answer.requests).toBe(14);
  });
});

describe('whose traffic', () => {
  it("never shows a workspace another workspace's operations or clients", async () => {
    const a = JSON.stringify(await usageOf(auditorA, { coordinate: 'Workspace.name' }));
    expect(a).not.toContain('tenant-b-secret-client');
    expect(a).not.toContain('TenantBSecretOperation');
    expect(a).not.toContain('"cli"');
    const b = await usageOf(auditorB, { coordinate: 'Workspace.name' });
    expect(b).toMatchObject({ scope: 'WORKSPACE', requests: 11, clients: [{ name: 'tenant-b-secret-client' }], operations: [{ name: 'TenantBSecretOperation' }] });
    expect(JSON.stringify(b)).not.toMatch(/"web"|"ios"|WorkspaceName/);
  });

  it("shows the operators' workspace every workspace's traffic and requests made without one", async () => {
    const answer = await usageOf(operator, { coordinate: 'Workspace.name' });
    expect(answer).toMatchObject({ scope: 'DEPLOYMENT', requests: 14 + 11 + 1 });
    expect(answer.clients.map((client: { name: string | null }) => client.name)).toEqual(['tenant-b-secret-client', 'web', null, 'ios', 'cli']);
  });

  it('refuses a credential without audit:read (INSUFFICIENT_SCOPE), in the workspace and in unusedFields and schemaVersions', async () => {
    const response = await usage(readerA, { coordinate: 'Workspace.name' });
    expect(errorCodes(response)).toEqual(['INSUFFICIENT_SCOPE']);
    expect(response.body.data?.schemaUsage ?? null).toBeNull();
    for (const query of [UNUSED, VERSIONS]) {
      expect(errorCodes(await stack.request({ query, headers: { 'x-api-key': readerA.secret } }))).toEqual(['INSUFFICIENT_SCOPE']);
    }
  });
});

describe('unusedFields', () => {
  it("lists the API schema's coordinates no request in scope touched, by kind, deprecated ones marked", async () => {
    const fields = await allUnused(auditorA, { kinds: ['FIELD'] });
    const coordinates = fields.map((node) => node.coordinate);
    expect(coordinates).not.toContain('Workspace.name');
    expect(coordinates).not.toContain('Query.workspace');
    expect(coordinates).toContain('Query.schemaVersions');
    expect(fields.every((node) => node.kind === 'FIELD')).toBe(true);
    // Workspace.id was touched by A's anonymous operation only: unused for B.
    const forB = (await allUnused(auditorB, { kinds: ['FIELD'] })).map((node) => node.coordinate);
    expect(forB.filter((coordinate) => !coordinates.includes(coordinate))).toEqual(['Workspace.id']);

    const everything = await allUnused(auditorA, { days: 7 });
    const sorted = everything.map((node) => node.coordinate);
    expect(sorted).toEqual([...sorted].sort());
    expect(new Set(sorted).size).toBe(sorted.length);
    expect(new Set(everything.map((node) => node.kind))).toEqual(new Set(['TYPE', 'FIELD', 'ARGUMENT', 'INPUT_FIELD', 'ENUM_VALUE']));
    expect(everything.find((node) => node.coordinate === 'Member.status')?.deprecationReason).toMatch(/Every member is ACTIVE/);
    expect(everything.find((node) => node.coordinate === 'Query.schemaUsage')?.deprecationReason).toBeNull();
  });

  it('pages with an opaque cursor: the next page starts after the last one', async () => {
    const first = (await stack.query({ query: UNUSED, variables: { first: 3 }, headers: { 'x-api-key': auditorA.secret } })).unusedFields;
    expect(first.nodes).toHaveLength(3);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = (await stack.query({ query: UNUSED, variables: { first: 3, after: first.pageInfo.endCursor }, headers: { 'x-api-key': auditorA.secret } })).unusedFields;
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    expect(second.nodes[0].coordinate > first.nodes[2].coordinate).toBe(true);
    expect(second.totalCount).toBe(first.totalCount);
  });
});

describe('schemaVersions', () => {
  it('lists the versions of a tag newest first, with the API schema, never the supergraph', async () => {
    const versions = (await stack.query({ query: VERSIONS, headers: { 'x-api-key': auditorA.secret } })).schemaVersions;
    expect(versions.totalCount).toBe(2);
    expect(versions.nodes.map((version: { gitCommit: string }) => version.gitCommit)).toEqual(['bbb222', 'aaa111']);
    expect(versions.nodes[0]).toMatchObject({ tag: 'production', apiSchema: 'type Query { b: Int }' });
    expect(JSON.stringify(versions)).not.toContain('internal');
    const paged = (await stack.query({ query: VERSIONS, variables: { first: 1 }, headers: { 'x-api-key': auditorB.secret } })).schemaVersions;
    const next = (await stack.query({ query: VERSIONS, variables: { first: 1, after: paged.pageInfo.endCursor }, headers: { 'x-api-key': auditorB.secret } })).schemaVersions;
    expect([paged.nodes[0].gitCommit, next.nodes[0].gitCommit, next.pageInfo.hasNextPage]).toEqual(['bbb222', 'aaa111', false]);
    const staging = (await stack.query({ query: VERSIONS, variables: { tag: 'staging' }, headers: { 'x-api-key': auditorA.secret } })).schemaVersions;
    expect(staging.nodes).toMatchObject([{ tag: 'staging', gitCommit: null }]);
  });
});

describe('bad input', () => {
  it.each([['Workspace.'], ['Workspace.name(first)'], ['1Workspace'], ['Workspace.name.id'], ['x'.repeat(400)], ['']])('refuses the coordinate %j', async (coordinate) => {
    const response = await usage(auditorA, { coordinate });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0].extensions?.argumentName).toBe('coordinate');
  });

  it('refuses a range that ends before it starts', async () => {
    const response = await usage(auditorA, { coordinate: 'Workspace.name', from: new Date().toISOString(), to: new Date(Date.now() - DAY_MS).toISOString() });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a forged or foreign cursor, a bad page size and days outside 1 to the retention', async () => {
    const auditor = { 'x-api-key': auditorA.secret };
    const versions = (await stack.query({ query: VERSIONS, variables: { first: 1 }, headers: auditor })).schemaVersions;
    const forged = Buffer.from(JSON.stringify(['unusedFields', "a' or 1=1 --"])).toString('base64url');
    for (const variables of [{ after: 'not-a-cursor' }, { after: forged }, { after: versions.pageInfo.endCursor }, { first: 0 }, { first: 101 }, { days: 0 }, { days: 91 }]) {
      const response = await stack.request({ query: UNUSED, variables, headers: auditor });
      expect(errorCodes(response), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    }
    expect(errorCodes(await stack.request({ query: VERSIONS, variables: { after: forged }, headers: auditor }))).toEqual(['BAD_USER_INPUT']);
  });
});
