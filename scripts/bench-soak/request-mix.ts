// What `npm run bench:soak` sends: the benchmark queries of issue 15 under several API keys,
// keys minted (and older ones revoked) while the run goes on, and the requests a public API
// meets every day that fail: a malformed key, a well-formed key nobody issued, a revoked
// key, a document over the token limit, a body that is not JSON, an operation that does not
// validate, and clients that hang up mid-body or before their answer. So the principal
// cache, the document and plan caches, the rate-limit budgets, key-usage reports and the
// request log all see traffic of every kind a long-lived gateway sees, and a structure that
// keeps something per key, per document or per request shows up as memory that grows.
import http from 'node:http';
import { generateCredential } from '../../lib/api-key-format.js';
import { benchGraphql } from '../bench-graphql.js';
import { requestBody, type BenchQuery } from '../bench-peers/workload.js';

export const REQUEST_KINDS = [
  'query',
  'new key',
  'revoked key',
  'malformed key',
  'unknown key',
  'over-limit document',
  'malformed JSON',
  'invalid operation',
  'hang-up mid-body',
  'hang-up before answer',
] as const;

export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Of every 100 requests, how many are of each kind. */
const MIX: Readonly<Record<RequestKind, number>> = {
  query: 80,
  'new key': 6,
  'revoked key': 1,
  'malformed key': 2,
  'unknown key': 2,
  'over-limit document': 2,
  'malformed JSON': 2,
  'invalid operation': 2,
  'hang-up mid-body': 1,
  'hang-up before answer': 2,
};

/** The kinds dealt in a fixed order, spread out (not 80 queries in a row, then the rest). */
const SCHEDULE: readonly RequestKind[] = REQUEST_KINDS.flatMap((kind) => Array.from({ length: MIX[kind] }, (_, index) => ({ kind, at: (index + 0.5) / MIX[kind] })))
  .sort((a, b) => a.at - b.at)
  .map(({ kind }) => kind);

/** A key of a seeded workspace, with the benchmark queries for that workspace. */
export interface SoakKey {
  readonly headers: Record<string, string>;
  readonly queries: readonly BenchQuery[];
}

/** Five times the default token limit of an authenticated operation (GATEWAY_MAX_TOKENS, 5,000): refused before planning. */
const OVER_LIMIT_QUERY = `query SoakOverLimit { workspace { ${'id '.repeat(25_000 / 5)} } }`;
const INVALID_QUERY = 'query SoakInvalid { workspace { id noSuchField } }';
/** Cut short: a client that sent half its body. */
const MALFORMED_BODY = '{"query": "query SoakMalformed { workspace { id } }", "variables": {';

interface MintedKey {
  readonly id: string;
  readonly headers: Record<string, string>;
}

/**
 * Keys minted while the run goes on, in a workspace of their own: the newest few are used,
 * each older one is revoked as a newer one arrives (and then sent now and then, refused).
 * Every new key is a principal looked up once, a new budget, a key-usage report; every
 * revocation an invalidation. Mutations go through the gateway under a session, as a
 * console user's would.
 */
export class KeyChurn {
  private readonly live: MintedKey[] = [];
  private readonly revoked: MintedKey[] = [];
  minted = 0;
  revocations = 0;

  private constructor(
    private readonly session: Record<string, string>,
    private readonly workspaceId: string,
    /** The benchmark queries that need no seeded data (no variables). */
    readonly queries: readonly BenchQuery[],
    /** How many of the newest keys are used; older ones are revoked. */
    readonly liveKeys: number,
  ) {}

