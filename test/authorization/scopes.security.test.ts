// The one authorization suite for everything: for every root field and every field or
// type carrying @scopes in the composed supergraph, a key lacking the scope is denied
// (INSUFFICIENT_SCOPE where the case says, and only that field or type is null: what holds
// it is still there; a mutation refused with 403 and nothing changed), and a key holding every scope is not: it runs without any error, answers with
// data where a denial would show, and a mutation leaves an audit event (an operation only a
// session can run is sent with a session of the same owner instead). Without a credential,
// a root field marked @public runs and every other one is refused with 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINE_SCOPES } from '../../lib/scopes.js';
import { createUserKey } from '../identity-seeds.js';
import { countRows, startStack, type TestStack } from '../testkit.js';
import { startSuiteOidcProvider, stopSuiteOidcProvider } from '../oidc-suite-provider.js';
import { CASES } from './cases.js';
import { authorizationCoordinates, typesWithoutScopes } from './coordinates.js';
import { snapshotRows } from './database-snapshot.js';
import { buildFixtures, type Fixtures } from './fixtures.js';

const coordinates = authorizationCoordinates();
let stack: TestStack;
let fixtures: Fixtures;

beforeAll(async () => {
  // No background writes during a comparison: key usage is reported only at shutdown, and the
  // outbox relay (deleteWorkspace's events) does not run.
  const oidcProviders = await startSuiteOidcProvider();
  stack = await startStack({ gateway: { keyUsageFlushMs: 3_600_000, oidcProviders }, runWorkers: false, settings: { oidcProviders } });
  fixtures = await buildFixtures(stack);
});
afterAll(async () => {
  await stack?.stop();
  await stopSuiteOidcProvider();
});

it('has a case for every authorization coordinate of the supergraph, and none for what is gone', () => {
  const names = coordinates.map((coordinate) => coordinate.coordinate);
  expect(
    names.filter((name) => !CASES[name]),
    'coordinates without a case in test/authorization/cases.ts',
  ).toEqual([]);
  expect(
    Object.keys(CASES).filter((name) => !names.includes(name)),
    'cases for coordinates that no longer exist',
  ).toEqual([]);
});

it('finds @scopes declared on every object type of the supergraph', () => {
  expect(typesWithoutScopes()).toEqual([]);
});

function startsWith(path: readonly (string | number)[] | undefined, prefix: readonly (string | number)[]): boolean {
  return path !== undefined && prefix.every((part, index) => path[index] === part);
}

/** The value at a response path, null where the path is null or leads nowhere. */
function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value: unknown = data;
  for (const part of path) {
    if (value === null || value === undefined) return null;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value ?? null;
}

describe.each(coordinates.map((coordinate) => [coordinate.coordinate, coordinate] as const))('%s', (name, coordinate) => {
  const requirement = coordinate.requirement ?? [];
  // Public, or any credential will do: there is no scope to withhold.
  const needsNoScope = coordinate.public || requirement.some((allOf) => allOf.length === 0);
  const isRoot = coordinate.kind === 'query' || coordinate.kind === 'mutation';
  // Only the tests that apply to this coordinate are declared: a skipped test means one
  // that could not run here (none in this suite), not one that never applied.
  const itWhen = (applies: boolean) => (applies ? it : () => undefined);

  itWhen(isRoot && coordinate.public)('runs without a credential (@public)', async () => {
    const operation = await CASES[name].operation(fixtures);
    const response = await stack.request({ query: operation.query, variables: operation.variables });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.errors ?? [], JSON.stringify(response.body)).toEqual([]);
    expect(valueAt(response.body.data, CASES[name].path), JSON.stringify(response.body)).not.toBeNull();
  });

  itWhen(isRoot && !coordinate.public)('is refused without a credential (not @public)', async () => {
    const operation = await CASES[name].operation(fixtures);
    const response = await stack.request({ query: operation.query, variables: operation.variables });
    expect(response.status, JSON.stringify(response.body)).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  itWhen(!needsNoScope)(`is denied without ${JSON.stringify(requirement)}`, async () => {
    const testCase = CASES[name];
    const alsoNeeds = new Set(testCase.alsoNeeds ?? []);
    const withheld = new Set(requirement.map((allOf) => allOf.find((scope) => !alsoNeeds.has(scope)) ?? allOf[0]));
    const workspaceId = testCase.workspace ? await testCase.workspace(fixtures) : fixtures.a.workspaceId;
    const key = await createUserKey(stack, fixtures.a.owner.token, { scopes: FINE_SCOPES.filter((scope) => !withheld.has(scope)), workspaceIds: [workspaceId] });
    const operation = await testCase.operation(fixtures);
    const before = await snapshotRows(stack.database.url);
    const response = await stack.request({ ...operation, headers: { 'x-api-key': key.secret } });
    const denial = response.body.errors?.find((error) => error.extensions?.code === 'INSUFFICIENT_SCOPE');
    expect(denial, JSON.stringify(response.body)).toBeDefined();
    expect(startsWith(denial!.path, testCase.path), `denied at ${JSON.stringify(denial!.path)}`).toBe(true);
    // The null stops at the denied field (README "Nullability"), or for a denied type at
    // the field returning it: what holds that is still there, so a denial never takes
    // allowed siblings down with it.
    if (coordinate.kind !== 'mutation') {
      const holder = denial!.path!.slice(0, coordinate.kind === 'type' ? -2 : -1);
      expect(valueAt(response.body.data, holder), `what holds ${JSON.stringify(denial!.path)}: ${JSON.stringify(response.body)}`).not.toBeNull();
    }
    if (coordinate.kind === 'mutation') {
      expect(response.status).toBe(403);
      expect(await snapshotRows(stack.database.url)).toEqual(before);
    }
  });

  it('is allowed with every scope', async () => {
    const testCase = CASES[name];
    const fullKey = testCase.workspace
      ? (await createUserKey(stack, fixtures.a.owner.token, { scopes: [...FINE_SCOPES], workspaceIds: [await testCase.workspace(fixtures)] })).secret
      : fixtures.fullKey;
    const operation = await testCase.operation(fixtures);
    const recorded = () => countRows(stack.database.url, "select (select count(*) from identity.outbox_events where topic = 'audit.recorded') + (select count(*) from content.outbox_events) as count");
    const before = await recorded();
    const response = await stack.request({ ...operation, headers: operation.headers ?? { 'x-api-key': fullKey } });
    // Allowed means it ran: no error of any kind (a BAD_USER_INPUT or a failing service is
    // not "allowed"), and the coordinate answered with data where a denial would show.
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.errors ?? [], JSON.stringify(response.body)).toEqual([]);
    expect(valueAt(response.body.data, testCase.path), `data at ${JSON.stringify(testCase.path)}: ${JSON.stringify(response.body)}`).not.toBeNull();
    // Every mutation that ran leaves an audit event in its subgraph's outbox.
    // (requestPasswordReset records its event in a job the answer does not wait for: polled.)
    if (coordinate.kind === 'mutation') await expect.poll(recorded, { message: 'audit events recorded' }).toBeGreaterThan(before);
  });
});
