// `npm install`'s last step: builds the console (console/dist/) when its copy is missing or
// older than its sources, so that after the README's two commands `npm start` serves it at
// once. Plain JavaScript, like launch.js: it runs before anything is compiled. Skipped, saying
// why, where there is nothing to build with: a production install (no Vite, no tsx; the image
// builds the console in its build stage) or a checkout without console/ sources (the image's
// dependency layer). A failed build does not fail the install: `npm start` and the tests
// build again and report what failed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);

/** @param {string} name */
function installed(name) {
  try {
    require.resolve(`${name}/package.json`, { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

if (!existsSync(path.join(ROOT, 'console', 'vite.config.ts'))) {
  console.log('atrium: no console sources here, nothing to build');
} else if (process.env.NODE_ENV === 'production' || !installed('vite') || !installed('tsx')) {
  console.log('atrium: console not built here (no Vite: a production install serves the copy built with the image)');
} else {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'console-build.ts'), '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) console.warn('atrium: building the console failed (above); `npm start` and `npm test` will try again');
}
