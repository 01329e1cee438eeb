// Schema usage: which schema coordinates an operation touches. The gateway computes them
// once per distinct document (gateway/schema-usage.ts caches them) and ships them with the
// request logs; audit keeps them as the operation registry; `schema:check --usage` and the
// usage API read them back. One definition of a coordinate and of "touches", here.
//
// Coordinates follow the GraphQL schema coordinates RFC: `Type`, `Type.field`,
// `Type.field(arg:)`, `Enum.VALUE`, `Input.field`. An operation touches:
// - every type it names (parent types of its selections, fragment type conditions,
//   variable types) and every field it selects, on the type it selects it through (an
//   interface's field is `Node.id`, not each implementation's);
// - every argument it passes, and inside literal values every input field and enum value written;
// - through a variable, every field of the variable's input type (recursively) and every
//   value of its enums: the gateway does not read variables per request (that would cost on
//   every request, not once per document), so what a variable may carry counts as used.
//   This errs on the safe side: such a coordinate is never reported unused while it is not.
import {
  Kind,
  TypeInfo,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { OPERATION_TYPES, type OperationType } from './request-log.js';

const NAME = '[_A-Za-z][_0-9A-Za-z]*';
/** A GraphQL name (of a type, field or operation), as the specification spells one. */
export const GRAPHQL_NAME = new RegExp(`^${NAME}$`);
/** A schema coordinate as recorded and as the usage API takes it (no directives: clients send only @include and @skip). */
export const SCHEMA_COORDINATE = new RegExp(`^${NAME}(\\.${NAME}(\\(${NAME}:\\))?)?$`);

export function isSchemaCoordinate(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 300 && SCHEMA_COORDINATE.test(value);
}

/** The most coordinates recorded for one operation; a document touching more is cut (and still counted). */
export const MAX_COORDINATES_PER_OPERATION = 5000;

/** One operation of the registry, as the gateway ships it to audit with the request logs. */
export interface OperationRegistration {
  /** SHA-256 (hex) of the document's text (lib/trusted-documents.ts documentHash). */
  readonly documentHash: string;
  /** '' for an operation without a name. */
  readonly operationName: string;
  readonly operationType: OperationType;
  /** Sorted, distinct. */
  readonly coordinates: readonly string[];
}

/** The one key of an operation of the registry, wherever operations are told apart: its document's hash and its name ('' for none). */
export function operationKey(documentHash: string, operationName: string): string {
  return `${documentHash}\u0000${operationName}`;
}

export function isOperationType(value: unknown): value is OperationType {
  return (OPERATION_TYPES as readonly unknown[]).includes(value);
}

/** Adds what a value of `type` may carry: the type, and for input objects and enums every field and value, recursively. */
function addInputType(type: GraphQLInputType, into: Set<string>, expanded: Set<string>): void {
  const named = getNamedType(type);
  if (expanded.has(named.name)) return;
  expanded.add(named.name);
  into.add(named.name);
  if (isEnumType(named)) {
    for (const value of named.getValues()) into.add(`${named.name}.${value.name}`);
  } else if (isInputObjectType(named)) {
    for (const field of Object.values(named.getFields())) {
      into.add(`${named.name}.${field.name}`);
      addInputType(field.type, into, expanded);
    }
  }
}

/** The operation a request runs: the one named, or the only one. */
function selectOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((operation) => operation.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** The operation and the fragments it uses, transitively (unknown fragments are left out). */
function operationWithFragments(document: DocumentNode, operation: OperationDefinitionNode): ASTNode[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const used: ASTNode[] = [operation];
  const seen = new Set<string>();
  for (let index = 0; index < used.length; index += 1) {
    visit(used[index], {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (seen.has(name) || !fragment) return;
        seen.add(name);
        used.push(fragment);
      },
    });
  }
  return used;
}

/**
 * The coordinates the operation `operationName` of `document` touches in `schema`, sorted;
 * undefined when the document names no operation to run. Parts the schema does not know
 * (an invalid document) add nothing: validation answers the client about them.
 */
export function operationCoordinates(schema: GraphQLSchema, document: DocumentNode, operationName?: string): { type: OperationType; coordinates: string[] } | undefined {
  const operation = selectOperation(document, operationName);
  if (!operation) return undefined;
  const coordinates = new Set<string>();
  const expanded = new Set<string>();
  // Introspection's own types (`__Schema`, `__Type`) are the specification's, not the API's.
  const addNamed = (type: GraphQLNamedType | null | undefined) => {
    if (type && !type.name.startsWith('__')) coordinates.add(type.name);
  };
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    OperationDefinition(node) {
      addNamed(schema.getRootType(node.operation));
    },
    VariableDefinition(node) {
      const type = schema.getType(namedTypeName(node.type));
      if (type) addInputType(type as GraphQLInputType, coordinates, expanded);
    },
    InlineFragment() {
      // Its type condition, or the enclosing type without one.
      addNamed(getNamedType(typeInfo.getType()));
    },
    FragmentDefinition() {
      addNamed(getNamedType(typeInfo.getType()));
    },
    Field(node) {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      if (!parent || !field || node.name.value.startsWith('__') || parent.name.startsWith('__')) return;
      coordinates.add(parent.name);
      coordinates.add(`${parent.name}.${field.name}`);
      addNamed(getNamedType(field.type));
    },
    Argument(node) {
      // Directive arguments (@include(if:), @skip(if:)) are the specification's, not the API's.
      if (typeInfo.getDirective()) return;
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      if (!parent || !field || !typeInfo.getArgument()) return;
      coordinates.add(`${parent.name}.${field.name}(${node.name.value}:)`);
      addNamed(getNamedType(typeInfo.getInputType()));
    },
    ObjectField(node) {
      const parent = getNamedType(typeInfo.getParentInputType());
      if (!isInputObjectType(parent) || !parent.getFields()[node.name.value]) return;
      coordinates.add(parent.name);
      coordinates.add(`${parent.name}.${node.name.value}`);
      addNamed(getNamedType(typeInfo.getInputType()));
    },
    EnumValue(node) {
      const type = getNamedType(typeInfo.getInputType());
      if (!isEnumType(type) || !type.getValue(node.value)) return;
      coordinates.add(type.name);
      coordinates.add(`${type.name}.${node.value}`);
    },
  });
  for (const node of operationWithFragments(document, operation)) visit(node, visitor);
  return { type: operation.operation, coordinates: [...coordinates].sort().slice(0, MAX_COORDINATES_PER_OPERATION) };
}

