/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser, with its DOM.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { projectRoot } from '../../../src/config/project-root';

/** What the page's Content-Security-Policy refused, and what it logged as errors. */
export interface Watched {
  page: Page;
  violations(): Promise<string[]>;
  consoleErrors: string[];
}

/**
 * Opens a page with a watch on Content-Security-Policy violations
 * (securitypolicyviolation events, recorded from before the page's first
 * script) and on console errors.
 */
export async function openWatched(context: BrowserContext, url: string): Promise<Watched> {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  return { page, consoleErrors, violations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations) };
}

/** The widget on a page; Playwright's CSS and text selectors reach into its open shadow root. */
export const widget = (page: Page): Locator => page.locator('[data-newsroom-comments]');

/** A comment (or reply) of the widget by a piece of its text. */
export const commentWith = (page: Page, text: string): Locator => widget(page).locator('article.comment', { hasText: text });

/** Clicks a provider's button, plays the reader at the sandbox provider in the popup, and waits for it to close. */
export async function loginWithPopup(page: Page, provider: 'Twitter' | 'Facebook', handle: string, name: string, action: 'allow' | 'deny' = 'allow'): Promise<void> {
  const [popup] = await Promise.all([page.context().waitForEvent('page'), widget(page).getByRole('button', { name: `Log in with ${provider}` }).click()]);
  await popup.waitForSelector('#screen_name');
  await popup.fill('#screen_name', handle);
  await popup.fill('#name', name);
  await Promise.all([popup.waitForEvent('close'), popup.click(`button[value=${action}]`)]);
}

const AXE = fs.readFileSync(path.join(projectRoot(), 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * axe-core over the widget (its shadow root included). Injected through the
 * DevTools protocol, not a script tag, so the page's strict CSP stays as it
 * is and is still watched. Returns the serious and critical violations.
 */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run({ include: [['[data-newsroom-comments]']] }, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

/** Where screenshots for a person to look at go: var/ is git-ignored. */
export function screenshotPath(name: string): string {
  const dir = path.join(projectRoot(), 'var/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** Retries an assertion until it holds or the time is up (then its last failure is thrown). */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
