// The one keyset-paging layer under every connection (issue 16): a list declares its order
// once (keysetOrder: columns, directions, which may be null, the last one unique), and
// everything else follows from it: the cursor codec (lib/cursor.ts), the checked page
// arguments (pageWindow), the SQL bounds and ORDER BY (keysetBounds, keysetOrderBy), and
// the page with a complete PageInfo (toConnection). pageQuery runs the whole thing on a
// MikroORM QueryBuilder; the batched relation pages (lib/relation-page-loader.ts) and the
// lateral request-log pages use the same fragments inside their one query per batch.
//
// Relay semantics: `first` reads forward from `after`; `last` reads the last rows of the
// (after/before-bounded) set, backwards through the index, and returns them in the same
// forward order. `hasNextPage` (with first) and `hasPreviousPage` (with last) are exact:
// one row past the page is read. The opposite flag follows the Relay spec's allowance,
// at no cost: with `after`, hasPreviousPage is true (the row of that cursor lies before
// the page); with `before`, hasNextPage is true; without that cursor, false.
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { raw } from '@mikro-orm/core';
import type { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';
import { CursorPart, cursorCodec, type CursorArgument, type CursorCodec } from './cursor.js';
import { badUserInput } from './errors.js';
import type { SubgraphEntityManager } from './orm.js';

export type SortDirection = 'asc' | 'desc';

/** How a cursor value is bound in SQL (the cast after its parameter). */
export type KeysetValueType = 'uuid' | 'timestamptz' | 'jsonb' | 'text' | 'integer';

/** One column of a keyset order. */
export interface KeysetColumn<Row> {
  /** The SQL expression for a table alias (`r` → `r.created_at`). Written by code, never from input. */
  readonly sql: (alias: string) => string;
  readonly direction: SortDirection;
  readonly type: KeysetValueType;
  /** The column may be null: such rows come last, in either direction. */
  readonly nullable?: boolean;
  /** What a cursor may hold for this column (lib/cursor.ts CursorPart). */
  readonly part: z.ZodType;
  /** This column's value of a row, as its cursor holds it (ISO text for times, JSON for jsonb). */
  readonly value: (row: Row) => unknown;
}

/** A list's order: columns compared in turn; the last one is unique and never null (the id). */
export interface KeysetOrder<Row> {
  readonly columns: readonly KeysetColumn<Row>[];
  readonly cursor: CursorCodec<unknown[]>;
}

/**
 * An order named `list` in its cursors (`roles`, `items:updatedAt:desc`): a cursor is
 * bound to the list and order that made it, so one of another list is refused even when
 * its shape matches.
 */
export function keysetOrder<Row>(list: string, columns: readonly KeysetColumn<Row>[]): KeysetOrder<Row> {
  const last = columns.at(-1);
  if (!last || last.nullable) throw new Error(`keyset order ${list} must end with a unique, non-null column`);
  const parts = columns.map((column) => column.part) as [z.ZodType, ...z.ZodType[]];
  return { columns, cursor: cursorCodec(list, parts) as unknown as CursorCodec<unknown[]> };
}

/** A plain column of the row, by its SQL name. */
function columnSql(name: string): (alias: string) => string {
  return (alias) => `${alias}.${name}`;
}

/** The id column: UUIDv7, so id order is creation order. The usual last column. */
export function idColumn<Row extends { id: string }>(direction: SortDirection = 'asc', name = 'id'): KeysetColumn<Row> {
  return { sql: columnSql(name), direction, type: 'uuid', part: CursorPart.id, value: (row) => row.id };
}

/** A timestamp column (`created_at`); `nullable` for times a row may lack (nulls come last). */
export function timeColumn<Row>(name: string, read: (row: Row) => Date | null | undefined, direction: SortDirection, nullable = false): KeysetColumn<Row> {
  return {
    sql: columnSql(name),
    direction,
    type: 'timestamptz',
    nullable,
    part: nullable ? CursorPart.optionalTimestamp : CursorPart.timestamp,
    value: (row) => read(row)?.toISOString() ?? null,
  };
}

/** Lists in id order (ids are UUIDv7, so creation order): the common order. */
export function idOrder<Row extends { id: string }>(list: string): KeysetOrder<Row> {
  return keysetOrder<Row>(list, [idColumn()]);
}

/** Lists newest first: created_at, then id, both descending. */
export function newestFirstOrder<Row extends { id: string; createdAt: Date }>(list: string): KeysetOrder<Row> {
  return keysetOrder<Row>(list, [timeColumn('created_at', (row) => row.createdAt, 'desc'), idColumn('desc')]);
}

/** The page arguments of every connection (lib/connection.ts PageArgs). */
export interface PageArguments {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

/** Checked page arguments: how many rows, from which end, between which positions. */
export interface PageWindow {
  readonly limit: number;
  /** `last`: the page is the end of the bounded set, read backwards. */
  readonly backward: boolean;
  readonly after?: readonly unknown[];
  readonly before?: readonly unknown[];
}

function pageSizeArgument(value: number | null | undefined, argumentName: 'first' | 'last'): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`${argumentName} must be an integer from 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}); got ${value}`, { argumentName });
  }
  return value;
}

