// The limits of one parsed operation, before planning: depth, aliases, root fields,
// directives, the variables' shape and the cost. Depth, aliases and directives are
// counted by graphql-armor's validation rules, run alone through graphql's `validate` (a
// single linear walk); root fields and cost are ours (cost.ts). What depends only on the
// document is computed once per DocumentNode and kept beside it (a WeakMap, so a document
// cache upstream decides how long); the cost is kept per values of the few variables that
// change it. Every limit exceeded is reported, each with its own error.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { Kind, validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { costVariables, fragmentsOf, operationCost } from './cost.js';
import { limitExceeded } from './limit-error.js';
import type { OperationLimits } from './settings.js';
import { checkVariables } from './variables-shape.js';

/** Counts of one operation that do not depend on the variables. */
export interface OperationCounts {
  readonly depth: number;
  readonly aliases: number;
  readonly directives: number;
  readonly rootFields: number;
}

interface DocumentFacts {
  readonly operations: readonly OperationDefinitionNode[];
  readonly counts: ReadonlyMap<OperationDefinitionNode, OperationCounts>;
  readonly costVariables: readonly string[];
  /** operation index + values of the cost variables → cost. */
  readonly costs: Map<string, number>;
}

/** Distinct cost-variable values kept per document; past it the oldest goes. */
const MAX_COSTS_PER_DOCUMENT = 64;

export interface OperationCheck {
  /** The operation's cost (cost.ts), also when it is refused: `extensions.cost` of the response. */
  readonly cost: number;
  /** One error per limit exceeded (codes of lib/errors.ts LIMIT_ERROR_HTTP_STATUS, HTTP 400); empty when the operation may run. */
  readonly errors: readonly GraphQLError[];
}

/**
 * graphql-armor's rules with no limit of their own (n: Infinity): they only count, through
 * onAccept, and this module compares, so that every error carries the actual count.
 * They count per operation, fragments followed. Choices over armor's defaults:
 * max-aliases allows `__typename` aliases by default (58,000 of them ran without a
 * credential), so its allow list is empty; max-depth ignores `__schema` by default, but a
 * nested introspection query (`fields { type { fields { type … } } }`) grows as fast as
 * any other, so it counts; fragments are flattened, so depth is the response's nesting.
 */
function armorRules(record: (what: 'depth' | 'aliases' | 'directives', count: number) => void): ValidationRule[] {
  // Armor types the accepted details `any`; each of these three rules passes its count as `n`.
  const counted = (what: 'depth' | 'aliases' | 'directives') => [(_context: unknown, details: { n: number }) => record(what, details.n)];
  return [
    maxDepthRule({ n: Infinity, ignoreIntrospection: false, flattenFragments: true, onAccept: counted('depth') }),
    maxAliasesRule({ n: Infinity, allowList: [], onAccept: counted('aliases') }),
    maxDirectivesRule({ n: Infinity, onAccept: counted('directives') }),
  ];
}

/** Response keys at the root of an operation (an alias is a key of its own; spreads followed once). */
function rootFieldCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = fragmentsOf(document);
  const keys = new Set<string>();
  const seen = new Set<string>();
  const stack = [operation.selectionSet];
  while (stack.length > 0) {
    for (const selection of stack.pop()!.selections) {
      if (selection.kind === Kind.FIELD) keys.add(selection.alias?.value ?? selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) stack.push(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) stack.push(fragment.selectionSet);
      }
    }
  }
  return keys.size;
}

function documentFacts(schema: GraphQLSchema, document: DocumentNode): DocumentFacts {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  // armor's rules fire once per operation, in document order.
  const recorded = { depth: [] as number[], aliases: [] as number[], directives: [] as number[] };
  validate(
    schema,
    document,
    armorRules((what, count) => recorded[what].push(count)),
  );
  const counts = new Map(
    operations.map((operation, index) => [
      operation,
      {
        depth: recorded.depth[index] ?? 0,
        aliases: recorded.aliases[index] ?? 0,
        directives: recorded.directives[index] ?? 0,
        rootFields: rootFieldCount(document, operation),
      },
    ]),
  );
  return { operations, counts, costVariables: costVariables(document), costs: new Map() };
}

/** Per schema, the facts of each document seen. */
const factsBySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DocumentFacts>>();

function factsOf(schema: GraphQLSchema, document: DocumentNode): DocumentFacts {
  let byDocument = factsBySchema.get(schema);
  if (!byDocument) factsBySchema.set(schema, (byDocument = new WeakMap()));
  let facts = byDocument.get(document);
  if (!facts) byDocument.set(document, (facts = documentFacts(schema, document)));
  return facts;
}

/** The operation that would run: the named one, or the only one (undefined: Apollo refuses the document). */
function selectedOperation(operations: readonly OperationDefinitionNode[], operationName: string | undefined | null): OperationDefinitionNode | undefined {
  if (operationName) return operations.find((operation) => operation.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

function costOf(schema: GraphQLSchema, document: DocumentNode, facts: DocumentFacts, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>): number {
  const key = `${facts.operations.indexOf(operation)}${facts.costVariables.map((name) => `\u0000${JSON.stringify(typeof variables[name] === 'object' ? null : variables[name])}`).join('')}`;
  const known = facts.costs.get(key);
  if (known !== undefined) return known;
  const cost = operationCost(schema, document, operation, variables);
  if (facts.costs.size >= MAX_COSTS_PER_DOCUMENT) facts.costs.delete(facts.costs.keys().next().value!);
  facts.costs.set(key, cost);
  return cost;
}

/**
 * Checks an operation against the limits. Counts that do not depend on the variables
 * hold for every operation of the document (the whole document is validated later);
 * the cost is that of the operation that would run (the costliest when none is selected).
 */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined | null,
  variables: Readonly<Record<string, unknown>> | undefined | null,
  limits: OperationLimits,
): OperationCheck {
  const errors: GraphQLError[] = [];
  const variablesError = checkVariables(variables, limits);
  const facts = factsOf(schema, document);
  const worst = { depth: 0, aliases: 0, directives: 0, rootFields: 0 };
  for (const counts of facts.counts.values()) {
    for (const key of Object.keys(worst) as (keyof OperationCounts)[]) worst[key] = Math.max(worst[key], counts[key]);
  }
  if (worst.rootFields > limits.maxRootFields) errors.push(limitExceeded('ROOT_FIELD_LIMIT_EXCEEDED', 'Root field count', worst.rootFields, limits.maxRootFields));
  if (worst.aliases > limits.maxAliases) errors.push(limitExceeded('ALIAS_LIMIT_EXCEEDED', 'Alias count', worst.aliases, limits.maxAliases));
  if (worst.directives > limits.maxDirectives) errors.push(limitExceeded('DIRECTIVE_LIMIT_EXCEEDED', 'Directive count', worst.directives, limits.maxDirectives));
  if (worst.depth > limits.maxDepth) errors.push(limitExceeded('DEPTH_LIMIT_EXCEEDED', 'Query depth', worst.depth, limits.maxDepth));
  // Variables too large to walk are not read for the cost either: the defaults stand in.
  const values = variablesError || !variables ? {} : variables;
  const operation = selectedOperation(facts.operations, operationName);
  const cost = operation ? costOf(schema, document, facts, operation, values) : Math.max(0, ...facts.operations.map((candidate) => costOf(schema, document, facts, candidate, values)));
  if (cost > limits.maxCost) errors.push(limitExceeded('COST_LIMIT_EXCEEDED', 'Query cost', cost, limits.maxCost));
  if (variablesError) errors.push(variablesError);
  return { cost, errors };
}
