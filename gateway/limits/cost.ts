// The cost of an operation over the API schema: about how many values it can answer,
// computed from the document alone, before planning. graphql-armor's cost-limit rule
// cannot do this: it weighs depth (1.5^depth) and multiplies by `first` only when it is a
// literal on the very field, so `members { nodes { groups { nodes { … } } } }` with the
// default page size, or `first: $n`, costs it almost nothing. This is GitHub's node limit
// and Apollo Router's demand control (@listSize with slicingArguments: ["first"] and
// sizedFields: ["edges", "nodes"]), counting leaves too:
//
//   cost(leaf field)              = 1                      scalar or enum, list of them too
//   cost(object field)            = 1 + cost(selections)
//   cost(list-of-objects field)   = size × (1 + cost(selections))
//   size                          = the field's own `first` or `last` (the larger when both),
//                                   else that of the connection field holding it (its
//                                   `edges` and `nodes`), else the default page size
//   first, last                   = the literal, or the variable's value (else its default);
//                                   absent: 20; clamped to 1..100 (lib/connection.ts)
//   cost(selections)              = the sum over fields, inline fragments and fragment
//                                   spreads (all type conditions: an upper bound)
//   __typename                    = 1;  __schema / __type: what they answer, exactly
//                                   (introspection-cost.ts)
//
// So `members(first: 50) { totalCount nodes { id groups { totalCount } } }` costs
// 1 + 1 + 50 × (1 + 1 + (1 + 1)) = 202, and the members↔groups cycle multiplies by 20 per
// list: eight cycles cost 20^16, refused however little data the workspace holds.
// Fragments are counted once per (fragment, page size) and reused, so aliases and repeated
// spreads never make the count itself expensive; a fragment cycle (invalid) adds nothing.
import {
  Kind,
  OperationTypeNode,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../lib/page-size.js';
import { introspectionFieldCost } from './introspection-cost.js';

/** The arguments that size a list or a connection (lib/connection.ts PageArgs: `first`, or `last` from the end). */
const SLICING_ARGUMENTS: ReadonlySet<string> = new Set(['first', 'last']);
const INTROSPECTION_ROOT_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

/** Costs past this are all "far too much"; it keeps `extensions.actual` a plain number. */
const COST_CEILING = Number.MAX_SAFE_INTEGER;

export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/** How many times a list type repeats what it holds (lists of lists multiply), 0 when not a list. */
function listDepth(type: GraphQLOutputType): number {
  let depth = 0;
  let current: GraphQLOutputType = type;
  for (;;) {
    if (isNonNullType(current)) current = current.ofType;
    else if (isListType(current)) {
      depth++;
      current = current.ofType;
    } else return depth;
  }
}

/** A `first` or `last` value as the page size the subgraph will use: 1..100, default 20. */
function pageSizeOf(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(value, 1), MAX_PAGE_SIZE);
}

/** The variables whose values change an operation's cost: those given to `first`, `last` and `__type(name:)`. */
export function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    // An explicit stack: documents reach here before the depth check.
    const stack = selectionSet ? [selectionSet] : [];
    while (stack.length > 0) {
      for (const selection of stack.pop()!.selections) {
        if (selection.kind === Kind.FIELD) {
          for (const argument of selection.arguments ?? []) {
            const sizing = SLICING_ARGUMENTS.has(argument.name.value) || (selection.name.value === '__type' && argument.name.value === 'name');
            if (sizing && argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
          }
        }
        if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) stack.push(selection.selectionSet);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition.selectionSet);
  }
  return [...names].sort();
}

/** The cost of one operation of a document for these variables (see the formula above). */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> = {}): number {
  const fragments = fragmentsOf(document);
  const variableDefaults = new Map((operation.variableDefinitions ?? []).map((definition) => [definition.variable.name.value, definition.defaultValue]));
  const argumentValue = (node: ValueNode): unknown => {
    if (node.kind !== Kind.VARIABLE) return valueFromASTUntyped(node);
    const name = node.name.value;
    if (variables[name] !== undefined && variables[name] !== null) return variables[name];
    const fallback = variableDefaults.get(name);
    return fallback ? valueFromASTUntyped(fallback) : undefined;
  };
  const fragmentCosts = new Map<string, number>();
  const inProgress = new Set<string>();

  const fieldCost = (field: FieldNode, parent: GraphQLNamedType | undefined, inheritedSize: number | undefined): number => {
    const name = field.name.value;
    if (name === '__typename') return 1;
    if (parent === schema.getQueryType() && INTROSPECTION_ROOT_FIELDS.has(name)) {
      return introspectionFieldCost({ schema, fragments, argumentValue }, field);
    }
    const definition: GraphQLField<unknown, unknown> | undefined = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    // An unknown field (validation refuses it later) still counts, and so does what it selects.
    if (!definition) return 1 + (field.selectionSet ? selectionCost(field.selectionSet, undefined, undefined) : 0);
    const type = getNamedType(definition.type);
    if (!field.selectionSet || !isCompositeType(type)) return 1;
    const slicing = definition.args.some((argument) => SLICING_ARGUMENTS.has(argument.name));
    // `first` and `last` together are refused by the subgraph; until then the larger counts.
    const sizes = (field.arguments ?? []).filter((argument) => SLICING_ARGUMENTS.has(argument.name.value)).map((argument) => pageSizeOf(argumentValue(argument.value)));
    const ownSize = slicing ? (sizes.length > 0 ? Math.max(...sizes) : DEFAULT_PAGE_SIZE) : undefined;
    const lists = listDepth(definition.type);
    // A connection hands its page size to the lists it holds (edges, nodes); a list uses it itself.
    const elementCost = 1 + selectionCost(field.selectionSet, type, lists === 0 ? ownSize : undefined);
    if (lists === 0) return elementCost;
    const size = ownSize ?? inheritedSize ?? DEFAULT_PAGE_SIZE;
    return size ** lists * elementCost;
  };

  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, inheritedSize: number | undefined): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) cost += fieldCost(selection, parent, inheritedSize);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        cost += selectionCost(selection.selectionSet, condition, inheritedSize);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) continue;
        const key = `${fragment.name.value}\u0000${inheritedSize ?? ''}`;
        const known = fragmentCosts.get(key);
        if (known !== undefined) {
          cost += known;
          continue;
        }
        if (inProgress.has(key)) continue;
        inProgress.add(key);
        const fragmentCost = selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), inheritedSize);
        inProgress.delete(key);
        fragmentCosts.set(key, fragmentCost);
        cost += fragmentCost;
      }
    }
    return cost;
  };

  const rootType =
    operation.operation === OperationTypeNode.QUERY ? schema.getQueryType() : operation.operation === OperationTypeNode.MUTATION ? schema.getMutationType() : schema.getSubscriptionType();
  return Math.min(selectionCost(operation.selectionSet, rootType ?? undefined, undefined), COST_CEILING);
}
