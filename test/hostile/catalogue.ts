// The hostile catalogue: requests an attacker (or a broken client) sends, each with the
// exact status and error code the gateway must answer. Cases are data, so adding one is a
// line; test/hostile/catalogue.error.test.ts sends them all, then checks the stack still
// serves and did not grow.
import { generateCredential } from '../../lib/api-key-format.js';

export interface HostileFixture {
  /** A user key with `read` in the workspace. */
  readonly readKey: string;
  /** A user key with `read` and `write` in the workspace. */
  readonly writeKey: string;
  readonly workspaceId: string;
  readonly memberId: string;
}

/** What is sent: through fetch, or as raw bytes on a socket when fetch cannot express it. */
export type HostileRequest =
  | { readonly kind?: 'http'; readonly method?: string; readonly path?: string; readonly headers?: Record<string, string>; readonly body?: string }
  | { readonly kind: 'raw'; readonly bytes: string; readonly hangUp?: boolean };

export interface HostileCase {
  readonly name: string;
  readonly request: (fixture: HostileFixture) => HostileRequest;
  /** HTTP status; 0 means the gateway closes the connection without an answer. */
  readonly status: number;
  /** The first error's `extensions.code`; null: no error in the answer. */
  readonly code: string | null;
}

const json = { 'content-type': 'application/json' };
const post = (body: unknown, headers: Record<string, string> = {}): HostileRequest => ({
  method: 'POST',
  headers: { ...json, ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const asReader = (fixture: HostileFixture) => ({ 'x-api-key': fixture.readKey, 'x-workspace-id': fixture.workspaceId });
const asWriter = (fixture: HostileFixture) => ({ 'x-api-key': fixture.writeKey, 'x-workspace-id': fixture.workspaceId });
const query = (text: string, variables?: Record<string, unknown>) => ({ query: text, ...(variables ? { variables } : {}) });
const raw = (lines: string[], body = '', hangUp = false): HostileRequest => ({ kind: 'raw', bytes: `${lines.join('\r\n')}\r\n\r\n${body}`, hangUp });

/** A well-formed key nobody was ever given (right prefix and checksum). */
const UNKNOWN_KEY = generateCredential('user_key');
const UNKNOWN_SESSION = generateCredential('session');
const RANDOM_UUID = '0190f5a8-7a2b-7c3d-8e4f-0123456789ab';

function mangled(secret: string): string {
  return `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
}

function nestedList(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

export const TRANSPORT_CASES: readonly HostileCase[] = [
  { name: 'body one byte over 1 MiB, declared', request: () => post('x'.repeat(1024 * 1024 + 1)), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'body that is not JSON', request: (f) => post('{"query": ', asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'JSON array (batch)', request: (f) => post([query('{ __typename }'), query('{ __typename }')], asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'JSON string body', request: (f) => post('"{ __typename }"', asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'JSON null body', request: (f) => post('null', asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'JSON number body', request: (f) => post('12', asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'query is a number', request: (f) => post({ query: 42 }, asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'query is an object', request: (f) => post({ query: { kind: 'Document' } }, asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'operationName is an object', request: (f) => post({ query: '{ __typename }', operationName: { a: 1 } }, asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'variables is an array', request: (f) => post({ query: '{ __typename }', variables: [1, 2] }, asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'variables is a string', request: (f) => post({ query: '{ __typename }', variables: '{}' }, asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'extensions is a string', request: (f) => post({ query: '{ __typename }', extensions: 'persisted' }, asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'empty query', request: (f) => post({ query: '' }, asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'whitespace-only query', request: (f) => post({ query: ' \n\t ' }, asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'no query, no persisted query', request: (f) => post({ operationName: 'X' }, asReader(f)), status: 400, code: 'BAD_REQUEST' },
  { name: 'empty body with a JSON content type', request: (f) => ({ method: 'POST', headers: { ...json, ...asReader(f) }, body: '' }), status: 400, code: 'BAD_REQUEST' },
  {
    name: 'text/plain POST (a CSRF attempt)',
    request: (f) => ({ method: 'POST', headers: { 'content-type': 'text/plain', ...asReader(f) }, body: JSON.stringify(query('{ __typename }')) }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'form POST (a CSRF attempt)',
    request: (f) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...asReader(f) }, body: 'query=%7B__typename%7D' }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'invalid UTF-8 in a JSON body', request: (f) => post('{"query":"{ __typename }\udcff"}', asReader(f)), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'GET without a query', request: (f) => ({ method: 'GET', headers: { ...asReader(f), 'apollo-require-preflight': '1' } }), status: 400, code: 'BAD_REQUEST' },
  {
    name: 'GET with variables that are not JSON',
    request: (f) => ({ method: 'GET', path: '/graphql?query=%7B__typename%7D&variables=%7Bnope', headers: { ...asReader(f), 'apollo-require-preflight': '1' } }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'GET of a mutation',
    request: (f) => ({
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('mutation { createContentType(input: { name: "G", key: "g" }) { contentType { id } } }')}`,
      headers: { ...asWriter(f), 'apollo-require-preflight': '1' },
    }),
    status: 405,
    code: 'BAD_REQUEST',
  },
  { name: 'GET without a CSRF-safe header', request: (f) => ({ method: 'GET', path: '/graphql?query=%7B__typename%7D', headers: asReader(f) }), status: 400, code: 'BAD_REQUEST' },
  { name: 'PUT to /graphql', request: (f) => ({ method: 'PUT', headers: { ...json, ...asReader(f) }, body: JSON.stringify(query('{ __typename }')) }), status: 405, code: 'BAD_REQUEST' },
  { name: 'unknown path', request: () => ({ method: 'GET', path: '/graphql/../../etc/passwd' }), status: 404, code: null },
  { name: 'path traversal under the playground', request: () => ({ method: 'GET', path: '/playground/assets/..%2f..%2fpackage.json' }), status: 404, code: null },
  {
    name: 'preflight from an origin that is not listed',
    request: () => ({ method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } }),
    status: 403,
    code: 'FORBIDDEN',
  },
  { name: 'a 20 kB header', request: () => raw(['POST /graphql HTTP/1.1', 'Host: localhost', `X-Filler: ${'a'.repeat(20_000)}`, 'Content-Length: 0']), status: 431, code: null },
  {
    name: 'a client that hangs up right after its request',
    request: (f) =>
      raw(
        ['POST /graphql HTTP/1.1', 'Host: localhost', 'Content-Type: application/json', `X-Api-Key: ${f.readKey}`, `X-Workspace-Id: ${f.workspaceId}`, 'Content-Length: 55'],
        '{"query":"{ workspace { id } contentTypes { totalCount } }"}',
        true,
      ),
    status: 0,
    code: null,
  },
  {
    name: 'a client that hangs up halfway through its body',
    request: (f) => raw(['POST /graphql HTTP/1.1', 'Host: localhost', 'Content-Type: application/json', `X-Api-Key: ${f.readKey}`, 'Content-Length: 500'], '{"query":"{ work', true),
    status: 0,
    code: null,
  },
  {
    name: 'a client that hangs up after its headers',
    request: () => raw(['POST /graphql HTTP/1.1', 'Host: localhost', 'Content-Type: application/json', 'Content-Length: 500'], '', true),
    status: 0,
    code: null,
  },
  { name: 'malformed request line', request: () => raw(['GARBAGE', 'Host: localhost']), status: 400, code: null },
  {
    name: 'conflicting Content-Length headers',
    request: () => raw(['POST /graphql HTTP/1.1', 'Host: localhost', 'Content-Type: application/json', 'Content-Length: 5', 'Content-Length: 6'], '{"a":1}'),
    status: 400,
    code: null,
  },
  {
    name: 'Content-Length and Transfer-Encoding together (request smuggling)',
    request: () => raw(['POST /graphql HTTP/1.1', 'Host: localhost', 'Content-Type: application/json', 'Content-Length: 4', 'Transfer-Encoding: chunked'], '0\r\n\r\n'),
    status: 400,
    code: null,
  },
];

