// Vite builds the console into console/dist/ (`npm run build:console`, or on install and on
// `npm start` when its sources changed: scripts/console-build.ts), which the gateway serves
// at /console (gateway/console.ts). `npm run dev:console` serves the sources with hot reload
// on http://127.0.0.1:5173/console/ and hands /graphql and /auth/ to a running gateway
// (ATRIUM_GATEWAY_URL, default :4000). So that the page behaves as the gateway's does, the
// dev server puts in the settings the gateway writes for this browser (its OpenID providers,
// whether a session cookie came: gateway/console.ts), and tells the gateway its own origin
// for requests from the dev page, whose origin it would not trust with the session cookie.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

const gateway = new URL(process.env.ATRIUM_GATEWAY_URL ?? 'http://127.0.0.1:4000');
const DEV_PORT = 5173;
/** The dev page's own origins: only their requests are vouched for to the gateway (any other keeps its Origin, and the CSRF check). */
const DEV_ORIGINS = new Set([`http://127.0.0.1:${DEV_PORT}`, `http://localhost:${DEV_PORT}`]);
const CONFIG_PLACEHOLDER = '<!--console-config-->';
const CONFIG_ELEMENT = /<script id="console-config" type="application\/json">[\s\S]*?<\/script>/;

/** The settings element of the gateway's console page for a browser with this cookie; undefined when the gateway does not answer. */
async function gatewaySettings(cookie: string | undefined): Promise<string | undefined> {
  try {
    const answer = await fetch(new URL('/console/', gateway), { headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(3000) });
    return CONFIG_ELEMENT.exec(await answer.text())?.[0];
  } catch {
    return undefined;
  }
}

/** A browser navigating to a route of the app (not one of the dev server's own files). */
function isPageNavigation(request: IncomingMessage, pathname: string): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (!pathname.startsWith('/console/') || pathname.startsWith('/console/@') || pathname.startsWith('/console/src/') || pathname.startsWith('/console/node_modules/')) return false;
  return String(request.headers.accept ?? '').includes('text/html');
}

/** Development only: the app's page with the gateway's settings, for every route (and /console sent to /console/, as the gateway answers it). */
function settingsFromGateway(): Plugin {
  let warned = false;
  return {
    name: 'atrium-console-settings',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const url = new URL(request.url ?? '/', 'http://dev-server');
        if (url.pathname === '/console') {
          response.writeHead(302, { location: `/console/${url.search}` }).end();
          return;
        }
        if (!isPageNavigation(request, url.pathname)) return next();
        void (async () => {
          const template = await readFile(path.join(import.meta.dirname, 'index.html'), 'utf8');
          const page = await server.transformIndexHtml(`${url.pathname}${url.search}`, template);
          const settings = await gatewaySettings(request.headers.cookie);
          if (!settings && !warned) {
            warned = true;
            server.config.logger.warn(`The gateway at ${gateway.origin} did not give the console's settings (is it running? ATRIUM_GATEWAY_URL): the page uses its defaults.`);
          }
          const body = settings ? page.replace(CONFIG_PLACEHOLDER, () => settings) : page;
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(request.method === 'HEAD' ? undefined : body);
        })().catch(next);
      });
    },
  };
}

const toGateway: ProxyOptions = {
  target: gateway.origin,
  changeOrigin: true,
  configure: (proxy) => {
    proxy.on('proxyReq', (proxyRequest, request) => {
      const origin = request.headers.origin;
      if (origin !== undefined && DEV_ORIGINS.has(origin)) proxyRequest.setHeader('origin', gateway.origin);
    });
  },
};

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react(), settingsFromGateway()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every asset is a file: the gateway's Content-Security-Policy allows no inline script or style.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    port: DEV_PORT,
    // Another port would be another origin than the one vouched for above.
    strictPort: true,
    proxy: { '/graphql': toGateway, '/auth/': toGateway },
  },
});