/**
 * The page arguments, checked before any SQL runs: `first` and `last` 1 to 100 and not
 * both (as GitHub), `after` and `before` cursors of this very list and order.
 */
export function pageWindow(page: PageArguments, order: Pick<KeysetOrder<unknown>, 'cursor'>): PageWindow {
  const first = pageSizeArgument(page.first, 'first');
  const last = pageSizeArgument(page.last, 'last');
  if (first !== undefined && last !== undefined) {
    throw badUserInput('first and last cannot be used together: pass first (with after) to page forwards, or last (with before) to page backwards', { argumentName: 'last' });
  }
  const decode = (cursor: string | null | undefined, argumentName: CursorArgument) => order.cursor.decode(cursor, argumentName);
  return { limit: first ?? last ?? DEFAULT_PAGE_SIZE, backward: last !== undefined, after: decode(page.after, 'after'), before: decode(page.before, 'before') };
}

/** A SQL boolean expression and its `?` parameters, in order. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const TRUE: SqlFragment = { sql: 'true', params: [] };

function join(fragments: readonly SqlFragment[], separator: ' and ' | ' or '): SqlFragment {
  if (fragments.length === 1) return fragments[0];
  return { sql: `(${fragments.map((fragment) => fragment.sql).join(separator)})`, params: fragments.flatMap((fragment) => fragment.params) };
}

/**
 * Rows strictly past `position` on `side` of it in the order: `after` (later in the
 * order) or `before` (earlier). Without nullable columns and with one direction it is a
 * row comparison, which PostgreSQL answers from an index on those columns.
 */
function beyond<Row>(columns: readonly KeysetColumn<Row>[], alias: string, position: readonly unknown[], side: CursorArgument): SqlFragment {
  const bind = (index: number) => `?::${columns[index].type}`;
  const value = (index: number) => (columns[index].type === 'jsonb' ? JSON.stringify(position[index]) : position[index]);
  const ascending = (column: KeysetColumn<Row>) => (column.direction === 'asc') === (side === 'after');
  if (columns.every((column) => !column.nullable && column.direction === columns[0].direction)) {
    const operator = ascending(columns[0]) ? '>' : '<';
    return {
      sql: `(${columns.map((column) => column.sql(alias)).join(', ')}) ${operator} (${columns.map((_, index) => bind(index)).join(', ')})`,
      params: columns.map((_, index) => value(index)),
    };
  }
  // Lexicographic: equal on every column before i, past on column i.
  const terms: SqlFragment[] = [];
  const equal: SqlFragment[] = [];
  columns.forEach((column, index) => {
    const sql = column.sql(alias);
    const isNull = column.nullable && position[index] === null;
    let past: SqlFragment | undefined;
    if (isNull) {
      // Nulls come last: nothing is after a null; every value is before it.
      past = side === 'after' ? undefined : { sql: `${sql} is not null`, params: [] };
    } else {
      const comparison: SqlFragment = { sql: `${sql} ${ascending(column) ? '>' : '<'} ${bind(index)}`, params: [value(index)] };
      past = column.nullable && side === 'after' ? { sql: `(${comparison.sql} or ${sql} is null)`, params: comparison.params } : comparison;
    }
    if (past) terms.push(join([...equal, past], ' and '));
    equal.push(isNull ? { sql: `${sql} is null`, params: [] } : { sql: `${sql} = ${bind(index)}`, params: [value(index)] });
  });
  return terms.length === 0 ? { sql: 'false', params: [] } : join(terms, ' or ');
}