export const CREDENTIAL_CASES: readonly HostileCase[] = [
  { name: 'no credential', request: () => post(query('{ workspaces { totalCount } }')), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'empty x-api-key', request: () => post(query('{ me { id } }'), { 'x-api-key': '' }), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'x-api-key of 300 characters', request: () => post(query('{ me { id } }'), { 'x-api-key': `atk_${'a'.repeat(296)}` }), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'x-api-key with a wrong prefix', request: (f) => post(query('{ me { id } }'), { 'x-api-key': `xyz_${f.readKey.slice(4)}` }), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'x-api-key with a wrong checksum', request: (f) => post(query('{ me { id } }'), { 'x-api-key': mangled(f.readKey) }), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'x-api-key well-formed but unknown', request: () => post(query('{ me { id } }'), { 'x-api-key': UNKNOWN_KEY }), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'x-api-key with a space inside', request: (f) => post(query('{ me { id } }'), { 'x-api-key': `${f.readKey.slice(0, 10)} ${f.readKey.slice(10)}` }), status: 401, code: 'UNAUTHENTICATED' },
  {
    name: 'x-api-key with a control character',
    request: (f) =>
      raw(
        ['POST /graphql HTTP/1.1', 'Host: localhost', 'Content-Type: application/json', `X-Api-Key: ${f.readKey.slice(0, 10)}\x01${f.readKey.slice(11)}`, 'Content-Length: 25'],
        '{"query":"{ me { id } }"}',
      ),
    status: 400,
    code: null,
  },
  {
    name: 'x-api-key in Latin-1 bytes',
    request: (f) =>
      raw(
        ['POST /graphql HTTP/1.1', 'Host: localhost', 'Content-Type: application/json', `X-Api-Key: ${f.readKey.slice(0, 10)}\xe9${f.readKey.slice(11)}`, 'Content-Length: 25'],
        '{"query":"{ me { id } }"}',
      ),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'two x-api-key headers',
    request: (f) =>
      raw(['POST /graphql HTTP/1.1', 'Host: localhost', 'Content-Type: application/json', `X-Api-Key: ${f.readKey}`, `X-Api-Key: ${f.writeKey}`, 'Content-Length: 25'], '{"query":"{ me { id } }"}'),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'x-api-key and Authorization that disagree',
    request: (f) => post(query('{ me { id } }'), { 'x-api-key': f.readKey, authorization: `Bearer ${f.writeKey}` }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  { name: 'Authorization: Bearer with no token', request: () => post(query('{ me { id } }'), { authorization: 'Bearer' }), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'Authorization: Bearer with two tokens', request: (f) => post(query('{ me { id } }'), { authorization: `Bearer ${f.readKey} ${f.readKey}` }), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'Authorization with an unknown scheme', request: (f) => post(query('{ me { id } }'), { authorization: `Digest ${f.readKey}` }), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'Authorization: Basic of garbage', request: () => post(query('{ me { id } }'), { authorization: 'Basic !!!!' }), status: 401, code: 'UNAUTHENTICATED' },
  {
    name: 'Authorization: Basic key:password',
    request: (f) => post(query('{ me { id } }'), { authorization: `Basic ${Buffer.from(`${f.readKey}:secret`).toString('base64')}` }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'Authorization: Basic :key',
    request: (f) => post(query('{ me { id } }'), { authorization: `Basic ${Buffer.from(`:${f.readKey}`).toString('base64')}` }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  { name: 'forged session token', request: () => post(query('{ me { id } }'), { authorization: `Bearer ${UNKNOWN_SESSION}` }), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'workspace header of 65 characters', request: (f) => post(query('{ workspace { id } }'), { 'x-api-key': f.readKey, 'x-workspace-id': 'w'.repeat(65) }), status: 400, code: 'BAD_REQUEST' },
  {
    name: 'workspace header that is no id, with a bad key',
    request: () => post(query('{ workspace { id } }'), { 'x-api-key': 'atk_nope', 'x-workspace-id': 'nope' }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'workspace header naming an unknown workspace',
    request: (f) => post(query('{ workspace { id } }'), { 'x-api-key': f.readKey, 'x-workspace-id': RANDOM_UUID }),
    status: 403,
    code: 'FORBIDDEN',
  },
  { name: 'workspace header that is not an id', request: (f) => post(query('{ workspace { id } }'), { 'x-api-key': f.readKey, 'x-workspace-id': "' or 1=1 --" }), status: 400, code: 'BAD_REQUEST' },
  // Node joins repeated unknown headers with ", ": not a workspace id at all.
  {
    name: 'two workspace headers',
    request: (f) =>
      raw(
        [
          'POST /graphql HTTP/1.1',
          'Host: localhost',
          'Content-Type: application/json',
          `X-Api-Key: ${f.readKey}`,
          `X-Workspace-Id: ${f.workspaceId}`,
          `X-Workspace-Id: ${RANDOM_UUID}`,
          'Content-Length: 32',
        ],
        '{"query":"{ workspace { id } }"}',
      ),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a malformed correlation id (replaced, not echoed)',
    request: (f) => post(query('{ workspace { id } }'), { ...asReader(f), 'x-correlation-id': '<script>alert(1)</script>' }),
    status: 200,
    code: null,
  },
  { name: 'introspection without a credential', request: () => post(query('{ __schema { types { name } } }')), status: 401, code: 'UNAUTHENTICATED' },
  {
    name: 'a private field next to a public one, anonymously',
    request: () => post(query('mutation { createSession(input: { email: "a@b.c", password: "x" }) { token } } query { me { id } }')),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  { name: 'a private field inside a fragment, anonymously', request: () => post(query('query { ...F } fragment F on Query { me { id } }')), status: 401, code: 'UNAUTHENTICATED' },
];

export const DOCUMENT_CASES: readonly HostileCase[] = [
  { name: 'syntax error', request: (f) => post(query('{ workspace { id }'), asReader(f)), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'unknown field', request: (f) => post(query('{ workspace { nope } }'), asReader(f)), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'unknown root field', request: (f) => post(query('{ secrets { value } }'), asReader(f)), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'an empty operation name', request: (f) => post({ query: '{ workspace { id } }', operationName: '' }, asReader(f)), status: 200, code: null },
  { name: 'unknown operation name', request: (f) => post({ query: 'query A { workspace { id } }', operationName: 'B' }, asReader(f)), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'two operations and no name', request: (f) => post(query('query A { workspace { id } } query B { me { id } }'), asReader(f)), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'a document of fragments only', request: (f) => post(query('fragment F on Query { me { id } }'), asReader(f)), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'a fragment cycle', request: (f) => post(query('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'), asReader(f)), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a subscription', request: (f) => post(query('subscription { workspace { id } }'), asReader(f)), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  {
    name: 'a variable of the wrong type',
    request: (f) => post(query('query($first: Int) { contentTypes(first: $first) { totalCount } }', { first: 'many' }), asReader(f)),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  { name: 'a missing required variable', request: (f) => post(query('query($id: ID!) { contentType(id: $id) { id } }'), asReader(f)), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'an undeclared variable', request: (f) => post(query('{ contentTypes(first: $first) { totalCount } }'), asReader(f)), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'an integer beyond 32 bits', request: (f) => post(query('{ contentTypes(first: 4294967296) { totalCount } }'), asReader(f)), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a float where an integer goes', request: (f) => post(query('{ contentTypes(first: 1.5) { totalCount } }'), asReader(f)), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  {
    name: 'a variable nested 100 levels in a list',
    request: (f) => post(`{"query":"query($v: JSON!) { __typename }","variables":{"v":${nestedList(100)}}}`, asReader(f)),
    status: 400,
    code: 'VARIABLES_LIMIT_EXCEEDED',
  },
  {
    name: 'a mutation the key can never run',
    request: (f) => post(query('mutation { createContentType(input: { name: "X", key: "x" }) { contentType { id } } }'), asReader(f)),
    status: 403,
    code: 'INSUFFICIENT_SCOPE',
  },
  {
    name: 'an allowed mutation beside one the key can never run',
    request: (f) => post(query('mutation { createContentType(input: { name: "Y", key: "y" }) { contentType { id } } deleteWorkspace(confirmName: "x") { deletedId } }'), asWriter(f)),
    status: 403,
    code: 'INSUFFICIENT_SCOPE',
  },
  {
    name: 'a mutation the key can never run, by alias',
    request: (f) => post(query('mutation { innocent: createContentType(input: { name: "X", key: "x" }) { contentType { id } } }'), asReader(f)),
    status: 403,
    code: 'INSUFFICIENT_SCOPE',
  },
  {
    name: 'a mutation the key can never run, in an inline fragment',
    request: (f) => post(query('mutation { ... on Mutation { createContentType(input: { name: "X", key: "x" }) { contentType { id } } } }'), asReader(f)),
    status: 403,
    code: 'INSUFFICIENT_SCOPE',
  },
  {
    name: 'a field denied by scope (partial data)',
    request: (f) => post(query('{ workspace { id } apiKeys { totalCount } }'), { 'x-api-key': f.readKey, 'x-workspace-id': f.workspaceId }),
    status: 200,
    code: 'INSUFFICIENT_SCOPE',
  },
  { name: 'a record of another workspace by id', request: (f) => post(query(`{ contentType(id: "${RANDOM_UUID}") { id } }`), asReader(f)), status: 200, code: 'NOT_FOUND' },
  { name: 'an id that is not an id', request: (f) => post(query(`{ contentType(id: "' or 1=1 --") { id } }`), asReader(f)), status: 200, code: 'NOT_FOUND' },
  {
    name: 'a 100 kB string argument',
    request: (f) =>
      post(query('mutation($input: CreateContentTypeInput!) { createContentType(input: $input) { contentType { id } } }', { input: { name: 'n'.repeat(100_000), key: 'long' } }), asWriter(f)),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a date that is not a date (refused by the subgraph as a whole)',
    request: (f) => post(query('{ requestLogs(filter: { createdAfter: "yesterday" }) { totalCount } }'), asReader(f)),
    status: 200,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a date in a variable that is not a date',
    request: (f) => post(query('query($from: DateTime) { requestLogs(filter: { createdAfter: $from }) { totalCount } }', { from: 12 }), asReader(f)),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a key that is not a key',
    request: (f) => post(query('mutation($input: CreateContentTypeInput!) { createContentType(input: $input) { contentType { id } } }', { input: { name: 'Bad', key: '../../etc' } }), asWriter(f)),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a persisted query hash nobody registered',
    request: (f) => post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, asReader(f)),
    status: 200,
    code: 'PERSISTED_QUERY_NOT_FOUND',
  },
  {
    name: 'a persisted query hash that does not match its text',
    request: (f) => post({ query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } }, asReader(f)),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a persisted query extension of another version',
    request: (f) => post({ extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } } }, asReader(f)),
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'a persisted query hash anonymously', request: () => post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'c'.repeat(64) } } }), status: 200, code: 'PERSISTED_QUERY_NOT_FOUND' },
];

