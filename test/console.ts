// The console's browser tests share this: a chromium page on the console of a test stack
// with every request that leaves localhost aborted (and recorded), page errors and console
// errors collected, sign-in through the page's own form, screenshots of a page at 1280 and
// 375 px into test-artifacts/console/, and an axe-core scan that lists serious and critical
// violations. Each test file starts its own stack and browser (test/browser.ts).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { repositoryPath } from '../lib/paths.js';
import { LOCAL_HOSTS } from './browser.js';
import type { TestStack } from './testkit.js';

export const CONSOLE_ARTIFACTS = repositoryPath('test-artifacts/console');
export const WIDE = { width: 1280, height: 900 };
export const NARROW = { width: 375, height: 812 };

export interface ConsoleSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The console's address on the stack's gateway (`http://127.0.0.1:<port>/console/`). */
  readonly url: string;
  /** Requests to anywhere but localhost, aborted. */
  readonly aborted: string[];
  /** Page errors and console errors, in order. */
  readonly problems: string[];
  /** Console errors the test itself causes on purpose (a refused request's status): matched, then not counted. */
  readonly expectProblem: (pattern: RegExp) => void;
  /** The problems no test expected. */
  readonly unexpectedProblems: () => string[];
}

export function consoleUrl(stack: TestStack, route = ''): string {
  return new URL(`/console/${route.replace(/^\//, '')}`, stack.gatewayUrl).href;
}

/** A new browser context on the console, offline but for localhost, clipboard allowed. */
export async function openConsole(browser: Browser, stack: TestStack, viewport = WIDE): Promise<ConsoleSession> {
  const context = await browser.newContext({ viewport });
  const origin = new URL(stack.gatewayUrl).origin;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const aborted: string[] = [];
  const problems: string[] = [];
  const expected: RegExp[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOCAL_HOSTS.has(url.hostname)) return route.continue();
    aborted.push(url.href);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  const url = consoleUrl(stack);
  await page.goto(url);
  return {
    context,
    page,
    url,
    aborted,
    problems,
    expectProblem: (pattern) => expected.push(pattern),
    unexpectedProblems: () => problems.filter((problem) => !expected.some((pattern) => pattern.test(problem))),
  };
}

/** Signs in through the form, as a person would, and waits for the console's frame. */
export async function signInThroughConsole(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible(), { timeout: 15_000 }).toBe(true);
}

/** Screenshots of the current page, full length, at 1280 and 375 px wide: test-artifacts/console/<name>-1280.png and -375.png. */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  mkdirSync(CONSOLE_ARTIFACTS, { recursive: true });
  const original = page.viewportSize() ?? WIDE;
  const files: string[] = [];
  for (const viewport of [WIDE, NARROW]) {
    await page.setViewportSize(viewport);
    const file = path.join(CONSOLE_ARTIFACTS, `${name}-${viewport.width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    // Nothing may stick out sideways at this width: the page scrolls only down.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${viewport.width} px is ${overflow} px wider than the window`).toBeLessThanOrEqual(0);
    files.push(file);
  }
  await page.setViewportSize(original);
  return files;
}

/** axe-core's scan of the current page (WCAG 2.1 A and AA rules): the serious and critical violations, described. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
