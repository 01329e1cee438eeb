// What a request asks for, read before Apollo runs: the operation's type and its root
// fields. The gateway needs them to let anonymous requests reach only the public fields
// and to refuse mutations a principal can never run.
import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

export interface OperationSummary {
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly name?: string;
  readonly rootFields: readonly string[];
  /**
   * Set when the document parses but names no operation to run (several operations and
   * no operationName, or an unknown one): Apollo's own message for it. Nothing runs.
   */
  readonly unresolved?: string;
}

interface RequestParameters {
  readonly query?: unknown;
  readonly operationName?: unknown;
}

function parameters(method: string, search: string, body: Buffer): RequestParameters | undefined {
  if (method === 'GET') {
    const params = new URLSearchParams(search);
    return { query: params.get('query') ?? undefined, operationName: params.get('operationName') ?? undefined };
  }
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as RequestParameters) : undefined;
  } catch {
    return undefined;
  }
}

function collectRootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, into: Set<string>, seen = new Set<string>()): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) into.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) collectRootFields(selection.selectionSet, fragments, into, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) collectRootFields(fragment.selectionSet, fragments, into, seen);
    }
  }
}

/**
 * Summaries of recent operations: clients send the same few documents over and over, so
 * most requests skip this parse. Bounded in entries and in the size of what is kept.
 */
const summaries = new Map<string, OperationSummary | undefined>();
const MAX_SUMMARIES = 1000;
const MAX_CACHED_QUERY_LENGTH = 16_384;

/** The operation a request would run, or undefined when it cannot be read (Apollo then answers). */
export function summarizeOperation(method: string, search: string, body: Buffer): OperationSummary | undefined {
  const request = parameters(method, search, body);
  if (!request || typeof request.query !== 'string') return undefined;
  const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
  if (request.query.length > MAX_CACHED_QUERY_LENGTH) return summarize(request.query, operationName);
  const key = `${operationName ?? ''}\u0000${request.query}`;
  if (summaries.has(key)) return summaries.get(key);
  const summary = summarize(request.query, operationName);
  if (summaries.size >= MAX_SUMMARIES) summaries.delete(summaries.keys().next().value!);
  summaries.set(key, summary);
  return summary;
}

function summarize(query: string, operationName: string | undefined): OperationSummary | undefined {
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return undefined;
  }
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((candidate) => candidate.name?.value === operationName)
    : operations.length === 1
        ? operations[0]
        : undefined;
  if (!operation) {
    if (operations.length === 0) return undefined;
    const unresolved = operationName ? `Unknown operation named "${operationName}".` : 'Must provide operation name if query contains multiple operations.';
    return { type: 'query', rootFields: [], unresolved };
  }
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const rootFields = new Set<string>();
  collectRootFields(operation.selectionSet, fragments, rootFields);
  return { type: operation.operation, name: operation.name?.value, rootFields: [...rootFields] };
}
