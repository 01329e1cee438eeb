// The cross-workspace suite: every query and mutation, run in workspace A with the ids of
// workspace B's records, answers as if they did not exist: nothing of B comes back and
// nothing of B changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../testkit.js';
import { CASES } from './cases.js';
import { authorizationCoordinates } from './coordinates.js';
import { snapshotRows } from './database-snapshot.js';
import { buildFixtures, type Fixtures } from './fixtures.js';

const roots = authorizationCoordinates().filter((coordinate) => coordinate.kind === 'query' || coordinate.kind === 'mutation');
let stack: TestStack;
let fixtures: Fixtures;
let foreignIds: string[];

beforeAll(async () => {
  // No background writes during a comparison: key usage is reported only at shutdown, and the
  // outbox relay (deleteWorkspace's events) does not run.
  stack = await startStack({ gateway: { keyUsageFlushMs: 3_600_000 }, runWorkers: false });
  fixtures = await buildFixtures(stack);
  const { b } = fixtures;
  foreignIds = [
    b.workspaceId,
    b.owner.userId,
    b.memberUserId,
    b.memberId,
    b.groupId,
    b.invitationId,
    b.customRoleId,
    b.userKeyId,
    b.workspaceKeyId,
    b.contentTypeId,
    b.fieldId,
    b.itemId,
    ...Object.values(b.roleIds),
  ];
});
afterAll(async () => {
  await stack?.stop();
});

it('has a foreign-id case for every query and mutation', () => {
  expect(roots.filter((root) => !CASES[root.coordinate]?.foreign).map((root) => root.coordinate)).toEqual([]);
});

describe.each(roots.map((root) => [root.coordinate] as const))('%s', (name) => {
  it('neither returns nor touches anything of another workspace', async () => {
    const operation = await CASES[name].foreign!(fixtures);
    const pattern = foreignIds.join('|');
    const before = await snapshotRows(stack.database.url, pattern);
    const response = await stack.request({ ...operation, headers: { 'x-api-key': fixtures.fullKey } });
    const body = JSON.stringify(response.body);
    // Records come back in data; an error may repeat an id the request itself sent.
    const data = JSON.stringify(response.body.data ?? null);
    for (const id of foreignIds) expect(data.includes(id), `${name} answered with ${id} of workspace B: ${body}`).toBe(false);
    expect(response.body.errors?.some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR') ?? false, body).toBe(false);
    expect(await snapshotRows(stack.database.url, pattern)).toEqual(before);
  });
});
