// `npm run bench:console`: issue 18's first-load point. How fast the console's first page
// (the sign-in form) comes up in a browser that has never seen it, beside the playground (a
// page the same gateway serves from prebuilt bundles) loaded the same way, in one run. The
// subgraphs and a gateway run as shipped, each its own process (bench-services.ts); chromium
// (test/browser.ts) loads each page BENCH_LOADS times (default 20), each time in a new browser
// context (empty cache, no cookie), the two pages taking turns, first one then the other every
// other round; one load of each before is not counted (the gateway reads its files on the
// first visit). For each load, from the page's own clocks (milliseconds since navigation
// start): responseEnd (the HTML received), DOMContentLoaded, load, first contentful paint,
// and the moment the page is usable (the console's sign-in form, the playground's editor
// holding its operation) at the frame after it appeared, or the first contentful paint if
// that came later (nothing is seen before it); and the bytes its files took on the
// wire. Prints median and p95 of each. Timing only: no verdict, no assertion.
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { ensureConsoleBuilt } from '../lib/console-build.js';
import { CHROMIUM, launchChromium, LOCAL_HOSTS } from '../test/browser.js';
import { startBenchServices } from './bench-services.js';
import { percentile } from './percentile.js';
import { runMain } from './run-main.js';

const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const DATABASE = 'atrium_bench_console';

interface Target {
  readonly name: string;
  readonly path: string;
  /** What "usable" means on that page. */
  readonly usable: string;
  /** A browser expression, true once the page is usable (a string: it runs in the page as written). */
  readonly isUsable: string;
}

const TARGETS: readonly Target[] = [
  {
    name: 'console',
    path: '/console/',
    usable: 'sign-in form visible',
    isUsable: `(() => { const field = document.querySelector('form input#email'); return !!field && field.getBoundingClientRect().height > 0; })()`,
  },
  {
    name: 'playground',
    path: '/playground',
    usable: 'editor showing its operation',
    isUsable: `(() => { const editor = document.querySelector('.graphiql-query-editor .CodeMirror-code'); return !!editor && editor.getBoundingClientRect().height > 0 && /query Workspace/.test(editor.textContent || ''); })()`,
  },
];

/** Before the page's own scripts: watches the document and notes when it became usable, then the next frame. */
const usableWatcher = (isUsable: string) => `(() => {
  const check = () => {
    if (window.__usableAt !== undefined) return;
    if (!(${isUsable})) return;
    window.__usableAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => { window.__usablePaintedAt = performance.now(); });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

// The two below run in the page as functions (Playwright calls them without eval, which the
// pages' Content-Security-Policy refuses). Kept free of inner named functions: compiled by
// tsx, those would call a helper the page does not have.

/** Everything measured is in: the load event ended, first contentful paint and usable noted. */
const measured = () => {
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return (
    navigation !== undefined &&
    navigation.loadEventEnd > 0 &&
    performance.getEntriesByName('first-contentful-paint').length > 0 &&
    (window as unknown as { __usablePaintedAt?: number }).__usablePaintedAt !== undefined
  );
};

const readTimings = (): Timings => {
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
  const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  return {
    responseEnd: navigation.responseEnd,
    domContentLoaded: navigation.domContentLoadedEventEnd,
    load: navigation.loadEventEnd,
    firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    // Not painted before the first contentful paint, whatever the frame callback said.
    usable: Math.max((window as unknown as { __usablePaintedAt: number }).__usablePaintedAt, performance.getEntriesByName('first-contentful-paint')[0].startTime),
    bytes: navigation.encodedBodySize + resources.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
    files: [navigation.name, ...resources.map((entry) => entry.name)].map((url) => new URL(url).pathname),
  };
};

interface Timings {
  readonly responseEnd: number;
  readonly domContentLoaded: number;
  readonly load: number;
  readonly firstContentfulPaint: number;
  readonly usable: number;
  readonly bytes: number;
  /** Paths the page fetched, itself first. */
  readonly files: readonly string[];
}

const COLUMNS: readonly { readonly key: Exclude<keyof Timings, 'files'>; readonly title: string }[] = [
  { key: 'responseEnd', title: 'responseEnd' },
  { key: 'domContentLoaded', title: 'DOMContentLoaded' },
  { key: 'load', title: 'load' },
  { key: 'firstContentfulPaint', title: 'first paint (FCP)' },
  { key: 'usable', title: 'usable' },
];

/** One cold load: a new context (empty cache), nothing reaching beyond this machine. */
async function coldLoad(browser: Browser, url: string, target: Target): Promise<Timings> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.route('**/*', (route) => (LOCAL_HOSTS.has(new URL(route.request().url()).hostname) ? route.continue() : route.abort('internetdisconnected')));
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.addInitScript({ content: usableWatcher(target.isUsable) });
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
    await page.waitForFunction(measured, undefined, { timeout: 30_000 });
    if (problems.length > 0) throw new Error(`${target.name}: ${problems.join('; ')}`);
    return await page.evaluate(readTimings);
  } finally {
    await context.close();
  }
}

await runMain(async () => {
  const build = await ensureConsoleBuilt();
  if (build.built) console.log(`console built (${build.state} before) in ${Math.round(build.milliseconds)} ms`);
  const { services, stop } = await startBenchServices(DATABASE);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const urlOf = (target: Target) => new URL(target.path, services.gateway.url).href;
    for (const target of TARGETS) await coldLoad(browser, urlOf(target), target);
    const samples = new Map<string, Timings[]>(TARGETS.map((target) => [target.name, []]));
    for (let round = 0; round < LOADS; round += 1) {
      const order = round % 2 === 0 ? TARGETS : [...TARGETS].reverse();
      for (const target of order) samples.get(target.name)!.push(await coldLoad(browser, urlOf(target), target));
    }

    console.log(`\nfirst load, cold (a new browser context each time), ${LOADS} loads per page, chromium ${browser.version()} (${CHROMIUM}), headless, 1280×900`);
    console.log('milliseconds since navigation start, median / p95; usable: the frame after the page could be used, not before the first contentful paint');
    const widths = [12, ...COLUMNS.map(({ title }) => Math.max(title.length, 15)), 20];
    const row = (cells: readonly string[]) => cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[index]))).join('  ');
    console.log(row(['page', ...COLUMNS.map(({ title }) => title), 'transferred']));
    for (const target of TARGETS) {
      const loads = samples.get(target.name)!;
      const figures = COLUMNS.map(({ key }) => {
        const sorted = loads.map((load) => load[key]).sort((a, b) => a - b);
        return `${percentile(sorted, 0.5).toFixed(0)} / ${percentile(sorted, 0.95).toFixed(0)}`;
      });
      const bytes = percentile(
        loads.map((load) => load.bytes).sort((a, b) => a - b),
        0.5,
      );
      console.log(row([target.name, ...figures, `${(bytes / 1024).toFixed(0)} KB, ${loads[0].files.length} files`]));
    }
    console.log('');
    for (const target of TARGETS) console.log(`${target.name}: usable = ${target.usable}; fetched ${samples.get(target.name)![0].files.join(', ')}`);
    console.log(`machine: ${cpus().length} CPU(s), load average ${loadavg()[0].toFixed(1)} at the end (the figures grow with it)`);
  } finally {
    await browser?.close();
    await stop();
  }
});
