// How the gateway serves the console (gateway/console.ts), against a fake build in a temporary
// folder and through a real HTTP server that reads the path as the gateway does: the page for
// every route with its settings and security headers, hashed assets cached for good, a request
// path that never reaches the file system, a missing build said with the command that makes it,
// and a rebuilt copy picked up on the next visit.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requestPath } from '../lib/http-server.js';
import { createLogger } from '../lib/logger.js';
import { createConsole, type ConsoleOptions } from './console.js';

const SCRIPT = 'console.log("the console");\n'.repeat(50);
const STYLE = 'body { margin: 0; }\n';
/** What sits beside the build and must never be served. */
const SECRET = 'NOT-FOR-THE-BROWSER-7f3a';

function pageHtml(script = 'index-AbC123.js'): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<title>Atrium console</title>',
    '<!--console-config-->',
    `<script type="module" crossorigin src="/console/assets/${script}"></script>`,
    '<link rel="stylesheet" crossorigin href="/console/assets/index-Def456.css">',
    '</head>',
    '<body><div id="root"></div></body>',
    '</html>',
    '',
  ].join('\n');
}

/** A folder laid out as Vite leaves console/dist/, inside a parent holding files that are not the console's. */
function fakeBuild(folder: string, script = 'index-AbC123.js'): void {
  mkdirSync(path.join(folder, 'assets'), { recursive: true });
  writeFileSync(path.join(folder, 'index.html'), pageHtml(script));
  writeFileSync(path.join(folder, 'assets', script), SCRIPT);
  writeFileSync(path.join(folder, 'assets', 'index-Def456.css'), STYLE);
  writeFileSync(path.join(folder, 'build-stamp.json'), `{"sources":"${SECRET}"}\n`);
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

interface Served {
  readonly url: string;
  /** A request with the path sent exactly as given (no client-side normalization). */
  readonly get: (rawPath: string, options?: { method?: string; headers?: Record<string, string> }) => Promise<Answer>;
  readonly close: () => Promise<void>;
}

/** The console behind an HTTP server that handles paths as gateway/server.ts does, 404 for the rest. */
async function serve(options: Partial<ConsoleOptions> & { distFolder: string }): Promise<Served> {
  const consolePages = createConsole({ oidcProviders: [], retentionDays: 30, logger: createLogger('silent'), ...options });
  const server: Server = createServer((request, response) => {
    void consolePages.handle(request, response, requestPath(request)).then((handled) => {
      if (!handled) response.writeHead(404, { 'x-not-console': '1' }).end('not the console');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get: (rawPath, { method = 'GET', headers = {} } = {}) =>
      new Promise((resolve, reject) => {
        const outgoing = httpRequest({ host: '127.0.0.1', port, path: rawPath, method, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        });
        outgoing.on('error', reject);
        outgoing.end();
      }),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The settings the page carries, as the app reads them (console/src/config.ts). */
function settingsOf(html: string): unknown {
  const match = /<script id="console-config" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  expect(match, html).not.toBeNull();
  return JSON.parse(match![1]);
}

let parent: string;
let dist: string;
let served: Served;

beforeAll(async () => {
  parent = mkdtempSync(path.join(tmpdir(), 'atrium-console-'));
  dist = path.join(parent, 'dist');
  fakeBuild(dist);
  writeFileSync(path.join(parent, 'package.json'), `{"secret":"${SECRET}"}\n`);
  served = await serve({
    distFolder: dist,
    oidcProviders: [{ id: 'corp', label: "Corp </script><script>alert(1)</script> $' $& $` <!--" }],
    retentionDays: 30,
  });
});

afterAll(async () => {
  await served?.close();
  rmSync(parent, { recursive: true, force: true });
});

describe('the page', () => {
  it.each(['/console', '/console/', '/console/tokens', '/console/workspace/members?tab=1'])('is the app for %s, with its security headers', async (route) => {
    const { status, headers, body } = await served.get(route);
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['cache-control']).toBe('no-cache');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    const policy = String(headers['content-security-policy']);
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"]) expect(policy).toContain(directive);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    const html = body.toString('utf8');
    expect(html).toContain('<script type="module" crossorigin src="/console/assets/index-AbC123.js"></script>');
    expect(html).not.toContain('<!--console-config-->');
  });

  it('carries the settings as JSON no provider label can break out of', async () => {
    const html = (await served.get('/console/')).body.toString('utf8');
    expect(settingsOf(html)).toEqual({
      oidcProviders: [{ id: 'corp', label: "Corp </script><script>alert(1)</script> $' $& $` <!--" }],
      retentionDays: 30,
      sessionCookie: false,
    });
    // One settings element and one script of the app: the label opened nothing.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('alert(1)</script>');
  });

  it('says a session cookie came only when the atrium_session cookie did', async () => {
    const cookieSaid = async (cookie?: string) => {
      const html = (await served.get('/console/tokens', cookie === undefined ? {} : { headers: { cookie } })).body.toString('utf8');
      return (settingsOf(html) as { sessionCookie: boolean }).sessionCookie;
    };
    expect(await cookieSaid()).toBe(false);
    expect(await cookieSaid('theme=dark; other_session=ats_x')).toBe(false);
    expect(await cookieSaid('atrium_session=')).toBe(false);
    expect(await cookieSaid('theme=dark; atrium_session=ats_abc')).toBe(true);
  });

  it('answers HEAD with the headers and no body', async () => {
    const { status, headers, body } = await served.get('/console/', { method: 'HEAD' });
    expect(status).toBe(200);
    expect(Number(headers['content-length'])).toBeGreaterThan(0);
    expect(body.length).toBe(0);
  });

  it('refuses other methods with 405 and the ones allowed', async () => {
    for (const [method, route] of [
      ['POST', '/console/'],
      ['PUT', '/console/assets/index-AbC123.js'],
      ['DELETE', '/console/tokens'],
    ]) {
      const { status, headers } = await served.get(route, { method });
      expect({ method, status, allow: headers.allow }).toEqual({ method, status: 405, allow: 'GET, HEAD' });
    }
  });

  it.each(['/consolex', '/console-old/', '/consoles/assets/index-AbC123.js', '/', '/graphql'])('leaves %s to the rest of the gateway', async (route) => {
    const { status, headers } = await served.get(route);
    expect({ status, notConsole: headers['x-not-console'] }).toEqual({ status: 404, notConsole: '1' });
  });
});

describe('the assets', () => {
  it('serves a hashed asset cached for good, gzipped when the client accepts it', async () => {
    const plain = await served.get('/console/assets/index-AbC123.js');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(SCRIPT);

    const gzipped = await served.get('/console/assets/index-AbC123.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toBe('accept-encoding');
    expect(gzipped.body.length).toBeLessThan(SCRIPT.length);
    expect(gunzipSync(gzipped.body).toString('utf8')).toBe(SCRIPT);

    const style = await served.get('/console/assets/index-Def456.css');
    expect({ status: style.status, type: style.headers['content-type'] }).toEqual({ status: 200, type: 'text/css; charset=utf-8' });
  });

  it('answers HEAD of an asset without a body', async () => {
    const { status, headers, body } = await served.get('/console/assets/index-AbC123.js', { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
    expect(status).toBe(200);
    expect(headers['content-encoding']).toBe('gzip');
    expect(body.length).toBe(0);
  });

  it('answers 404 for an asset that is not there', async () => {
    for (const route of ['/console/assets/index-Zzz999.js', '/console/assets/', '/console/assets/INDEX-ABC123.JS', '/console/assets/index-AbC123.js/']) {
      const { status, headers } = await served.get(route);
      expect({ route, status, cache: headers['cache-control'] }).toEqual({ route, status: 404, cache: undefined });
    }
  });

  it('never reads outside the built assets, however the path is written', async () => {
    const attempts = [
      '/console/assets/../package.json',
      '/console/assets/../../package.json',
      '/console/assets/%2e%2e/%2e%2e/package.json',
      '/console/assets/%2E%2E%2Fbuild-stamp.json',
      '/console/assets/..%2f..%2fpackage.json',
      '/console/assets/..%5c..%5cpackage.json',
      '/console/assets/..\\..\\package.json',
      '/console/assets/%252e%252e/package.json',
      '/console/assets//etc/passwd',
      '/console/build-stamp.json',
      '/console/index.html',
      '/console/../package.json',
      '/console/assets/index-AbC123.js%00.css',
    ];
    for (const attempt of attempts) {
      const { status, headers, body } = await served.get(attempt);
      const text = body.toString('utf8');
      expect(text, attempt).not.toContain(SECRET);
      // Either the app's page (a route of the app) or a plain 404: never a file.
      if (status === 200) expect({ attempt, type: headers['content-type'], page: text.includes('<div id="root">') }).toEqual({ attempt, type: 'text/html; charset=utf-8', page: true });
      else expect({ attempt, status }).toEqual({ attempt, status: 404 });
    }
  });
});

describe('the build', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('says it is missing with the command that builds it, and finds it on a later visit once it exists', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'atrium-console-missing-'));
    folders.push(folder);
    const later = await serve({ distFolder: path.join(folder, 'dist') });
    try {
      for (const route of ['/console/', '/console/assets/index-AbC123.js']) {
        const missing = await later.get(route);
        expect(missing.status).toBe(503);
        expect(missing.headers['retry-after']).toBe('10');
        expect(missing.body.toString('utf8')).toContain('npm run build:console');
      }
      fakeBuild(path.join(folder, 'dist'));
      const found = await later.get('/console/');
      expect(found.status).toBe(200);
      expect(found.body.toString('utf8')).toContain('/console/assets/index-AbC123.js');
      expect((await later.get('/console/assets/index-AbC123.js')).status).toBe(200);
    } finally {
      await later.close();
    }
  });

  it('serves a rebuilt copy on the next visit, and still the assets of the page a browser already has', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'atrium-console-rebuilt-'));
    folders.push(folder);
    fakeBuild(path.join(folder, 'dist'));
    const running = await serve({ distFolder: path.join(folder, 'dist') });
    try {
      expect((await running.get('/console/')).body.toString('utf8')).toContain('index-AbC123.js');
      // As lib/console-build.ts replaces the copy: a new folder moved in place.
      fakeBuild(path.join(folder, 'next'), 'index-New789.js');
      rmSync(path.join(folder, 'dist'), { recursive: true });
      renameSync(path.join(folder, 'next'), path.join(folder, 'dist'));
      expect((await running.get('/console/')).body.toString('utf8')).toContain('index-New789.js');
      expect((await running.get('/console/assets/index-New789.js')).status).toBe(200);
      expect((await running.get('/console/assets/index-AbC123.js')).status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('keeps serving the copy it has while a rebuild has moved it away', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'atrium-console-moving-'));
    folders.push(folder);
    fakeBuild(path.join(folder, 'dist'));
    const running = await serve({ distFolder: path.join(folder, 'dist') });
    try {
      expect((await running.get('/console/')).status).toBe(200);
      renameSync(path.join(folder, 'dist'), path.join(folder, 'previous'));
      expect((await running.get('/console/tokens')).status).toBe(200);
      expect((await running.get('/console/assets/index-AbC123.js')).status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('puts the settings in the head when a page has lost the placeholder', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'atrium-console-no-placeholder-'));
    folders.push(folder);
    fakeBuild(path.join(folder, 'dist'));
    writeFileSync(path.join(folder, 'dist', 'index.html'), pageHtml().replace('<!--console-config-->\n', ''));
    const running = await serve({ distFolder: path.join(folder, 'dist'), retentionDays: 7 });
    try {
      const html = (await running.get('/console/')).body.toString('utf8');
      expect(settingsOf(html)).toEqual({ oidcProviders: [], retentionDays: 7, sessionCookie: false });
      expect(html.indexOf('id="console-config"')).toBeLessThan(html.indexOf('</head>'));
    } finally {
      await running.close();
    }
  });
});
