// Relay-style connections (DESIGN.md "API conventions"): first/after and last/before
// (1–100, default 20), opaque keyset cursors, edges, nodes, a complete pageInfo and
// totalCount: the GraphQL types. How a page is read is lib/paging.ts.
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { scopes } from './scopes-directive.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';
import type { Connection, Edge } from './paging.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };
export type { Connection, Edge };

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many records to return from the start: 1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}. Not with \`last\`.` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return records after this cursor (`pageInfo.endCursor` of the previous page).' })
  after?: string;

  @Field(() => Int, { nullable: true, description: `How many records to return from the end (in the same order as \`first\`): 1 to ${MAX_PAGE_SIZE}. Not with \`first\`.` })
  last?: number;

  @Field(() => String, { nullable: true, description: 'Return records before this cursor (`pageInfo.startCursor` of the next page).' })
  before?: string;
}

// Every subgraph returns connections, so every subgraph may resolve PageInfo. Wrappers
// need no scope of their own: the field returning them declares it.
@Directive('@shareable')
@Directive(scopes([]))
@ObjectType({ description: 'Where a page starts and ends, and whether more records lie on either side.' })
export class PageInfo {
  @Field(() => Boolean, {
    description: 'True when records follow this page. Exact with `first`; with `last`, true when `before` was given (its record follows), false otherwise.',
  })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: 'True when records precede this page. Exact with `last`; with `first`, true when `after` was given (its record precedes), false otherwise.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first record on this page; pass it as `before` for the previous page. Null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last record on this page; pass it as `after` for the next page. Null when the page is empty.' })
  endCursor!: string | null;
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
