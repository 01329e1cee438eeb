// The keyset-paging helper against a real PostgreSQL: every page it reads, forwards or
// backwards, between any two cursors, is exactly the slice a sorted array gives, with
// exact PageInfo; orders with ties and nulls walk without a gap or a repeat; forged and
// foreign cursors, and contradicting arguments, are one BAD_USER_INPUT before any SQL.
import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import { EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CursorPart } from './cursor.js';
import { newId } from './ids.js';
import { idColumn, keysetOrder, pageQuery, timeColumn, type KeysetOrder, type PageArguments, type SortDirection } from './paging.js';
import { createTestDatabase, type TestDatabase } from '../test/testkit.js';

fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED ?? 20261216) });

interface Row {
  id: string;
  /** A jsonb number, often tied, sometimes absent (as an item's field value). */
  score: number | null;
  /** A time, often tied, sometimes absent (as a key's last use). */
  usedAt: Date | null;
  createdAt: Date;
}

const RowSchema = new EntitySchema<Row>({
  name: 'PagingRow',
  tableName: 'paging_rows',
  properties: {
    id: { type: 'uuid', primary: true },
    score: { type: 'json', nullable: true },
    usedAt: { type: 'Date', nullable: true, fieldName: 'used_at' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
  },
});

function scoreColumn(direction: SortDirection) {
  return { sql: (alias: string) => `${alias}.score`, direction, type: 'jsonb' as const, nullable: true, part: CursorPart.sortValue, value: (row: Row) => row.score };
}

/** Each order under test, with the JS comparison it must agree with. */
const ORDERS: Record<string, { order: KeysetOrder<Row>; compare: (a: Row, b: Row) => number }> = {};
function addOrder(name: string, order: KeysetOrder<Row>, keys: { read: (row: Row) => number | null; direction: SortDirection }[]) {
  ORDERS[name] = {
    order,
    compare: (a, b) => {
      for (const { read, direction } of keys) {
        const [x, y] = [read(a), read(b)];
        if (x === y) continue;
        if (x === null) return 1; // nulls last, in either direction
        if (y === null) return -1;
        return (x < y ? -1 : 1) * (direction === 'asc' ? 1 : -1);
      }
      return 0;
    },
  };
}
/** Rows are kept in id order (see beforeAll), so a row's index is its place in id order. */
const idKey = (row: Row) => rows.indexOf(row);
for (const direction of ['asc', 'desc'] as const) {
  addOrder(`score ${direction}`, keysetOrder<Row>(`rows:score:${direction}`, [scoreColumn(direction), idColumn(direction)]), [
    { read: (row) => row.score, direction },
    { read: idKey, direction },
  ]);
  addOrder(`usedAt ${direction}`, keysetOrder<Row>(`rows:usedAt:${direction}`, [timeColumn('used_at', (row) => row.usedAt, direction, true), idColumn(direction)]), [
    { read: (row) => row.usedAt?.getTime() ?? null, direction },
    { read: idKey, direction },
  ]);
  addOrder(`createdAt ${direction}`, keysetOrder<Row>(`rows:createdAt:${direction}`, [timeColumn('created_at', (row) => row.createdAt, direction), idColumn(direction)]), [
    { read: (row) => row.createdAt.getTime(), direction },
    { read: idKey, direction },
  ]);
}

let database: TestDatabase;
let orm: MikroORM;
const rows: Row[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await MikroORM.init({ clientUrl: database.url, schema: 'paging_test', entities: [RowSchema], allowGlobalContext: false });
  await orm.em.getConnection().execute('create schema paging_test; create table paging_test.paging_rows (id uuid primary key, score jsonb, used_at timestamptz, created_at timestamptz not null)');
  // 41 rows (not a multiple of the page sizes below), with many ties and nulls. The ids
  // are sorted so that an id's place is the id order the database sees (UUIDv7 by time).
  const ids = Array.from({ length: 41 }, () => newId()).sort();
  const base = Date.UTC(2026, 0, 1);
  ids.forEach((id, index) => {
    rows.push({
      id,
      score: index % 5 === 0 ? null : (index * 7) % 4,
      usedAt: index % 3 === 0 ? null : new Date(base + ((index * 11) % 5) * 1000),
      createdAt: new Date(base + Math.floor(index / 4) * 1000),
    });
  });
  const em = orm.em.fork();
  for (const row of rows) em.create(RowSchema, { ...row });
  await em.flush();
});

afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

function read(order: KeysetOrder<Row>, page: PageArguments) {
  return pageQuery(orm.em.fork(), { entity: RowSchema, order, page });
}

