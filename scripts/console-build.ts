// `npm run build:console` (always builds) and `npm run build:console -- --if-stale` (what
// postinstall runs): the console's built copy, console/dist/ (lib/console-build.ts).
import { buildConsole, ensureConsoleBuilt } from '../lib/console-build.js';
import { runMain } from './run-main.js';

await runMain(async () => {
  const started = performance.now();
  if (process.argv.includes('--if-stale')) {
    const result = await ensureConsoleBuilt();
    console.log(result.built ? `Console built (${result.state} before) in ${Math.round(result.milliseconds)} ms: console/dist/` : 'Console is up to date: console/dist/');
    return;
  }
  await buildConsole();
  console.log(`Console built in ${Math.round(performance.now() - started)} ms: console/dist/`);
});
