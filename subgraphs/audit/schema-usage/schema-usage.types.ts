// The GraphQL types of the usage API (schemaUsage, unusedFields): what a coordinate's
// usage looks like to a client. Plain objects built from usage-read.ts's answer; the
// fields returning them declare the scope, so the types need none of their own.
import { Directive, Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import type { SchemaCoordinateKind as CoordinateKind } from '../../../lib/schema-usage.js';
import { OperationType } from '../request-logs/request-log.enums.js';

/** schemaUsage lists at most this many clients and operations (most requests first). */
export const MAX_USAGE_ROWS = 100;
/**
 * Each operation lists at most this many clients: the gateway's cost limit counts a list
 * without `first` as 20 entries (gateway/limits/cost.ts), so an operation's clients are
 * never more than its estimate, and 100 operations × 20 clients bound the answer.
 */
export const MAX_OPERATION_CLIENTS = 20;

/** Whose traffic a usage answer counts. */
export enum SchemaUsageScope {
  WORKSPACE = 'WORKSPACE',
  DEPLOYMENT = 'DEPLOYMENT',
}

registerEnumType(SchemaUsageScope, {
  name: 'SchemaUsageScope',
  description: 'Whose requests a usage answer counts.',
  valuesConfig: {
    WORKSPACE: { description: "The current workspace's requests only." },
    DEPLOYMENT: { description: "Every workspace's requests, and those made without a workspace (the operators' workspace, `OPERATOR_WORKSPACE_ID`, reads these)." },
  },
});

/** lib/schema-usage.ts's kinds, as a GraphQL enum (the values are the same strings). */
export const SchemaCoordinateKind: { readonly [K in CoordinateKind]: K } = {
  TYPE: 'TYPE',
  FIELD: 'FIELD',
  ARGUMENT: 'ARGUMENT',
  INPUT_FIELD: 'INPUT_FIELD',
  ENUM_VALUE: 'ENUM_VALUE',
};

registerEnumType(SchemaCoordinateKind, {
  name: 'SchemaCoordinateKind',
  description: 'What a schema coordinate names.',
  valuesConfig: {
    TYPE: { description: 'A type (`Item`).' },
    FIELD: { description: 'A field of an object or interface type (`Item.title`).' },
    ARGUMENT: { description: 'An argument of a field (`Query.items(first:)`).' },
    INPUT_FIELD: { description: 'A field of an input type (`ItemFilter.createdAfter`).' },
    ENUM_VALUE: { description: 'A value of an enum (`OperationType.QUERY`).' },
  },
});

@Directive(scopes([]))
@ObjectType({ description: 'A client (by `apollographql-client-name` and `apollographql-client-version`) and the requests it sent.' })
export class SchemaUsageClient {
  @Field(() => String, { nullable: true, description: 'The client name the requests gave; null for requests that named no client.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'The client version the requests gave; null when they gave none.' })
  version!: string | null;

  @Field(() => Float, { description: 'Requests in the range (a Float: counts can pass 2^31).' })
  requests!: number;

  @Field(() => Date, { description: 'When the last of them was made.' })
  lastSeen!: Date;
}

@Directive(scopes([]))
@ObjectType({ description: 'An operation (a document and the operation run from it) that touched the coordinate, and who sent it.' })
export class SchemaUsageOperation {
  @Field(() => String, { description: "SHA-256 (hex) of the document's text: the id trusted documents and persisted queries use too." })
  documentHash!: string;

  @Field(() => String, { nullable: true, description: 'The operation name; null for an anonymous operation.' })
  name!: string | null;

  @Field(() => OperationType, { description: 'Query or mutation.' })
  type!: string;

  @Field(() => Float, { description: 'Requests in the range.' })
  requests!: number;

  @Field(() => Date, { description: 'When the last of them was made.' })
  lastSeen!: Date;

  @Field(() => [SchemaUsageClient], { description: `The clients that sent it, most requests first; at most ${MAX_OPERATION_CLIENTS}.` })
  clients!: SchemaUsageClient[];
}

@Directive(scopes([]))
@ObjectType({ description: 'How often a schema coordinate was used over a range of whole UTC days, by which clients and operations.' })
export class SchemaCoordinateUsage {
  @Field(() => String, { description: 'The coordinate asked about.' })
  coordinate!: string;

  @Field(() => Date, { description: 'Start of the range counted: midnight UTC of its first day.' })
  from!: Date;

  @Field(() => Date, { description: 'End of the range counted (exclusive): midnight UTC after its last day.' })
  to!: Date;

  @Field(() => SchemaUsageScope, { description: 'Whose requests were counted.' })
  scope!: SchemaUsageScope;

  @Field(() => Float, { description: 'Requests that touched the coordinate (a Float: counts can pass 2^31).' })
  requests!: number;

  @Field(() => Date, { nullable: true, description: 'When the last of them was made; null when none was.' })
  lastSeen!: Date | null;

  @Field(() => [SchemaUsageClient], { description: `The clients that sent them, most requests first; at most ${MAX_USAGE_ROWS}.` })
  clients!: SchemaUsageClient[];

  @Field(() => [SchemaUsageOperation], { description: `The operations that touched it, most requests first; at most ${MAX_USAGE_ROWS}.` })
  operations!: SchemaUsageOperation[];
}

@Directive(scopes([]))
@ObjectType({ description: 'A coordinate of the API schema that no recorded request touched over the period.' })
export class UnusedSchemaCoordinate {
  @Field(() => String, { description: 'The schema coordinate (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `Input.field`).' })
  coordinate!: string;

  @Field(() => SchemaCoordinateKind, { description: 'What it names.' })
  kind!: CoordinateKind;

  @Field(() => String, { nullable: true, description: 'Why the schema deprecates it; null when it is not deprecated.' })
  deprecationReason!: string | null;
}
