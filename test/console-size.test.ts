// Issue 18's size point: the console's JavaScript, gzipped, is under 300 KB. Read from
// console/dist/ as the test run's global setup built it (lib/console-build.ts): what the page
// loads first (its module script and the modules it preloads) and every script of the build
// (the first load plus any route loaded later), each gzipped on its own as the gateway sends
// it (gateway/console.ts). The limit holds for all of them; both figures are printed.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { CONSOLE_DIST } from '../lib/console-build.js';

const LIMIT_BYTES = 300 * 1024;

const gzippedSize = (file: string) => gzipSync(readFileSync(path.join(CONSOLE_DIST, 'assets', file))).length;
const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

it('keeps the gzipped JavaScript of the built console under 300 KB', () => {
  const page = readFileSync(path.join(CONSOLE_DIST, 'index.html'), 'utf8');
  // <script type="module" src> and <link rel="modulepreload" href>: what the first load fetches.
  const firstLoad = [...page.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/console\/assets\/([^"]+\.js)"/g)].map(([, file]) => file);
  const everyScript = readdirSync(path.join(CONSOLE_DIST, 'assets')).filter((file) => file.endsWith('.js'));
  expect(firstLoad.length, page).toBeGreaterThan(0);
  expect(everyScript).toEqual(expect.arrayContaining(firstLoad));

  const firstLoadBytes = firstLoad.reduce((sum, file) => sum + gzippedSize(file), 0);
  const everyScriptBytes = everyScript.reduce((sum, file) => sum + gzippedSize(file), 0);
  console.log(
    `console JavaScript, gzipped: first load ${kilobytes(firstLoadBytes)} (${firstLoad.length} file(s)), whole build ${kilobytes(everyScriptBytes)} (${everyScript.length} file(s)); limit ${kilobytes(LIMIT_BYTES)}`,
  );
  expect(everyScriptBytes, `gzipped JavaScript of the console: ${everyScript.join(', ')}`).toBeLessThan(LIMIT_BYTES);
});

it("is React's production build, whoever built it (the test run's NODE_ENV is `test`)", () => {
  const scripts = readdirSync(path.join(CONSOLE_DIST, 'assets')).filter((file) => file.endsWith('.js'));
  for (const file of scripts) {
    const code = readFileSync(path.join(CONSOLE_DIST, 'assets', file), 'utf8');
    // Warnings only React's development copy carries.
    expect(code, file).not.toContain('has been renamed, and is not recommended for use');
    expect(code, file).not.toContain('Warning: Each child in a list should have a unique');
  }
});
