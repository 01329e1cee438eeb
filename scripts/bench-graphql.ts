// The GraphQL call the benchmark scripts set up their data with: the answer's data, typed by
// the caller (who wrote the query), or an error naming the query and the errors answered.
export async function benchGraphql<TData>(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<TData> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const json = (await response.json()) as { data?: TData | null; errors?: unknown[] };
  if (json.errors || !json.data) throw new Error(`${query}: ${JSON.stringify(json.errors)}`);
  return json.data;
}
