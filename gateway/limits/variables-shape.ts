// How deep and how large a request's variables are, walked with an explicit stack and
// stopped as soon as a limit is passed: a value nested 200,000 levels deep (which
// JSON.parse accepts) must cost a few microseconds here, never a stack overflow.
import type { GraphQLError } from 'graphql';
import { limitExceeded } from './limit-error.js';
import type { OperationLimits } from './settings.js';

/** The refusal of variables nested deeper, or holding more values, than allowed; undefined when they fit. */
export function checkVariables(variables: unknown, limits: Pick<OperationLimits, 'maxVariablesDepth' | 'maxVariablesValues'>): GraphQLError | undefined {
  if (variables === undefined || variables === null) return undefined;
  // A variable's value is at depth 1: `{ "id": 1 }` has depth 1, `{ "input": { "ids": [1] } }` depth 3.
  const stack: { value: unknown; depth: number }[] = [{ value: variables, depth: 0 }];
  // Every value on the stack will be counted: refusing on values + stack keeps the walk within the limit.
  let values = -1;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    values++;
    if (values + stack.length > limits.maxVariablesValues) {
      return limitExceeded('VARIABLES_LIMIT_EXCEEDED', 'Number of values in the variables', values + stack.length, limits.maxVariablesValues, { limitName: 'values' });
    }
    if (depth > limits.maxVariablesDepth) {
      return limitExceeded('VARIABLES_LIMIT_EXCEEDED', 'Nesting depth of the variables', depth, limits.maxVariablesDepth, { limitName: 'depth' });
    }
    if (value === null || typeof value !== 'object') continue;
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}
