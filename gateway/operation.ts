// What a parsed document asks for: the operation's type, name and root fields. The
// gateway needs them to let anonymous requests reach only the public fields, to refuse
// mutations a principal can never run, and for the request log.
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

export interface OperationSummary {
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly name?: string;
  readonly rootFields: readonly string[];
  /**
   * Set when the document names no operation to run (several operations and no
   * operationName, an unknown one, or none at all): Apollo's own message for it.
   */
  readonly unresolved?: string;
}

function collectRootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, into: Set<string>, seen: Set<string>): void {
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

/** Summaries per parsed document and operation name: documents are parsed once and cached, so are these. */
const summaries = new WeakMap<DocumentNode, Map<string, OperationSummary>>();

export function summarizeDocument(document: DocumentNode, operationName: string | undefined): OperationSummary {
  let byName = summaries.get(document);
  if (!byName) summaries.set(document, (byName = new Map<string, OperationSummary>()));
  const key = operationName ?? '';
  let summary = byName.get(key);
  if (!summary) {
    summary = summarize(document, operationName);
    // Bounded: a document has few operations, but a client may send many unknown names.
    if (byName.size < 16) byName.set(key, summary);
  }
  return summary;
}

function summarize(document: DocumentNode, operationName: string | undefined): OperationSummary {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) {
    const unresolved = operationName
      ? `Unknown operation named "${operationName}".`
      : operations.length === 0
        ? 'The document contains no operation to run.'
        : 'Must provide operation name if query contains multiple operations.';
    return { type: 'query', rootFields: [], unresolved };
  }
  const fragments = new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const rootFields = new Set<string>();
  collectRootFields(operation.selectionSet, fragments, rootFields, new Set());
  return { type: operation.operation, name: operation.name?.value, rootFields: [...rootFields] };
}
