// Which usage decides whether a breaking API change breaks a client, and the verdict once
// usage is known. `schema:check --usage` asks the usage source (scripts/usage-source.ts)
// about the coordinates named here and classifies each unaccepted breaking change:
// - safe: no operation touched any of its coordinates in the window; it cannot break a
//   client that ran in that window (printed, not failing);
// - breaking: these operations, of these clients, touched them (failing);
// - unknown: no coordinate tells (a removed directive, a new root type): failing, as
//   without usage.
//
// Coordinates are the RFC schema coordinates lib/schema-usage.ts records for each
// operation (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `Input.field`).
// graphql-inspector's paths are its own (`Type.field.arg`); they stay the key of the
// accepted list.
import { ChangeType, type Change } from '@graphql-inspector/core';
import { isInputObjectType, isInterfaceType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { operationKey } from '../lib/schema-usage.js';
import type { ClientUsage, CoordinateUsage, OperationUsage } from '../subgraphs/audit/schema-usage/usage-read.js';

/** What a required argument or input field is: non-null without a default, so every caller must now send it. */
function isRequired(field: { type: unknown; defaultValue?: unknown } | undefined): boolean {
  return field !== undefined && isNonNullType(field.type) && field.defaultValue === undefined;
}

function argumentOf(schema: GraphQLSchema, typeName: string, fieldName: string, argumentName: string) {
  const type = schema.getType(typeName);
  if (!isObjectType(type) && !isInterfaceType(type)) return undefined;
  return type.getFields()[fieldName]?.args.find((argument) => argument.name === argumentName);
}

function inputFieldOf(schema: GraphQLSchema, inputName: string, fieldName: string) {
  const type = schema.getType(inputName);
  return isInputObjectType(type) ? type.getFields()[fieldName] : undefined;
}

/**
 * The coordinates whose usage decides whether `change` (a breaking change from
 * graphql-inspector's diff into `newSchema`) breaks a client: it does when an operation
 * touched any of them. Empty when usage cannot tell.
 *
 * A change that makes every caller send something new (a required argument, a required
 * input field) is decided by the field or input type itself, not by the new part: no
 * operation can have touched what did not exist, or what it left out.
 */
export function usageCoordinatesOf(change: Change, newSchema: GraphQLSchema): string[] {
  const meta = change.meta as Record<string, string>;
  switch (change.type as string) {
    case ChangeType.FieldRemoved:
      return [`${meta.typeName}.${meta.removedFieldName}`];
    case ChangeType.FieldTypeChanged:
      return [`${meta.typeName}.${meta.fieldName}`];
    case ChangeType.FieldArgumentRemoved:
      return [`${meta.typeName}.${meta.fieldName}(${meta.removedFieldArgumentName}:)`];
    case ChangeType.FieldArgumentTypeChanged:
      // Now required: callers that left it out break too, and every caller touches the field.
      if (isRequired(argumentOf(newSchema, meta.typeName, meta.fieldName, meta.argumentName))) return [`${meta.typeName}.${meta.fieldName}`];
      return [`${meta.typeName}.${meta.fieldName}(${meta.argumentName}:)`];
    case ChangeType.FieldArgumentAdded:
      // Breaking only when required: every caller of the field lacks it.
      return [`${meta.typeName}.${meta.fieldName}`];
    case ChangeType.InputFieldRemoved:
      return [`${meta.inputName}.${meta.removedFieldName}`];
    case ChangeType.InputFieldTypeChanged:
      // Now required: every value of the input type that left it out breaks, not only those that sent it.
      if (isRequired(inputFieldOf(newSchema, meta.inputName, meta.inputFieldName))) return [meta.inputName];
      return [`${meta.inputName}.${meta.inputFieldName}`];
    case ChangeType.InputFieldAdded:
      // Breaking only when required: every value of the input type lacks it.
      return [meta.inputName];
    case ChangeType.EnumValueRemoved:
      return [`${meta.enumName}.${meta.removedEnumValueName}`];
    case ChangeType.TypeRemoved:
      return [meta.removedTypeName];
    case ChangeType.TypeKindChanged:
      return [meta.typeName];
    case ChangeType.UnionMemberRemoved:
      // Fragments on the member inside the union's selections stop matching.
      return [meta.unionName, meta.removedUnionMemberTypeName];
    case ChangeType.ObjectTypeInterfaceRemoved:
      // Selections through the interface no longer reach the object.
      return [meta.removedInterfaceName];
    default:
      return [];
  }
}

/** The accepted-list key of a change: graphql-inspector's path; an argument's may also be written as its RFC coordinate. */
export function acceptedKeysOf(change: Change): string[] {
  const path = change.path ?? '(schema)';
  const meta = change.meta as Record<string, string>;
  const argument = change.type === ChangeType.FieldArgumentRemoved ? meta.removedFieldArgumentName : change.type === ChangeType.FieldArgumentTypeChanged ? meta.argumentName : undefined;
  return argument === undefined ? [path] : [path, `${meta.typeName}.${meta.fieldName}(${argument}:)`];
}

/** Usage of one breaking change's coordinates, merged: the operations that touched any of them. */
export interface ChangeUsage {
  readonly requests: number;
  readonly lastSeen: Date | null;
  /** Most requests first. */
  readonly operations: readonly OperationUsage[];
}

export type UsageVerdict = { readonly kind: 'unknown' } | { readonly kind: 'safe' } | { readonly kind: 'breaking'; readonly usage: ChangeUsage };

/** The verdict on a change whose usage coordinates are `coordinates`, from the usage read for them (every one must be there). */
export function usageVerdict(coordinates: readonly string[], usage: ReadonlyMap<string, CoordinateUsage>): UsageVerdict {
  if (coordinates.length === 0) return { kind: 'unknown' };
  const operations = new Map<string, OperationUsage>();
  let requests = 0;
  let lastSeen: Date | null = null;
  for (const coordinate of coordinates) {
    const read = usage.get(coordinate);
    // A coordinate the source did not answer for is not "unused": the check must not pass on it.
    if (!read) throw new Error(`the usage source did not answer for ${coordinate}`);
    requests = Math.max(requests, read.requests);
    if (read.lastSeen && (!lastSeen || read.lastSeen > lastSeen)) lastSeen = read.lastSeen;
    for (const operation of read.operations) operations.set(operationKey(operation.documentHash, operation.name ?? ''), operation);
  }
  if (requests === 0 && operations.size === 0) return { kind: 'safe' };
  // One operation touching two of the coordinates counts once; the sources list at most 100 operations, so never less than the largest total.
  const listed = [...operations.values()].sort((a, b) => b.requests - a.requests || b.lastSeen.getTime() - a.lastSeen.getTime());
  const total = Math.max(
    requests,
    listed.reduce((sum, operation) => sum + operation.requests, 0),
  );
  return { kind: 'breaking', usage: { requests: total, lastSeen, operations: listed } };
}

/** `web@1.4.0`, `web`, or `(no client name)`. */
export function clientLabel(client: Pick<ClientUsage, 'name' | 'version'>): string {
  if (!client.name) return client.version ? `(no client name)@${client.version}` : '(no client name)';
  return client.version ? `${client.name}@${client.version}` : client.name;
}

/** `query ListTypes`, or `query 3fa2c1d9e0b1 (anonymous)` by its document hash. */
export function operationLabel(operation: Pick<OperationUsage, 'name' | 'type' | 'documentHash'>): string {
  return operation.name ? `${operation.type.toLowerCase()} ${operation.name}` : `${operation.type.toLowerCase()} ${operation.documentHash.slice(0, 12)} (anonymous)`;
}

/** How many operations a failure lists before "and N more". */
const LISTED_OPERATIONS = 10;

/** The lines under a breaking change that say who would break: each operation, its clients, requests and last seen. */
export function usageLines(usage: ChangeUsage): string[] {
  const lines = usage.operations.slice(0, LISTED_OPERATIONS).map((operation) => {
    const clients = operation.clients.map((client) => `${clientLabel(client)} (${client.requests} requests)`).join(', ');
    return `${operationLabel(operation)}: ${operation.requests} requests, last seen ${operation.lastSeen.toISOString()}, clients ${clients || '(none recorded)'}`;
  });
  const more = usage.operations.length - LISTED_OPERATIONS;
  if (more > 0) lines.push(`and ${more} more operation${more === 1 ? '' : 's'}`);
  return lines;
}

/** `30 days` for `30d`. */
export function describeWindow(window: UsageWindow): string {
  const unit = { h: 'hour', d: 'day', w: 'week' }[window.unit];
  return `${window.amount} ${unit}${window.amount === 1 ? '' : 's'}`;
}

export interface UsageWindow {
  readonly amount: number;
  readonly unit: 'h' | 'd' | 'w';
  readonly milliseconds: number;
}

/** The longest window accepted: a year (usage is kept as long as request logs, 90 days by default; the source counts what it has). */
const MAX_WINDOW_MS = 366 * 86_400_000;

/** `30d`, `12h`, `2w`; anything else is refused with what is accepted. */
export function parseWindow(text: string): UsageWindow {
  const match = /^([1-9][0-9]{0,4})([hdw])$/.exec(text);
  const refusal = `--window ${JSON.stringify(text)} is not a window: a whole number of hours, days or weeks, such as 12h, 30d or 2w (at most a year)`;
  if (!match) throw new RangeError(refusal);
  const amount = Number(match[1]);
  const unit = match[2] as UsageWindow['unit'];
  const milliseconds = amount * { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[unit];
  if (milliseconds > MAX_WINDOW_MS) throw new RangeError(refusal);
  return { amount, unit, milliseconds };
}
