// The small pages the links in account mail open (issue 17): verify an email address, set a
// new password, join a workspace by invitation. Each is a static form; its script (served
// as a hashed asset, the only script the Content-Security-Policy allows) reads the token
// from the page's address and calls the public GraphQL API of the same origin when the
// user clicks. A GET changes nothing, because mail scanners open links before people do.
// The server never puts the token into a page, a log line or a header: these requests are
// answered before the pipeline, and its request log records /graphql requests only, with
// no query string. Pages are not cached and send no Referer, so the token does not travel.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { repositoryPath } from '../lib/paths.js';
import { asset, send, sendAsset, type Asset } from './playground.js';
import { escapeHtml, scriptJson } from '../lib/html.js';

const ASSET_PREFIX = '/account/assets/';

interface AccountPage {
  readonly title: string;
  /** Paragraphs above the form. */
  readonly intro: readonly string[];
  /** Labelled inputs: id, label, type, autocomplete. */
  readonly inputs: readonly (readonly [id: string, label: string, type: string, autocomplete: string])[];
  readonly button: string;
}

/** Every page, by the name its script knows it under; its path is /account/<name>. */
const PAGES: Readonly<Record<string, AccountPage>> = {
  'verify-email': {
    title: 'Verify your email address',
    intro: ['Confirm that this address is yours: your Atrium account can then create API keys and join the workspaces you are invited to.'],
    inputs: [],
    button: 'Verify my email',
  },
  'reset-password': {
    title: 'Set a new password',
    intro: ['Choose a new password for your Atrium account (at least 12 characters). Every session of the account is signed out; API keys keep working.'],
    inputs: [
      ['new-password', 'New password', 'password', 'new-password'],
      ['repeat-password', 'New password, again', 'password', 'new-password'],
    ],
    button: 'Set my new password',
  },
  invitation: {
    title: 'Join a workspace',
    intro: ['You were invited to a workspace on Atrium. Sign in with the account whose email address received the invitation, then join.'],
    inputs: [
      ['email', 'Email', 'email', 'username'],
      ['password', 'Password', 'password', 'current-password'],
    ],
    button: 'Sign in and join',
  },
};

const CSS = `body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input { display: block; width: 100%; box-sizing: border-box; padding: 0.5rem; font: inherit; }
button { margin-top: 1.5rem; padding: 0.5rem 1rem; font: inherit; background: #3b5bdb; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
button:disabled { background: #999; cursor: default; }
#account-status[data-kind="error"] { color: #c92a2a; }
#account-status[data-kind="done"] { color: #2b8a3e; font-weight: 600; }
`;

/** Nothing but this origin's own script, style and API; no form posts anywhere (the script sends). */
const CONTENT_SECURITY_POLICY = ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"].join('; ');

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // The address carries a token: keep the page out of caches, and the address out of Referer headers.
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

function pageHtml(name: string, page: AccountPage, graphqlPath: string, script: Asset, style: Asset): string {
  const config = scriptJson({ page: name, endpoint: graphqlPath });
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)} · Atrium</title>`,
    `<link rel="stylesheet" href="${style.url}">`,
    `<script id="account-page-config" type="application/json">${config}</script>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(page.title)}</h1>`,
    ...page.intro.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    '<form id="account-form" novalidate>',
    ...page.inputs.map(([id, label, type, autocomplete]) => `<label for="${id}">${escapeHtml(label)}</label><input id="${id}" name="${id}" type="${type}" autocomplete="${autocomplete}" required>`),
    `<button type="submit">${escapeHtml(page.button)}</button>`,
    '</form>',
    '<p id="account-status" role="status" aria-live="polite"></p>',
    '</main>',
    `<script src="${script.url}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export interface AccountPages {
  /** True when this request is an account page or one of its assets, and answers it. */
  readonly handle: (request: IncomingMessage, response: ServerResponse, path: string) => Promise<boolean>;
}

export function createAccountPages(options: { readonly graphqlPath: string }): AccountPages {
  let loaded: Promise<{ pages: Map<string, Buffer>; assets: Map<string, Asset> }> | undefined;
  const load = async () => {
    const script = asset('account.js', 'text/javascript; charset=utf-8', await readFile(repositoryPath('gateway/account-pages-client.js')), ASSET_PREFIX);
    const style = asset('account.css', 'text/css; charset=utf-8', Buffer.from(CSS), ASSET_PREFIX);
    const pages = new Map(Object.entries(PAGES).map(([name, page]) => [`/account/${name}`, Buffer.from(pageHtml(name, page, options.graphqlPath, script, style))]));
    return { pages, assets: new Map([script, style].map((file) => [file.url, file])) };
  };
  return {
    handle: async (request, response, path) => {
      if (!path.startsWith('/account/')) return false;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        send(request, response, 405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' }, Buffer.from('Method not allowed'));
        return true;
      }
      loaded ??= load().catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
      const { pages, assets } = await loaded;
      const page = pages.get(path);
      if (page) {
        send(request, response, 200, PAGE_HEADERS, page);
        return true;
      }
      sendAsset(request, response, assets.get(path));
      return true;
    },
  };
}
