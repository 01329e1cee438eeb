// `node scripts/launch.js <script> [arguments…]`: how `npm start`, `npm run serve` and
// `npm run db:migrate` begin. With NODE_ENV=production it runs the compiled
// dist/scripts/<script>.js (`npm run build`), and each process that one starts runs
// compiled too (scripts/supervisor.ts); otherwise scripts/<script>.ts through tsx, so
// development and tests need no build step. Plain JavaScript: it must run before anything
// is compiled, and without tsx in production.
//
// Production refuses a dist/ that is missing or older than its sources instead of building
// it: building needs TypeScript, a devDependency that a production install (the Docker
// image) leaves out; it would add seconds to every start and restart, and have several
// services write the same files at once; and running a stale build would quietly serve
// code other than the checkout. `npm run build` is one command, named in the refusal.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DIST = path.join(ROOT, 'dist');
const [script, ...args] = process.argv.slice(2);

/**
 * The sources (beside dist/) of the compiled files under folder that changed after them.
 * @param {string} folder
 * @returns {string[]}
 */
function staleFiles(folder) {
  /** @type {string[]} */
  const stale = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const compiled = path.join(folder, entry.name);
    if (entry.isDirectory()) stale.push(...staleFiles(compiled));
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const source = path.join(ROOT, path.relative(DIST, compiled)).replace(/\.js$/, '.ts');
    // An image holds no sources: nothing there can be newer than the build.
    if (existsSync(source) && statSync(source).mtimeMs > statSync(compiled).mtimeMs) stale.push(path.relative(ROOT, source));
  }
  return stale;
}

/**
 * @param {string} message
 * @returns {never}
 */
function refuse(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (!script || !/^[a-z][a-z-]*$/.test(script)) refuse('usage: node scripts/launch.js <script> [arguments…] (runs scripts/<script>.ts, or dist/scripts/<script>.js in production)');

let entry;
if (process.env.NODE_ENV === 'production') {
  entry = path.join(DIST, 'scripts', `${script}.js`);
  if (!existsSync(entry)) refuse(`NODE_ENV=production runs the compiled JavaScript, and ${path.relative(ROOT, entry)} is missing: run \`npm run build\` first.`);
  const stale = staleFiles(DIST);
  if (stale.length > 0) {
    const listed = stale.slice(0, 5).join(', ') + (stale.length > 5 ? ` and ${stale.length - 5} more` : '');
    refuse(`NODE_ENV=production runs the compiled JavaScript in dist/, which is older than its sources (${listed} changed since): run \`npm run build\` again.`);
  }
} else {
  entry = path.join(ROOT, 'scripts', `${script}.ts`);
  if (!existsSync(entry)) refuse(`No script ${path.relative(ROOT, entry)}`);
  // What `node --import tsx` does, now that the script to run is known.
  await import('tsx').catch((/** @type {unknown} */ error) => {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    refuse(
      'Outside NODE_ENV=production the scripts run as TypeScript through tsx, which is not installed here: set NODE_ENV=production to run the compiled dist/, or install every dependency (npm ci).',
    );
  });
}
// The script reads its arguments as if it had been started itself (`node <entry> <args>`).
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(entry).href);
