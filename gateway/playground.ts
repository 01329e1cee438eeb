// The API playground: GraphiQL, taken from the graphiql, react and react-dom npm packages
// (their prebuilt browser bundles) and served by the gateway itself, so the page works with
// no CDN and makes no request beyond the gateway's own origin; its Content-Security-Policy
// forbids any other origin outright. Only exact, known asset URLs are answered: a request
// path never reaches the file system.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repositoryPath } from '../lib/paths.js';
import { scriptJson } from '../lib/html.js';

/** Where the page answers besides a browser's GET of the GraphQL path itself. */
export const PLAYGROUND_PATH = '/playground';
const ASSET_PREFIX = `${PLAYGROUND_PATH}/assets/`;

export interface PlaygroundOptions {
  /** Path the page sends operations to (same origin). */
  readonly graphqlPath: string;
  /** Header naming the workspace, offered empty in the header editor. */
  readonly workspaceHeader: string;
  /** False: the page never asks for the schema (the gateway refuses introspection). */
  readonly introspection: boolean;
}

export interface Playground {
  /** True when this request is the page or one of its assets, and answers it. */
  readonly handle: (request: IncomingMessage, response: ServerResponse, path: string) => Promise<boolean>;
}

/** The operation the editor opens with; works once a key and a workspace are filled in. */
export const exampleOperation = (workspaceHeader: string) => `# The Atrium API playground.
#
# 1. Under "Headers", fill in "x-api-key"
#    (an API key) and "${workspaceHeader}".
#    This page never stores them.
# 2. Run with ▶ or Ctrl-Enter.
#
# Docs and autocompletion load once a key
# is filled in.

query Workspace {
  workspace {
    id
    name
  }
  contentTypes(first: 10) {
    totalCount
    nodes {
      key
      name
    }
  }
}
`;

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The page's own layout; everything else comes from GraphiQL's stylesheet. */
const PAGE_CSS = 'html, body, #graphiql { height: 100%; margin: 0; }\n';

interface AssetSource {
  readonly name: string;
  readonly contentType: string;
  /** An npm package's file (package, path inside it), or a file of the repository (path from its root). */
  readonly file: readonly [packageName: string, file: string] | string;
}

/** Every file the page loads, in loading order within its kind. */
const ASSET_SOURCES: readonly AssetSource[] = [
  { name: 'graphiql.css', contentType: CSS, file: ['graphiql', 'graphiql.min.css'] },
  { name: 'react.js', contentType: JAVASCRIPT, file: ['react', 'umd/react.production.min.js'] },
  { name: 'react-dom.js', contentType: JAVASCRIPT, file: ['react-dom', 'umd/react-dom.production.min.js'] },
  { name: 'graphiql.js', contentType: JAVASCRIPT, file: ['graphiql', 'graphiql.min.js'] },
  { name: 'playground.js', contentType: JAVASCRIPT, file: 'gateway/playground-client.js' },
];

export interface Asset {
  /** Contains a hash of the content, so it can be cached for good. */
  readonly url: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzipped: Buffer;
}

const requireFromHere = createRequire(import.meta.url);

async function readSource(file: AssetSource['file']): Promise<Buffer> {
  // From the repository root, not from this module: compiled, it runs from dist/gateway/.
  if (typeof file === 'string') return readFile(repositoryPath(file));
  const [packageName, inside] = file;
  return readFile(path.join(path.dirname(requireFromHere.resolve(`${packageName}/package.json`)), inside));
}

/** A file served under `prefix` at a URL that names a hash of its content (the account pages use it too). */
export function asset(name: string, contentType: string, body: Buffer, prefix = ASSET_PREFIX): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const dot = name.lastIndexOf('.');
  return { url: `${prefix}${name.slice(0, dot)}.${hash}${name.slice(dot)}`, contentType, body, gzipped: gzipSync(body) };
}

/** Refuses every origin but this one: scripts, styles, fonts, images and fetches alike. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // The page is small and names the hashed assets: always revalidate it.
  'cache-control': 'no-cache',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

function pageHtml(options: PlaygroundOptions, assets: readonly Asset[]): string {
  const pageConfig = {
    endpoint: options.graphqlPath,
    workspaceHeader: options.workspaceHeader,
    introspection: options.introspection,
    defaultQuery: exampleOperation(options.workspaceHeader),
    // Empty placeholders, never a real key; the page sends no header left empty.
    defaultHeaders: JSON.stringify({ 'x-api-key': '', [options.workspaceHeader]: '' }, null, 2),
  };
  const styles = assets.filter((file) => file.contentType === CSS).map((file) => `<link rel="stylesheet" href="${file.url}">`);
  const scripts = assets.filter((file) => file.contentType === JAVASCRIPT).map((file) => `<script src="${file.url}"></script>`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Atrium API playground</title>',
    ...styles,
    `<script id="playground-config" type="application/json">${scriptJson(pageConfig)}</script>`,
    '</head>',
    '<body>',
    '<div id="graphiql">Loading the playground…</div>',
    ...scripts,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A browser navigating here (not a GraphQL client asking for JSON). */
function wantsHtml(request: IncomingMessage): boolean {
  return (request.headers.accept ?? '').split(',').some((type) => type.trim().toLowerCase().startsWith('text/html'));
}

export function send(request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string>, body: Buffer, gzipped?: Buffer): void {
  const useGzip = gzipped !== undefined && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const payload = useGzip ? gzipped : body;
  response.writeHead(status, {
    ...headers,
    ...(gzipped ? { vary: 'accept-encoding' } : {}),
    ...(useGzip ? { 'content-encoding': 'gzip' } : {}),
    'content-length': String(payload.length),
  });
  response.end(request.method === 'HEAD' ? undefined : payload);
}

/** A hashed asset, cached for good (its URL changes with its content), or 404 when there is none at that URL. */
export function sendAsset(request: IncomingMessage, response: ServerResponse, file: Asset | undefined): void {
  if (!file) {
    send(request, response, 404, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from('Not found'));
    return;
  }
  send(request, response, 200, { 'content-type': file.contentType, 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' }, file.body, file.gzipped);
}

export function createPlayground(options: PlaygroundOptions): Playground {
  // Read on the first visit, then kept: about 1.5 MB, not worth holding before anyone asks.
  let loaded: Promise<{ page: Buffer; assets: Map<string, Asset> }> | undefined;
  const load = async () => {
    const files = await Promise.all(ASSET_SOURCES.map(async (source) => asset(source.name, source.contentType, await readSource(source.file))));
    const all = [...files, asset('page.css', CSS, Buffer.from(PAGE_CSS))];
    return { page: Buffer.from(pageHtml(options, all)), assets: new Map(all.map((file) => [file.url, file])) };
  };

  return {
    handle: async (request, response, requestPath) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const isPage = requestPath === PLAYGROUND_PATH || (requestPath === options.graphqlPath && wantsHtml(request));
      if (!isPage && !requestPath.startsWith(ASSET_PREFIX)) return false;
      loaded ??= load().catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
      const { page, assets } = await loaded;
      if (isPage) {
        send(request, response, 200, PAGE_HEADERS, page);
        return true;
      }
      sendAsset(request, response, assets.get(requestPath));
      return true;
    },
  };
}