/** The window's cursor bounds as one condition over `alias` ('true' without cursors). */
export function keysetBounds<Row>(order: KeysetOrder<Row>, window: PageWindow, alias: string): SqlFragment {
  const bounds: SqlFragment[] = [];
  if (window.after) bounds.push(beyond(order.columns, alias, window.after, 'after'));
  if (window.before) bounds.push(beyond(order.columns, alias, window.before, 'before'));
  return bounds.length === 0 ? TRUE : join(bounds, ' and ');
}

/** Each column with the direction rows are read in: the list's order, or its reverse for `last`. */
function readOrder<Row>(order: KeysetOrder<Row>, window: PageWindow): { column: KeysetColumn<Row>; direction: string }[] {
  return order.columns.map((column) => {
    const ascending = (column.direction === 'asc') !== window.backward;
    // Non-null columns keep PostgreSQL's defaults, so that their indexes serve the order.
    const nulls = column.nullable ? (window.backward ? ' nulls first' : ' nulls last') : '';
    return { column, direction: `${ascending ? 'asc' : 'desc'}${nulls}` };
  });
}

/** The ORDER BY (without the keywords) rows are read in over `alias`. */
export function keysetOrderBy<Row>(order: KeysetOrder<Row>, window: PageWindow, alias: string): string {
  return readOrder(order, window)
    .map(({ column, direction }) => `${column.sql(alias)} ${direction}`)
    .join(', ');
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfoValues {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfoValues;
  totalCount: number;
}

/** The cursor of a row in this order. */
export function cursorOf<Row>(order: KeysetOrder<Row>, row: Row): string {
  return order.cursor.encode(order.columns.map((column) => column.value(row)));
}

/**
 * Turns up to `limit + 1` rows, in the order they were read (reversed for `last`), into a
 * page in the list's order: the extra row only tells that more rows lie past the page.
 */
export function toConnection<Row>(rows: readonly Row[], window: PageWindow, totalCount: number, order: KeysetOrder<Row>): Connection<Row> {
  const more = rows.length > window.limit;
  const nodes = rows.slice(0, window.limit);
  if (window.backward) nodes.reverse();
  const edges = nodes.map((node) => ({ cursor: cursorOf(order, node), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: window.backward ? window.before !== undefined : more,
      hasPreviousPage: window.backward ? more : window.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

export interface PageQuery<T extends object> {
  readonly entity: EntityName<T>;
  /** Which rows the list holds (every page and the total count). */
  readonly where?: FilterQuery<T>;
  /** Conditions MikroORM's filter objects cannot say (over the alias `r`). */
  readonly sql?: SqlFragment;
  readonly order: KeysetOrder<T>;
  readonly page: PageArguments;
  /** The total when the caller knows it without counting (a kept counter). */
  readonly totalCount?: number | Promise<number>;
}

/** The alias pageQuery gives the list's table: column SQL and `sql` conditions use it. */
export const PAGE_ALIAS = 'r';

/** One page of a list and its total: one QueryBuilder query for the page, one count. */
export async function pageQuery<T extends object>(em: SubgraphEntityManager, query: PageQuery<T>): Promise<Connection<T>> {
  // The page arguments are checked before anything is read: the cheapest refusal first.
  const window = pageWindow(query.page, query.order);
  const base = async () => {
    const builder = em.createQueryBuilder(query.entity, PAGE_ALIAS);
    if (query.where) builder.where(query.where as never);
    if (query.sql) builder.andWhere(query.sql.sql, [...query.sql.params]);
    // A QueryBuilder does not apply MikroORM's filters by itself: the workspace filter
    // (lib/workspace-filter.ts) and any other default filter are added here.
    await builder.applyFilters();
    return builder;
  };
  const bounds = keysetBounds(query.order, window, PAGE_ALIAS);
  const rows = (await base())
    .andWhere(bounds.sql, [...bounds.params])
    .orderBy(readOrder(query.order, window).map(({ column, direction }) => ({ [raw(column.sql(PAGE_ALIAS))]: direction }) as never))
    .limit(window.limit + 1)
    .getResultList();
  const total = query.totalCount ?? base().then((builder) => builder.getCount());
  const [list, totalCount] = await Promise.all([rows, total]);
  return toConnection(list, window, totalCount, query.order);
}
