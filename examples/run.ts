// Runs one example operation against a running gateway (`npm start`) and prints the answer:
//   node --import tsx examples/run.ts <example> [variable=value ...]
// e.g. node --import tsx examples/run.ts create-item contentTypeId=01J...
// The credential and workspace come from ATRIUM_KEY and WORKSPACE_ID, the endpoint from
// GATEWAY (default http://127.0.0.1:4000/graphql). Variables are read from
// <example>.json when it exists; name=value pairs replace them (values that parse as JSON
// are taken as JSON, others as strings).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLES_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface ExampleRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** The names of the examples: every `<name>.graphql` of this folder. */
export function exampleNames(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => file.slice(0, -'.graphql'.length))
    .sort();
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An example's operation, with the variables of its `.json` file replaced by `overrides`. */
export function loadExample(name: string, overrides: Record<string, unknown> = {}): ExampleRequest {
  const operationFile = path.join(EXAMPLES_DIR, `${name}.graphql`);
  if (!existsSync(operationFile)) throw new Error(`No example ${name}; there are: ${exampleNames().join(', ')}`);
  const variablesFile = path.join(EXAMPLES_DIR, `${name}.json`);
  const variables = existsSync(variablesFile) ? (JSON.parse(readFileSync(variablesFile, 'utf8')) as Record<string, unknown>) : {};
  return { query: readFileSync(operationFile, 'utf8'), variables: { ...variables, ...overrides } };
}

export interface GatewayAccess {
  readonly url: string;
  readonly apiKey: string;
  readonly workspaceId?: string;
}

/** POSTs an example to the gateway; returns the HTTP status and the JSON answer. */
export async function runExample(access: GatewayAccess, request: ExampleRequest): Promise<{ status: number; body: { data?: unknown; errors?: unknown[] } }> {
  const response = await fetch(access.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': access.apiKey,
      ...(access.workspaceId ? { 'x-workspace-id': access.workspaceId } : {}),
    },
    body: JSON.stringify(request),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

async function main(): Promise<void> {
  const [name, ...pairs] = process.argv.slice(2);
  if (!name) {
    console.error(`usage: node --import tsx examples/run.ts <example> [variable=value ...]\nexamples: ${exampleNames().join(', ')}`);
    process.exit(2);
  }
  const apiKey = process.env.ATRIUM_KEY;
  if (!apiKey) {
    console.error('Set ATRIUM_KEY to an API key (and WORKSPACE_ID to a workspace id): see examples/README.md');
    process.exit(2);
  }
  const overrides = Object.fromEntries(
    pairs.map((pair) => {
      const separator = pair.indexOf('=');
      if (separator < 1) throw new Error(`Expected variable=value, got ${pair}`);
      return [pair.slice(0, separator), parseValue(pair.slice(separator + 1))];
    }),
  );
  const access = { url: process.env.GATEWAY ?? 'http://127.0.0.1:4000/graphql', apiKey, workspaceId: process.env.WORKSPACE_ID };
  const { status, body } = await runExample(access, loadExample(name, overrides));
  console.log(JSON.stringify(body, null, 2));
  if (status !== 200 || body.errors) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    // fetch reports an unreachable gateway as "fetch failed" with the reason in `cause`.
    if (error instanceof Error && error.cause instanceof Error) console.error(`${error.message} (${error.cause.message}): is the gateway running (npm start)?`);
    else console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
