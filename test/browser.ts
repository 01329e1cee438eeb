// How the browser tests run a real browser: Debian's chromium (CHROMIUM_PATH elsewhere),
// driven by playwright-core, headless, with nothing of its own reaching out (no QUIC, no
// background networking, no updates). One place for the path, the skip rule and the flags.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Hosts a page under test may reach; every other request is aborted. */
export const LOCAL_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether `what` must be skipped: outside CI a machine without chromium skips, saying so; in
 * CI (.ci/run installs it) a missing chromium fails the test instead.
 */
export function skipWithoutChromium(what: string): boolean {
  if (existsSync(CHROMIUM) || process.env.CI) return false;
  console.warn(`${what} skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return true;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
