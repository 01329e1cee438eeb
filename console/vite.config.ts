// Vite builds the console into console/dist/ (`npm run build:console`, or on install and on
// `npm start` when its sources changed: scripts/console-build.ts), which the gateway serves
// at /console (gateway/console.ts). `npm run dev:console` serves the sources with hot reload
// and hands /graphql and /auth to a running gateway (ATRIUM_GATEWAY_URL, default :4000).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const gateway = process.env.ATRIUM_GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every asset is a file: the gateway's Content-Security-Policy allows no inline script or style.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/graphql': gateway, '/auth': gateway },
  },
});
