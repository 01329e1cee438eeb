// Relay-style connections (DESIGN.md "API conventions"): first 1–100 (default 20),
// opaque keyset cursors, edges, nodes, pageInfo and totalCount.
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { GraphQLError } from 'graphql';
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

export function pageSize(first: number | undefined | null): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new GraphQLError(`first must be between 1 and ${MAX_PAGE_SIZE}`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' },
    });
  }
  return first;
}

/** Cursors are opaque to clients: base64url of the keyset position. */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined | null): (string | number)[] | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.every((part) => typeof part === 'string' || typeof part === 'number')) return value;
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError('after is not a valid cursor', { extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
}

/**
 * Turns `limit + 1` rows fetched in keyset order into a page: the extra row only
 * tells whether another page follows.
 */
export function toConnection<T>(rows: T[], limit: number, totalCount: number, position: (row: T) => (string | number)[]): Connection<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(position(node)), node }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
