/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser: they see the DOM types.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { projectRoot } from '../../../src/config/project-root';

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's serious and critical findings on the page as it is now. Run
 * through the DevTools protocol (page.evaluate), which the page's CSP does
 * not govern, so the check needs no hole in the policy under test.
 */
export async function seriousAxeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Every Content-Security-Policy violation and uncaught error of the context's pages, as they happen. */
export async function watchPageProblems(context: BrowserContext): Promise<{ csp: string[]; errors: string[]; attach: (page: Page) => void }> {
  const csp: string[] = [];
  const errors: string[] = [];
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
    csp.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation: (s: string) => void }).__reportCspViolation(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const attach = (page: Page) => {
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) csp.push(`${page.url()}: ${message.text()}`);
    });
  };
  return { csp, errors, attach };
}

export const SCREENSHOTS = path.join(projectRoot(), 'var/screenshots');

export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, name);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/**
 * The server serves what `npm run build` put in dist/web; a bundle older
 * than its sources would test yesterday's console.
 */
export function assertConsoleBuilt(): void {
  const root = projectRoot();
  const manifestFile = path.join(root, 'dist/web/manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error('dist/web is not built: run `npm run build` before `npm run test:browser`');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, string>;
  const built = fs.statSync(path.join(root, 'dist/web', manifest.console)).mtimeMs;
  const newest = Math.max(...['web/console', 'web/shared'].flatMap((dir) => sources(path.join(root, dir))).map((f) => fs.statSync(f).mtimeMs));
  if (newest > built) throw new Error('dist/web is older than web/: run `npm run build` before `npm run test:browser`');
}

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Waits until the locator's text is (or matches) `expected`; fails with the text it last had. */
export async function textSoon(locator: Locator, expected: string | RegExp, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = (await locator.innerText().catch(() => '')).trim();
    if (typeof expected === 'string' ? text === expected : expected.test(text)) return;
    if (Date.now() > deadline) throw new Error(`expected the text ${JSON.stringify(text)} to ${typeof expected === 'string' ? 'be' : 'match'} ${String(expected)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The focused element's attribute once it is `expected`, or as it is after
 * `timeoutMs`: the console moves focus in an effect that runs after the key's
 * render, so it lands a frame or more after the key press resolves.
 */
export async function focusedSoon(page: Page, attribute: string, expected: string | null, timeoutMs = 5000): Promise<string | null> {
  const read = () => page.evaluate((a) => document.activeElement?.getAttribute(a) ?? null, attribute);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await read();
    if (now === expected || Date.now() > deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