  /** Registers the user whose workspace the keys belong to, through the gateway at url; keys come later (mint). */
  static async register(url: string, queries: readonly BenchQuery[], liveKeys = 3): Promise<KeyChurn> {
    const registered = await benchGraphql<{ register: { token: string } }>(url, 'mutation($input: RegisterInput!) { register(input: $input) { token } }', {
      input: { email: `soak-${generateCredential('session').slice(4, 16).toLowerCase()}@example.com`, password: generateCredential('session'), name: 'Soak' },
    });
    const session = { authorization: `Bearer ${registered.register.token}` };
    const workspace = await benchGraphql<{ createWorkspace: { workspace: { id: string } } }>(url, 'mutation { createWorkspace(input: { name: "Soak keys" }) { workspace { id } } }', {}, session);
    return new KeyChurn(
      session,
      workspace.createWorkspace.workspace.id,
      queries.filter((query) => query.variables === undefined),
      liveKeys,
    );
  }

  /** Mints a key through the gateway at url; revokes the oldest live key beyond the few kept. */
  async mint(url: string): Promise<void> {
    const created = await benchGraphql<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
      url,
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }',
      { input: { description: `soak ${this.minted}`, expiresIn: 'ONE_MONTH', scopes: ['READ'], workspaceIds: [this.workspaceId] } },
      this.session,
    );
    this.minted += 1;
    this.live.push({ id: created.createApiKey.apiKey.id, headers: { 'x-api-key': created.createApiKey.secret, 'x-workspace-id': this.workspaceId } });
    while (this.live.length > this.liveKeys) {
      const oldest = this.live.shift()!;
      await benchGraphql(url, 'mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { id } } }', { id: oldest.id }, this.session);
      this.revocations += 1;
      this.revoked.push(oldest);
      // A few revoked keys are enough to be refused with; the rest are forgotten.
      if (this.revoked.length > 8) this.revoked.shift();
    }
  }

  /** The headers of the nth request with a live key. */
  liveHeaders(n: number): Record<string, string> | undefined {
    return this.live.length ? this.live[n % this.live.length].headers : undefined;
  }

  revokedHeaders(n: number): Record<string, string> | undefined {
    return this.revoked.length ? this.revoked[n % this.revoked.length].headers : undefined;
  }
}

export interface KindTally {
  sent: number;
  /** Answered as that kind must be (status, data or error code), or for a hang-up, hung up without trouble. */
  asExpected: number;
  /** What came back instead, for the first few that did not. */
  readonly unexpected: string[];
  unexpectedCount: number;
}

export type MixTally = Record<RequestKind, KindTally>;

export function emptyTally(): MixTally {
  return Object.fromEntries(REQUEST_KINDS.map((kind) => [kind, { sent: 0, asExpected: 0, unexpected: [], unexpectedCount: 0 }])) as unknown as MixTally;
}

interface Expectation {
  readonly status: number;
  /** The first error's code; none: the answer must have data and no errors. */
  readonly code?: string;
}

/** A POST of body with headers; undefined when it was answered as expected, else what came back. */
async function post(url: string, headers: Record<string, string>, body: string, expected: Expectation): Promise<string | undefined> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let json: { data?: unknown; errors?: { extensions?: { code?: unknown } }[] } | undefined;
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    json = undefined;
  }
  const matches =
    response.status === expected.status &&
    (expected.code === undefined ? json?.data !== undefined && json.data !== null && !json.errors?.length : json?.errors?.[0]?.extensions?.code === expected.code);
  return matches ? undefined : `HTTP ${response.status} (expected ${expected.status}${expected.code ? ` ${expected.code}` : ''}): ${text.slice(0, 300)}`;
}

/**
 * A client that hangs up: after half its body (`midBody`), or after its whole body and
 * before the answer (a moment later, while the gateway works on it). Undefined unless the
 * gateway could not be reached at all.
 */
function hangUp(url: string, headers: Record<string, string>, body: string, midBody: boolean): Promise<string | undefined> {
  return new Promise((resolve) => {
    let failure: string | undefined;
    // A connection of its own: a connection that is cut must not be one the other requests reuse.
    const request = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') failure = `the gateway refused the connection (${error.code})`;
    });
    request.on('response', (response) => response.resume());
    request.on('close', () => resolve(failure));
    const cut = () => setTimeout(() => request.destroy(), Math.random() * 3);
    if (midBody) {
      request.write(body.slice(0, body.length >> 1), cut);
    } else {
      request.end(body, cut);
    }
  });
}

