// The console (console/, a React app built by Vite into console/dist/) served by the gateway
// at /console, beside the playground: the page for every path under /console (the app routes
// in the browser), and its hashed assets under /console/assets/, cached for good. The page
// carries the console's settings (OpenID providers to offer, whether a session cookie came,
// the retention) in a JSON script element; the app talks to nothing but the public /graphql
// and the /auth routes. Like the playground: exact asset names only (a request path never
// reaches the file system), and a Content-Security-Policy that allows this origin alone.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
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
}

async function loadBuilt(folder: string): Promise<Built | undefined> {
  const pagePath = path.join(folder, 'index.html');
  if (!existsSync(pagePath)) return undefined;
  const page = await readFile(pagePath, 'utf8');
  const assets = new Map<string, Asset>();
  const assetFolder = path.join(folder, 'assets');
  for (const name of existsSync(assetFolder) ? await readdir(assetFolder) : []) {
    const contentType = CONTENT_TYPES[path.extname(name)];
    if (!contentType) continue;
    const body = await readFile(path.join(assetFolder, name));
    // Vite names each file with a hash of its content already.
    assets.set(`${ASSET_PREFIX}${name}`, { url: `${ASSET_PREFIX}${name}`, contentType, body, gzipped: gzipSync(body) });
  }
  return { page, assets };
}

const NOT_BUILT = Buffer.from(
  'The console is not built. `npm install` and `npm start` build it (console/dist/); run `npm run build:console` to build it now. A production image builds it in its build stage.\n',
);

export function createConsole(options: ConsoleOptions): ConsolePages {
  const folder = options.distFolder ?? CONSOLE_DIST;
  // Read on the first visit, then kept; a missing build is looked for again on the next visit.
  let loaded: Promise<Built | undefined> | undefined;
  const providers = options.oidcProviders.map(({ id, label }) => ({ id, label }));

  return {
    handle: async (request, response, requestPath) => {
      if (requestPath !== CONSOLE_PATH && !requestPath.startsWith(`${CONSOLE_PATH}/`)) return false;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        send(request, response, 405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' }, Buffer.from('Method not allowed'));
        return true;
      }
      loaded ??= loadBuilt(folder).then(
        (built) => {
          if (!built) loaded = undefined;
          return built;
        },
        (error: unknown) => {
          loaded = undefined;
          throw error;
        },
      );
      let built: Built | undefined;
      try {
        built = await loaded;
      } catch (error) {
        options.logger.error('console files could not be read', { error });
        send(request, response, 500, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from('The console could not be loaded; the gateway log says why.\n'));
        return true;
      }
      if (!built) {
        send(request, response, 503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' }, NOT_BUILT);
        return true;
      }
      if (requestPath.startsWith(ASSET_PREFIX)) {
        sendAsset(request, response, built.assets.get(requestPath));
        return true;
      }
      // Every other path is a route of the app: the page, with this request's settings.
      const settings = { oidcProviders: providers, retentionDays: options.retentionDays, sessionCookie: readCookie(request, SESSION_COOKIE) !== undefined };
      const page = built.page.replace(CONFIG_PLACEHOLDER, `<script id="console-config" type="application/json">${scriptJson(settings)}</script>`);
      send(request, response, 200, PAGE_HEADERS, Buffer.from(page));
      return true;
    },
  };
}