function namedTypeName(type: { kind: Kind; name?: { value: string }; type?: unknown }): string {
  let current = type;
  while (current.kind !== Kind.NAMED_TYPE) current = current.type as typeof current;
  return current.name!.value;
}

/** What a request says about its client: Apollo's headers, checked; never a reason to refuse it. */
export const CLIENT_NAME_HEADER = 'apollographql-client-name';
export const CLIENT_VERSION_HEADER = 'apollographql-client-version';

export type SchemaCoordinateKind = 'TYPE' | 'FIELD' | 'ARGUMENT' | 'INPUT_FIELD' | 'ENUM_VALUE';

export interface SchemaCoordinateEntry {
  readonly coordinate: string;
  readonly kind: SchemaCoordinateKind;
  /** The deprecation reason, when the schema deprecates it. */
  readonly deprecationReason?: string;
}

/**
 * Every coordinate of a schema a client can touch (its own types, their fields and
 * arguments, input fields, enum values; no introspection or built-in scalars), sorted:
 * what "unused" is measured against.
 */
export function schemaCoordinates(schema: GraphQLSchema): SchemaCoordinateEntry[] {
  const entries: SchemaCoordinateEntry[] = [];
  const deprecated = (reason: string | null | undefined) => (reason ? { deprecationReason: reason } : {});
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    entries.push({ coordinate: type.name, kind: 'TYPE' });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        entries.push({ coordinate: `${type.name}.${field.name}`, kind: 'FIELD', ...deprecated(field.deprecationReason) });
        for (const argument of field.args) entries.push({ coordinate: `${type.name}.${field.name}(${argument.name}:)`, kind: 'ARGUMENT', ...deprecated(argument.deprecationReason) });
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) entries.push({ coordinate: `${type.name}.${field.name}`, kind: 'INPUT_FIELD', ...deprecated(field.deprecationReason) });
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) entries.push({ coordinate: `${type.name}.${value.name}`, kind: 'ENUM_VALUE', ...deprecated(value.deprecationReason) });
    }
  }
  return entries.sort((a, b) => (a.coordinate < b.coordinate ? -1 : a.coordinate > b.coordinate ? 1 : 0));
}