export interface MixOptions {
  readonly url: string;
  readonly concurrency: number;
  readonly keys: readonly SoakKey[];
  readonly churn: KeyChurn;
  readonly tally: MixTally;
  /** Whether to go on sending (checked before each request). */
  readonly running: () => boolean;
  /** Called after each request is done, answered or not. */
  readonly onDone?: () => void;
}

/** `concurrency` clients, each sending its next request as soon as the previous one is done, while running() says so. */
export async function runMix(options: MixOptions): Promise<void> {
  const { url, keys, churn, tally } = options;
  let dealt = 0;
  const counters = new Map<RequestKind, number>();
  /** The nth request of this kind (keys and queries rotate with it). */
  const nth = (kind: RequestKind) => {
    const n = counters.get(kind) ?? 0;
    counters.set(kind, n + 1);
    return n;
  };
  const seeded = (n: number) => keys[n % keys.length];
  const send = (kind: RequestKind): Promise<string | undefined> => {
    const n = nth(kind);
    switch (kind) {
      case 'query': {
        // Every key asks every query: key changes fastest, so each query meets each key.
        const key = seeded(n);
        const query = key.queries[Math.floor(n / keys.length) % key.queries.length];
        return post(url, key.headers, requestBody(query), { status: 200 });
      }
      case 'new key': {
        const query = churn.queries[n % churn.queries.length];
        return post(url, churn.liveHeaders(n) ?? seeded(n).headers, requestBody(query), { status: 200 });
      }
      case 'revoked key': {
        const headers = churn.revokedHeaders(n);
        if (!headers) return send('unknown key');
        return post(url, headers, requestBody(churn.queries[0]), { status: 401, code: 'UNAUTHENTICATED' });
      }
      case 'malformed key':
        return post(url, { 'x-api-key': `atk_${'x'.repeat(38)}`, 'x-workspace-id': seeded(n).headers['x-workspace-id'] }, requestBody(seeded(n).queries[0]), {
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      case 'unknown key':
        // Well formed, so it is looked up (and the refusal cached): a new one each time, as a scanner sends.
        return post(url, { 'x-api-key': generateCredential('user_key'), 'x-workspace-id': seeded(n).headers['x-workspace-id'] }, requestBody(seeded(n).queries[0]), {
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      case 'over-limit document':
        return post(url, seeded(n).headers, JSON.stringify({ query: OVER_LIMIT_QUERY }), { status: 400, code: 'TOKEN_LIMIT_EXCEEDED' });
      case 'malformed JSON':
        return post(url, seeded(n).headers, MALFORMED_BODY, { status: 400, code: 'BAD_REQUEST' });
      case 'invalid operation':
        return post(url, seeded(n).headers, JSON.stringify({ query: INVALID_QUERY }), { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
      case 'hang-up mid-body':
      case 'hang-up before answer': {
        const key = seeded(n);
        // The query that calls every subgraph: a hang-up has calls in flight to cancel.
        const query = key.queries[key.queries.length - 1];
        return hangUp(url, key.headers, requestBody(query), kind === 'hang-up mid-body');
      }
    }
  };
  const client = async () => {
    while (options.running()) {
      const kind = SCHEDULE[dealt % SCHEDULE.length];
      dealt += 1;
      const counted = tally[kind];
      counted.sent += 1;
      const problem = await send(kind).catch((error: unknown) => `failed: ${String((error as Error).cause ?? error)}`);
      if (problem === undefined) counted.asExpected += 1;
      else {
        counted.unexpectedCount += 1;
        if (counted.unexpected.length < 3) counted.unexpected.push(problem);
      }
      options.onDone?.();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
}
