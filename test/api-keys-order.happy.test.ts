// apiKeys(filter: {status, kind}, orderBy) through the gateway: a user's own keys and a
// workspace's keys, active, revoked and expired, each listed by status and kind, and in
// every order both ways, walked one page at a time forwards and backwards: the pages give
// exactly the keys the database holds, in the order (keys without the time last), id as
// the tie-breaker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, createWorkspaceKey, signUp, type SignedUpUser } from './identity-seeds.js';
import { selectRows, startStack, type AssertedJson, type TestStack } from './testkit.js';

let stack: TestStack;
let owner: SignedUpUser;
let headers: Record<string, string>;

interface KeyRow {
  id: string;
  kind: 'USER' | 'WORKSPACE';
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}
let rows: KeyRow[] = [];

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

beforeAll(async () => {
  stack = await startStack();
  owner = await signUp(stack, 'Key Owner');
  const workspaceId = await createWorkspaceAs(stack, owner.token, 'Keys');
  headers = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  const ids: string[] = [];
  for (const expiresIn of ['ONE_MONTH', 'NEVER', 'ONE_YEAR', 'ONE_MONTH']) {
    ids.push((await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId], expiresIn })).id);
    ids.push((await createWorkspaceKey(stack, owner.token, workspaceId, { scopes: ['read'], expiresIn })).id);
  }
  // Of each kind: [active, active never expiring, revoked, expired]; some used, with ties.
  for (const id of [ids[4], ids[5]]) await stack.query({ query: 'mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { id } } }', variables: { id }, headers });
  const pool = `update "identity"."api_keys" set expires_at = $2 where id = $1`;
  await selectRows(stack.database.url, pool, [ids[6], hoursAgo(1)]);
  await selectRows(stack.database.url, pool, [ids[7], hoursAgo(1)]);
  const used = hoursAgo(2);
  for (const [id, at] of [
    [ids[0], used],
    [ids[1], used],
    [ids[2], hoursAgo(3)],
    [ids[7], hoursAgo(5)],
  ] as const) {
    await selectRows(stack.database.url, 'update "identity"."api_keys" set last_used_at = $2 where id = $1', [id, at]);
  }
  rows = await selectRows<KeyRow>(stack.database.url, 'select id, kind, created_at, last_used_at, expires_at, revoked_at from "identity"."api_keys" where id = any($1::uuid[])', [ids]);
  expect(rows).toHaveLength(8);
});

afterAll(async () => {
  await stack?.stop();
});

const COLUMNS = { CREATED_AT: 'created_at', LAST_USED_AT: 'last_used_at', EXPIRES_AT: 'expires_at' } as const;
type OrderBy = keyof typeof COLUMNS;

function statusOf(row: KeyRow): 'ACTIVE' | 'REVOKED' | 'EXPIRED' {
  if (row.revoked_at) return 'REVOKED';
  return row.expires_at && row.expires_at.getTime() <= Date.now() ? 'EXPIRED' : 'ACTIVE';
}

/** The order the API promises: the time in the direction, keys without one last, then id in the direction. */
function expectedOrder(keys: KeyRow[], by: OrderBy, direction: 'ASC' | 'DESC'): string[] {
  const sign = direction === 'ASC' ? 1 : -1;
  return [...keys]
    .sort((a, b) => {
      const [x, y] = [a[COLUMNS[by]]?.getTime() ?? null, b[COLUMNS[by]]?.getTime() ?? null];
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        return (x - y) * sign;
      }
      return (a.id < b.id ? -1 : 1) * sign;
    })
    .map((row) => row.id);
}

const LIST = `query($filter: ApiKeyFilter, $orderBy: ApiKeyOrder, $first: Int, $after: String, $last: Int, $before: String) {
  apiKeys(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount nodes { id status } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function page(variables: Record<string, unknown>): Promise<AssertedJson> {
  const data = await stack.query<{ apiKeys: AssertedJson }>({ query: LIST, variables, headers });
  return data.apiKeys;
}

/** Every key of the list, two at a time forwards, then two at a time backwards. */
async function walk(filter: Record<string, unknown>, orderBy: Record<string, unknown>): Promise<{ forwards: string[]; backwards: string[]; total: number }> {
  const forwards: string[] = [];
  let after: string | null = null;
  let total: number;
  for (;;) {
    const result = await page({ filter, orderBy, first: 2, after });
    forwards.push(...result.nodes.map((node: AssertedJson) => node.id));
    total = result.totalCount;
    if (!result.pageInfo.hasNextPage) break;
    after = result.pageInfo.endCursor;
  }
  const backwards: string[] = [];
  let before: string | null = null;
  for (;;) {
    const result = await page({ filter, orderBy, last: 2, before });
    backwards.unshift(...result.nodes.map((node: AssertedJson) => node.id));
    if (!result.pageInfo.hasPreviousPage) break;
    before = result.pageInfo.startCursor;
  }
  return { forwards, backwards, total };
}

describe('apiKeys(filter, orderBy)', () => {
  const owners = [
    { owner: 'ME', kind: 'USER' },
    { owner: 'WORKSPACE', kind: 'WORKSPACE' },
  ] as const;

  for (const { owner: listOwner, kind } of owners) {
    it(`lists ${listOwner} keys by status and kind`, async () => {
      for (const status of ['ACTIVE', 'REVOKED', 'EXPIRED'] as const) {
        const result = await page({ filter: { owner: listOwner, status }, first: 100 });
        const expected = rows.filter((row) => row.kind === kind && statusOf(row) === status).map((row) => row.id);
        expect(expected.length).toBeGreaterThan(0);
        expect(result.nodes.map((node: AssertedJson) => node.id).sort()).toEqual([...expected].sort());
        expect(result.nodes.every((node: AssertedJson) => node.status === status)).toBe(true);
        expect(result.totalCount).toBe(expected.length);
      }
      // The other kind is never among this owner's keys.
      const otherKind = kind === 'USER' ? 'WORKSPACE' : 'USER';
      expect((await page({ filter: { owner: listOwner, kind: otherKind }, first: 100 })).totalCount).toBe(0);
      expect((await page({ filter: { owner: listOwner, kind }, first: 100 })).totalCount).toBe(4);
    });

    for (const by of Object.keys(COLUMNS) as OrderBy[]) {
      for (const direction of ['ASC', 'DESC'] as const) {
        it(`pages ${listOwner} keys by ${by} ${direction}, keys without the time last, both ways`, async () => {
          const expected = expectedOrder(
            rows.filter((row) => row.kind === kind),
            by,
            direction,
          );
          const { forwards, backwards, total } = await walk({ owner: listOwner, kind }, { by, direction });
          expect(forwards).toEqual(expected);
          expect(backwards).toEqual(expected);
          expect(total).toBe(expected.length);
        });
      }
    }
  }

  it('combines status with an order: active user keys by expiry, the never-expiring one last', async () => {
    const result = await page({ filter: { owner: 'ME', status: 'ACTIVE' }, orderBy: { by: 'EXPIRES_AT', direction: 'DESC' }, first: 100 });
    const expected = expectedOrder(
      rows.filter((row) => row.kind === 'USER' && statusOf(row) === 'ACTIVE'),
      'EXPIRES_AT',
      'DESC',
    );
    expect(result.nodes.map((node: AssertedJson) => node.id)).toEqual(expected);
    expect(rows.find((row) => row.id === expected.at(-1))?.expires_at).toBeNull();
  });
});