const aliases = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join(' ')} }`;
const nestedSelection = (depth: number) => `${'{ a '.repeat(depth)}${'}'.repeat(depth)}`;
/** members ↔ groups, `cycles` times round, `first` of each: the recursion of issue 11. */
function membersAndGroups(cycles: number, first: number): string {
  let selection = 'id';
  for (let cycle = 0; cycle < cycles; cycle += 1) selection = `members(first: ${first}) { nodes { groups(first: ${first}) { nodes { ${selection} } } } }`;
  return `{ memberGroups(first: ${first}) { nodes { ${selection} } } }`;
}
const INTROSPECTION = '__schema { types { name fields { name args { name type { name kind ofType { name kind } } } type { name kind ofType { name kind ofType { name kind } } } } } }';
function deepValue(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = { v: value };
  return value;
}

export const LIMIT_CASES: readonly HostileCase[] = [
  { name: '58,000 aliases of __typename without a credential (over the body limit)', request: () => post(query(aliases(58_000, '__typename'))), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: '40,000 aliases of __typename without a credential', request: () => post(query(aliases(40_000, '__typename'))), status: 400, code: 'DOCUMENT_TOO_LARGE' },
  { name: '10 aliases of __typename without a credential', request: () => post(query(aliases(10, '__typename'))), status: 400, code: 'ROOT_FIELD_LIMIT_EXCEEDED' },
  {
    name: '3 aliases inside a public field',
    request: () => post(query('mutation { createSession(input: { email: "a@b.c", password: "p" }) { a: token b: token c: token } }')),
    status: 400,
    code: 'ALIAS_LIMIT_EXCEEDED',
  },
  { name: '10,000 aliases of contentTypes', request: (f) => post(query(aliases(10_000, 'contentTypes { totalCount }')), asReader(f)), status: 400, code: 'DOCUMENT_TOO_LARGE' },
  { name: '1,500 aliases of contentTypes', request: (f) => post(query(aliases(1500, 'contentTypes { totalCount }')), asReader(f)), status: 400, code: 'TOKEN_LIMIT_EXCEEDED' },
  { name: '31 aliases inside one field', request: (f) => post(query(`{ workspace ${aliases(31, 'id')} }`), asReader(f)), status: 400, code: 'ALIAS_LIMIT_EXCEEDED' },
  { name: '21 aliases of workspace (root fields)', request: (f) => post(query(aliases(21, 'workspace { id }')), asReader(f)), status: 400, code: 'ROOT_FIELD_LIMIT_EXCEEDED' },
  { name: '21 root fields', request: (f) => post(query(`{ __typename ${aliases(20, '__typename').slice(1, -1)} }`), asReader(f)), status: 400, code: 'ROOT_FIELD_LIMIT_EXCEEDED' },
  { name: 'a selection 2,000 levels deep', request: (f) => post(query(nestedSelection(2000)), asReader(f)), status: 400, code: 'TOKEN_LIMIT_EXCEEDED' },
  { name: 'a selection 12,000 levels deep', request: (f) => post(query(nestedSelection(12_000)), asReader(f)), status: 400, code: 'TOKEN_LIMIT_EXCEEDED' },
  { name: 'a selection 20,000 levels deep', request: (f) => post(query(nestedSelection(20_000)), asReader(f)), status: 400, code: 'DOCUMENT_TOO_LARGE' },
  { name: 'members and groups 8 times round', request: (f) => post(query(membersAndGroups(8, 4)), asReader(f)), status: 400, code: 'DEPTH_LIMIT_EXCEEDED' },
  { name: 'members and groups twice round, 100 of each', request: (f) => post(query(membersAndGroups(2, 100)), asReader(f)), status: 400, code: 'COST_LIMIT_EXCEEDED' },
  {
    name: 'members and groups twice round, first from a variable',
    request: (f) =>
      post(
        query(`query($n: Int) { memberGroups(first: $n) { nodes { members(first: $n) { nodes { groups(first: $n) { nodes { members(first: $n) { nodes { id } } } } } } } } }`, { n: 100 }),
        asReader(f),
      ),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
  },
  {
    name: '20 aliased introspection queries',
    request: (f) => post(query(`{ ${Array.from({ length: 20 }, (_, index) => `i${index}: ${INTROSPECTION}`).join(' ')} }`), asReader(f)),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
  },
  { name: '51 directives on one field', request: (f) => post(query(`{ workspace ${'@include(if: true) '.repeat(51)}{ id } }`), asReader(f)), status: 400, code: 'DIRECTIVE_LIMIT_EXCEEDED' },
  { name: 'a variable nested 17 levels', request: (f) => post(query('query($v: JSON!) { __typename }', { v: deepValue(17) }), asReader(f)), status: 400, code: 'VARIABLES_LIMIT_EXCEEDED' },
  {
    name: 'a variable nested 200,000 levels',
    request: (f) => post(`{"query":"query($v: JSON!) { __typename }","variables":{"v":${nestedList(200_000)}}}`, asReader(f)),
    status: 400,
    code: 'VARIABLES_LIMIT_EXCEEDED',
  },
  {
    name: 'a variable nested 1,000 levels, by GET',
    request: (f) => ({
      method: 'GET',
      path: `/graphql?query=%7B__typename%7D&variables=${encodeURIComponent(`{"v":${nestedList(1000)}}`)}`,
      headers: { ...asReader(f), 'apollo-require-preflight': '1' },
    }),
    status: 400,
    code: 'VARIABLES_LIMIT_EXCEEDED',
  },
  {
    name: 'a URL of 20,000 levels of variables (over the header limit)',
    request: (f) => ({
      method: 'GET',
      path: `/graphql?query=%7B__typename%7D&variables=${encodeURIComponent(`{"v":${nestedList(20_000)}}`)}`,
      headers: { ...asReader(f), 'apollo-require-preflight': '1' },
    }),
    status: 431,
    code: null,
  },
  {
    name: 'a body nesting its extensions 100 levels',
    request: (f) => post(`{"query":"{ __typename }","extensions":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`, asReader(f)),
    status: 400,
    code: 'VARIABLES_LIMIT_EXCEEDED',
  },
  {
    name: '10,001 values in variables',
    request: (f) => post(query('query($v: JSON!) { __typename }', { v: Array.from({ length: 10_001 }, (_, index) => index) }), asReader(f)),
    status: 400,
    code: 'VARIABLES_LIMIT_EXCEEDED',
  },
  {
    name: 'a register nested past the anonymous depth',
    request: () => post(query('mutation { register(input: { email: "a@b.c", password: "long-enough-password", name: "A" }) { user { memberships { nodes { workspace { id } } } } } }')),
    status: 400,
    code: 'DEPTH_LIMIT_EXCEEDED',
  },
  {
    name: 'a long document without a credential',
    request: () => post(query(`mutation { createSession(input: { email: "${'e'.repeat(3000)}@x.y", password: "p" }) { token } }`)),
    status: 400,
    code: 'DOCUMENT_TOO_LARGE',
  },
  {
    name: 'introspection nested 25 deep',
    request: (f) => post(query(`{ __schema { types { ${'fields { type { '.repeat(12)}name${' } }'.repeat(12)} } } }`), asReader(f)),
    status: 400,
    code: 'DEPTH_LIMIT_EXCEEDED',
  },
];

export const HOSTILE_CASES: readonly HostileCase[] = [...TRANSPORT_CASES, ...CREDENTIAL_CASES, ...DOCUMENT_CASES, ...LIMIT_CASES];