/** What a page must be: the slice of the sorted rows between the cursors, from the chosen end. */
function expected(name: string, page: PageArguments) {
  const { order, compare } = ORDERS[name];
  const sorted = [...rows].sort(compare);
  const indexOf = (cursor: string) => sorted.findIndex((row) => order.cursor.encode(order.columns.map((column) => column.value(row))) === cursor);
  const start = page.after ? indexOf(page.after) + 1 : 0;
  const end = page.before ? indexOf(page.before) : sorted.length;
  const bounded = sorted.slice(start, Math.max(start, end));
  const size = page.first ?? page.last ?? 20;
  const nodes = page.last ? bounded.slice(Math.max(0, bounded.length - size)) : bounded.slice(0, size);
  return {
    ids: nodes.map((row) => row.id),
    hasNextPage: page.last ? page.before !== undefined : bounded.length > size,
    hasPreviousPage: page.last ? bounded.length > size : page.after !== undefined,
  };
}

function refusal(promise: () => Promise<unknown>): Promise<GraphQLError> {
  return promise().then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(GraphQLError);
      return error as GraphQLError;
    },
  );
}

describe.each(Object.keys(ORDERS))('pages in %s order', (name) => {
  const { order } = ORDERS[name];

  it('walks forwards and backwards through every row once, in the same order, with exact page boundaries', async () => {
    const sorted = [...rows].sort(ORDERS[name].compare).map((row) => row.id);
    for (const size of [1, 7, 41, 100]) {
      const forward: string[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const connection = await read(order, { first: size, after });
        forward.push(...connection.nodes.map((row) => row.id));
        expect(connection.totalCount).toBe(41);
        expect(connection.pageInfo.hasPreviousPage).toBe(after !== undefined);
        expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor!;
      }
      expect(forward, `first: ${size}`).toEqual(sorted);

      const backward: string[] = [];
      let before: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const connection = await read(order, { last: size, before });
        backward.unshift(...connection.nodes.map((row) => row.id));
        expect(connection.pageInfo.hasNextPage).toBe(before !== undefined);
        if (!connection.pageInfo.hasPreviousPage) break;
        before = connection.pageInfo.startCursor!;
      }
      expect(backward, `last: ${size}`).toEqual(sorted);
    }
  });

  it('reads any window between two cursors exactly as the sorted rows give it', async () => {
    const sorted = [...rows].sort(ORDERS[name].compare);
    const cursors = sorted.map((row) => order.cursor.encode(order.columns.map((column) => column.value(row))));
    const cursor = fc.option(fc.constantFrom(...cursors), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(cursor, cursor, fc.boolean(), fc.integer({ min: 1, max: 45 }), async (after, before, backward, size) => {
        const page: PageArguments = backward ? { last: size, after, before } : { first: size, after, before };
        const connection = await read(order, page);
        const want = expected(name, page);
        expect(connection.nodes.map((row) => row.id)).toEqual(want.ids);
        expect(connection.pageInfo).toMatchObject({ hasNextPage: want.hasNextPage, hasPreviousPage: want.hasPreviousPage });
        expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
      }),
      { numRuns: 60 },
    );
  });

  it('gives an empty page between adjacent cursors and past the ends', async () => {
    const first = await read(order, { first: 2 });
    const between = await read(order, { first: 5, after: first.edges[0].cursor, before: first.edges[1].cursor });
    expect(between.nodes).toEqual([]);
    expect(between.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
    const end = await read(order, { last: 1 });
    const past = await read(order, { first: 3, after: end.pageInfo.endCursor! });
    expect(past.nodes).toEqual([]);
    expect(past.pageInfo.hasNextPage).toBe(false);
  });
});

describe('page arguments', () => {
  const { order } = ORDERS['score asc'];

  it('refuses forged cursors in after and before, naming the argument', async () => {
    for (const forged of ['nope', Buffer.from('["rows:score:asc",1]').toString('base64url'), Buffer.from(`["rows:score:asc",1,"x"]`).toString('base64url'), '']) {
      for (const argumentName of ['after', 'before'] as const) {
        const error = await refusal(() => read(order, { first: 2, [argumentName]: forged }));
        expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName });
        expect(error.message).toMatch(new RegExp(`^${argumentName} is not a cursor of this list`));
      }
    }
  });

  it('refuses a cursor of another list or another order, though its shape fits', async () => {
    const other = await read(ORDERS['score desc'].order, { first: 1 });
    const error = await refusal(() => read(order, { last: 2, before: other.pageInfo.endCursor! }));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'before' });
  });

  it('refuses first with last, and sizes outside 1 to 100', async () => {
    expect((await refusal(() => read(order, { first: 2, last: 2 }))).message).toMatch(/^first and last cannot be used together/);
    for (const [argument, value] of [
      ['first', 0],
      ['last', 0],
      ['last', 101],
      ['first', 2.5],
    ] as const) {
      const error = await refusal(() => read(order, { [argument]: value }));
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: argument });
    }
  });

  it('reads 20 rows without a size', async () => {
    expect((await read(order, {})).nodes).toHaveLength(20);
    expect((await read(order, { before: (await read(order, { last: 1 })).pageInfo.startCursor! })).nodes).toHaveLength(20);
  });
});
