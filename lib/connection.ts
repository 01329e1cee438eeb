// Relay-style connections (DESIGN.md "API conventions"): first 1–100 (default 20),
// opaque keyset cursors, edges, nodes, pageInfo and totalCount.
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { CursorCodec } from './cursor.js';
import { badUserInput } from './errors.js';
import { scopes } from './scopes-directive.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many records to return: 1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return records after this cursor (`pageInfo.endCursor` of the previous page).' })
  after?: string;
}

// Every subgraph returns connections, so every subgraph may resolve PageInfo. Wrappers
// need no scope of their own: the field returning them declares it.
@Directive('@shareable')
@Directive(scopes([]))
@ObjectType({ description: 'Where a page ends and whether more follow.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when another page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last record on this page; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, nodeName: string) {
  @Directive(scopes([]))
  @ObjectType(`${nodeName}Edge`, { description: `One ${nodeName} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: 'Opaque cursor of this record.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${nodeName}.` })
    node!: T;
  }

  @Directive(scopes([]))
  @ObjectType(`${nodeName}Connection`, { description: `A page of ${nodeName} records.` })
  class ConnectionClass {
    @Field(() => [EdgeType], { description: 'The records of this page with their cursors.' })
    edges!: EdgeType[];

    @Field(() => [nodeType], { description: 'The records of this page.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Pagination state.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of records matching, across all pages.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

/** The page size a `first` argument asks for: 1 to MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE when absent. */
export function pageSize(first: number | undefined | null): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be an integer from 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}); got ${first}`, { argumentName: 'first' });
  }
  return first;
}

export interface PageRequest<Position> {
  readonly limit: number;
  /** The keyset position to continue after, or undefined for the first page. */
  readonly after: Position | undefined;
}

/** Both page arguments, checked: `first` in range and `after` a cursor of this list. */
export function pageRequest<Position extends readonly unknown[]>(page: { first?: number | null; after?: string | null }, cursor: CursorCodec<Position>): PageRequest<Position> {
  return { limit: pageSize(page.first), after: cursor.decode(page.after) };
}

/**
 * Turns `limit + 1` rows fetched in keyset order into a page: the extra row only
 * tells whether another page follows.
 */
export function toConnection<T, Position extends readonly unknown[]>(
  rows: T[],
  limit: number,
  totalCount: number,
  cursor: CursorCodec<Position>,
  position: (row: T) => NoInfer<Position>,
): Connection<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ cursor: cursor.encode(position(node)), node }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
