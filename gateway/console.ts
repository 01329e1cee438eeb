// The console (console/, a React app built by Vite into console/dist/) served by the gateway
// at /console, beside the playground: the page for every path under /console (the app routes
// in the browser), and its hashed assets under /console/assets/, cached for good. The page
// carries the console's settings (OpenID providers to offer, whether a session cookie came,
// the retention) in a JSON script element; the app talks to nothing but the public /graphql
// and the /auth routes. Like the playground: exact asset names only (a request path never
// reaches the file system), and a Content-Security-Policy that allows this origin alone.
// The copy is read on the first visit and read again when a page visit finds another one on
// disk (a rebuild beside a running gateway). gateway/console.test.ts covers all of it.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { scriptJson } from '../lib/html.js';
import { CONSOLE_DIST } from '../lib/console-build.js';
import type { Logger } from '../lib/logger.js';
import { send, sendAsset, type Asset } from './playground.js';
import { readCookie, SESSION_COOKIE } from './oidc-session-cookie.js';

export const CONSOLE_PATH = '/console';
const ASSET_PREFIX = `${CONSOLE_PATH}/assets/`;
const CONFIG_PLACEHOLDER = '<!--console-config-->';

export interface ConsoleOptions {
  /** OpenID providers the sign-in page offers (id and label only). */
  readonly oidcProviders: readonly { readonly id: string; readonly label: string }[];
  /** How long request logs and audit events are kept, said on their pages. */
  readonly retentionDays: number;
  readonly logger: Logger;
  /** Where the built copy is; default console/dist/. */
  readonly distFolder?: string;
}

export interface ConsolePages {
  /** True when this request is the console or one of its assets, and answers it. */
  readonly handle: (request: IncomingMessage, response: ServerResponse, path: string) => Promise<boolean>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** This origin alone; no inline script or style (the settings are JSON, not script). */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  // The sign-in form posts with fetch; the OpenID buttons are links to /auth.
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

interface Built {
  readonly page: string;
  readonly assets: ReadonlyMap<string, Asset>;
  /** Which copy of index.html this is (inode, size, time): a rebuild moves a new one in. */
  readonly version: string;
}

const pageFile = (folder: string) => path.join(folder, 'index.html');

/** Which copy of the page is there now, or undefined when there is none (not built, or a rebuild moving it). */
async function pageVersion(folder: string): Promise<string | undefined> {
  const stats = await stat(pageFile(folder)).catch(() => undefined);
  return stats ? `${stats.ino}:${stats.size}:${stats.mtimeMs}` : undefined;
}

async function loadBuilt(folder: string): Promise<Built | undefined> {
  const version = await pageVersion(folder);
  if (version === undefined) return undefined;
  const page = await readFile(pageFile(folder), 'utf8');
  const assets = new Map<string, Asset>();
  const assetFolder = path.join(folder, 'assets');
  const entries = existsSync(assetFolder) ? await readdir(assetFolder, { withFileTypes: true }) : [];
  for (const entry of entries) {
    const contentType = CONTENT_TYPES[path.extname(entry.name)];
    if (!contentType || !entry.isFile()) continue;
    const body = await readFile(path.join(assetFolder, entry.name));
    // Vite names each file with a hash of its content already.
    const url = `${ASSET_PREFIX}${entry.name}`;
    assets.set(url, { url, contentType, body, gzipped: gzipSync(body) });
  }
  return { page, assets, version };
}

/** The page with this request's settings, in place of the placeholder (or, if a build lost it, at the end of the head). */
function pageWithSettings(page: string, settings: unknown): Buffer {
  const element = `<script id="console-config" type="application/json">${scriptJson(settings)}</script>`;
  // A function, not a string: `$&`, `$'` and the like in a provider's label stay text.
  if (page.includes(CONFIG_PLACEHOLDER)) return Buffer.from(page.replace(CONFIG_PLACEHOLDER, () => element));
  return Buffer.from(page.replace(/<\/head>/i, (head) => `${element}\n${head}`));
}

const NOT_BUILT = Buffer.from(
  'The console is not built. `npm install` and `npm start` build it (console/dist/); run `npm run build:console` to build it now. A production image builds it in its build stage.\n',
);

export function createConsole(options: ConsoleOptions): ConsolePages {
  const folder = options.distFolder ?? CONSOLE_DIST;
  const providers = options.oidcProviders.map(({ id, label }) => ({ id, label }));
  // Read on the first visit, then kept. A page visit looks whether the copy on disk is another
  // (a rebuild: `npm run build:console` beside a running gateway) and reads it then; the assets
  // of copies read before stay served, for the pages browsers already have. A missing build is
  // looked for again on the next visit; a copy moved away mid-rebuild leaves the one we have.
  let current: Built | undefined;
  let loading: Promise<Built | undefined> | undefined;
  const reload = (): Promise<Built | undefined> =>
    (loading ??= loadBuilt(folder)
      .then((built) => {
        if (built) current = current ? { ...built, assets: new Map([...current.assets, ...built.assets]) } : built;
        return current;
      })
      .catch((error: unknown) => {
        // Read while a rebuild moved files: the copy we have still works; the next visit reads again.
        if (!current) throw error;
        options.logger.warn('console files could not be read again; serving the copy read before', { error });
        return current;
      })
      .finally(() => {
        loading = undefined;
      }));
  const builtCopy = async (isPage: boolean): Promise<Built | undefined> => {
    if (!current) return reload();
    if (!isPage) return current;
    const version = await pageVersion(folder);
    return version === undefined || version === current.version ? current : reload();
  };

  return {
    handle: async (request, response, requestPath) => {
      if (requestPath !== CONSOLE_PATH && !requestPath.startsWith(`${CONSOLE_PATH}/`)) return false;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        send(request, response, 405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' }, Buffer.from('Method not allowed'));
        return true;
      }
      const isAsset = requestPath.startsWith(ASSET_PREFIX);
      let built: Built | undefined;
      try {
        built = await builtCopy(!isAsset);
      } catch (error) {
        options.logger.error('console files could not be read', { error });
        send(request, response, 500, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from('The console could not be loaded; the gateway log says why.\n'));
        return true;
      }
      if (!built) {
        send(request, response, 503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' }, NOT_BUILT);
        return true;
      }
      if (isAsset) {
        sendAsset(request, response, built.assets.get(requestPath));
        return true;
      }
      // Every other path is a route of the app: the page, with this request's settings.
      const settings = { oidcProviders: providers, retentionDays: options.retentionDays, sessionCookie: readCookie(request, SESSION_COOKIE) !== undefined };
      send(request, response, 200, PAGE_HEADERS, pageWithSettings(built.page, settings));
      return true;
    },
  };
}
