// The cost of an introspection selection (`__schema`, `__type`), counted on the schema
// itself: introspection answers come from the gateway's own schema, so their size is
// known exactly, without running them. One full introspection query of Atrium costs a
// few thousand (limits.test.ts prints it); 100 aliases of it, which answered 23 MB before
// the limits, cost 100 times that. Counts are memoized per (selection set, schema element),
// so repeated fragments and aliases cost one lookup each.
import {
  Kind,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type GraphQLType,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

type IntrospectionTypeName = '__Schema' | '__Type' | '__Field' | '__InputValue' | '__EnumValue' | '__Directive';

/** What an introspection field answers: a leaf, or objects of an introspection type (null: none). */
type Resolved = { readonly leaf: true } | { readonly leaf?: false; readonly type: IntrospectionTypeName; readonly values: readonly object[] | object | null };

const LEAF: Resolved = { leaf: true };

/** graphql-js's introspection resolvers (graphql/type/introspection.js), down to what they return; deprecated members always counted. */
function resolve(schema: GraphQLSchema, type: IntrospectionTypeName, field: string, value: object): Resolved {
  const element = value as GraphQLType;
  switch (`${type}.${field}`) {
    case '__Schema.types':
      return { type: '__Type', values: Object.values(schema.getTypeMap()) };
    case '__Schema.queryType':
      return { type: '__Type', values: schema.getQueryType() ?? null };
    case '__Schema.mutationType':
      return { type: '__Type', values: schema.getMutationType() ?? null };
    case '__Schema.subscriptionType':
      return { type: '__Type', values: schema.getSubscriptionType() ?? null };
    case '__Schema.directives':
      return { type: '__Directive', values: schema.getDirectives() };
    case '__Type.fields':
      return { type: '__Field', values: isObjectType(element) || isInterfaceType(element) ? Object.values(element.getFields()) : null };
    case '__Type.interfaces':
      return { type: '__Type', values: isObjectType(element) || isInterfaceType(element) ? element.getInterfaces() : null };
    case '__Type.possibleTypes':
      return { type: '__Type', values: isAbstractType(element) ? schema.getPossibleTypes(element) : null };
    case '__Type.enumValues':
      return { type: '__EnumValue', values: isEnumType(element) ? element.getValues() : null };
    case '__Type.inputFields':
      return { type: '__InputValue', values: isInputObjectType(element) ? Object.values(element.getFields()) : null };
    case '__Type.ofType':
      return { type: '__Type', values: isListType(element) || isNonNullType(element) ? element.ofType : null };
    case '__Field.args':
    case '__Directive.args':
      return { type: '__InputValue', values: (value as { args: readonly object[] }).args };
    case '__Field.type':
    case '__InputValue.type':
      return { type: '__Type', values: (value as { type: object }).type };
    default:
      return LEAF;
  }
}

export interface IntrospectionCostContext {
  readonly schema: GraphQLSchema;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly argumentValue: (node: ValueNode) => unknown;
}

/**
 * Cost of `__schema { … }` or `__type(name: …) { … }`: 1 per value answered, exactly as
 * graphql-js would answer it on this schema (a null counts 1, a list of n objects counts
 * n plus what each holds).
 */
export function introspectionFieldCost(context: IntrospectionCostContext, field: FieldNode): number {
  const memo = new Map<SelectionSetNode, Map<object, number>>();
  const inProgress = new Set<string>();

  const selectionCost = (selectionSet: SelectionSetNode, type: IntrospectionTypeName, value: object): number => {
    let byValue = memo.get(selectionSet);
    const known = byValue?.get(value);
    if (known !== undefined) return known;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const resolved = selection.name.value === '__typename' ? LEAF : resolve(context.schema, type, selection.name.value, value);
        cost += resolved.leaf || !selection.selectionSet ? 1 : objectsCost(selection.selectionSet, resolved.type, resolved.values);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || selection.typeCondition.name.value === type) cost += selectionCost(selection.selectionSet, type, value);
      } else {
        const fragment = context.fragments.get(selection.name.value);
        // A fragment spreading itself is invalid (and refused by validation later); here it adds nothing.
        if (!fragment || fragment.typeCondition.name.value !== type || inProgress.has(fragment.name.value)) continue;
        inProgress.add(fragment.name.value);
        cost += selectionCost(fragment.selectionSet, type, value);
        inProgress.delete(fragment.name.value);
      }
    }
    if (!byValue) memo.set(selectionSet, (byValue = new Map<object, number>()));
    byValue.set(value, cost);
    return cost;
  };

  const objectsCost = (selectionSet: SelectionSetNode, type: IntrospectionTypeName, values: readonly object[] | object | null): number => {
    if (values === null) return 1;
    if (!Array.isArray(values)) return 1 + selectionCost(selectionSet, type, values);
    let cost = 0;
    for (const value of values as readonly object[]) cost += 1 + selectionCost(selectionSet, type, value);
    return cost;
  };

  if (!field.selectionSet) return 1;
  if (field.name.value === '__schema') return objectsCost(field.selectionSet, '__Schema', context.schema);
  const nameArgument = field.arguments?.find((argument) => argument.name.value === 'name');
  const name = nameArgument ? context.argumentValue(nameArgument.value) : undefined;
  return objectsCost(field.selectionSet, '__Type', (typeof name === 'string' && context.schema.getType(name)) || null);
}
